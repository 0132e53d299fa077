//! Keys derived from the one root secret, and keyed hashing.

use hmac::{Hmac, Mac};
use jsonwebtoken::{DecodingKey, EncodingKey};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The root secret. Redacted in `Debug`; never logged.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// Wraps secret bytes; at least 32 are required.
    pub fn new(bytes: Vec<u8>) -> Result<Self, &'static str> {
        if bytes.len() < 32 {
            Err("must be at least 32 bytes")
        } else {
            Ok(Self(bytes))
        }
    }

    /// A secret stored as hex by [`Secret::to_hex`].
    pub fn from_hex(text: &str) -> Result<Self, &'static str> {
        Self::new(hex::decode(text).map_err(|_| "is not a stored secret")?)
    }

    /// A fresh random secret, for a first start with none configured.
    pub fn generate() -> Self {
        let bytes: [u8; 32] = rand::random();
        Self(bytes.to_vec())
    }

    /// The secret as hex, for storing it in the data directory.
    pub fn to_hex(&self) -> String {
        hex::encode(&self.0)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Purpose-bound keys, so that one key leaking or being misused does not affect the others.
pub(crate) struct Keys {
    pub jwt_encoding: EncodingKey,
    pub jwt_decoding: DecodingKey,
    code: [u8; 32],
    /// HMAC keyed for identities once: keying hashes two blocks, as much again as hashing
    /// an address, and the suppression check hashes 100,000 addresses a call.
    identity: HmacSha256,
    sealing: [u8; 32],
}

/// The prefix of a sealed value: version 1 is XChaCha20-Poly1305 with a random nonce.
const SEALED: &str = "sealed:v1:";

impl Keys {
    pub fn derive(secret: &Secret) -> Self {
        let jwt = derive(&secret.0, b"rightful/jwt/v1");
        Self {
            jwt_encoding: EncodingKey::from_secret(&jwt),
            jwt_decoding: DecodingKey::from_secret(&jwt),
            code: derive(&secret.0, b"rightful/one-time-code/v1"),
            identity: mac(&derive(&secret.0, b"rightful/identity/v1"), &[]),
            sealing: derive(&secret.0, b"rightful/sealed-secrets/v1"),
        }
    }

    /// Encrypts a secret for storage (data systems' signing secrets): authenticated, so a
    /// changed value fails to open rather than opening to something else.
    pub fn seal(&self, plain: &str) -> String {
        use chacha20poly1305::{
            AeadCore, KeyInit, XChaCha20Poly1305,
            aead::{Aead, OsRng},
        };
        let cipher = XChaCha20Poly1305::new(&self.sealing.into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        // Encryption with a valid key and nonce only fails past 256 GiB of plaintext.
        let sealed = cipher
            .encrypt(&nonce, plain.as_bytes())
            .unwrap_or_else(|_| unreachable!());
        format!("{SEALED}{}{}", hex::encode(nonce), hex::encode(sealed))
    }

    /// Opens a value from [`Keys::seal`]. A value stored before sealing existed is returned
    /// as it is; `None` if a sealed value does not open (a different root secret, or
    /// tampering).
    pub fn open(&self, stored: &str) -> Option<String> {
        use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce, aead::Aead};
        let Some(rest) = stored.strip_prefix(SEALED) else {
            return Some(stored.to_owned());
        };
        let bytes = hex::decode(rest).ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(24);
        let nonce = XNonce::from(<[u8; 24]>::try_from(nonce).ok()?);
        let cipher = XChaCha20Poly1305::new(&self.sealing.into());
        let plain = cipher.decrypt(&nonce, sealed).ok()?;
        String::from_utf8(plain).ok()
    }

    /// Whether `stored` is sealed already.
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED)
    }

    /// A stable keyed hash of an identity (e.g. a normalized e-mail address), as hex.
    pub fn identity_hash(&self, identity: &str) -> String {
        hex::encode(self.identity_mac(identity))
    }

    /// [`Keys::identity_hash`] as bytes.
    pub fn identity_mac(&self, identity: &str) -> [u8; 32] {
        let mut mac = self.identity.clone();
        mac.update(identity.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The stored form of a sign-in code, bound to the address it was sent to.
    pub fn code_hash(&self, email_hash: &str, code: &str) -> String {
        hex::encode(
            mac(&self.code, &[email_hash.as_bytes(), b":", code.as_bytes()])
                .finalize()
                .into_bytes(),
        )
    }

    /// Whether `code` matches `stored`, compared in constant time.
    pub fn code_matches(&self, email_hash: &str, code: &str, stored: &str) -> bool {
        let Ok(expected) = hex::decode(stored) else {
            return false;
        };
        mac(&self.code, &[email_hash.as_bytes(), b":", code.as_bytes()])
            .verify_slice(&expected)
            .is_ok()
    }
}

fn mac(key: &[u8], parts: &[&[u8]]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    for part in parts {
        mac.update(part);
    }
    mac
}

fn derive(secret: &[u8], label: &[u8]) -> [u8; 32] {
    mac(secret, &[label]).finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_only_their_address_and_value() {
        let keys = Keys::derive(&Secret::generate());
        let stored = keys.code_hash("alice", "123456");
        assert!(keys.code_matches("alice", "123456", &stored));
        assert!(!keys.code_matches("alice", "123457", &stored));
        assert!(!keys.code_matches("bob", "123456", &stored));
        assert!(!keys.code_matches("alice", "123456", "not hex"));
    }

    #[test]
    fn sealed_secrets_open_only_with_their_key() {
        let keys = Keys::derive(&Secret::generate());
        let sealed = keys.seal("whsec_abc");
        assert!(Keys::is_sealed(&sealed) && !sealed.contains("whsec_abc"));
        assert_ne!(sealed, keys.seal("whsec_abc"), "a fresh nonce each time");
        assert_eq!(keys.open(&sealed).as_deref(), Some("whsec_abc"));
        assert_eq!(keys.open("whsec_plain").as_deref(), Some("whsec_plain"));
        let other = Keys::derive(&Secret::generate());
        assert_eq!(other.open(&sealed), None);
        let mut tampered = sealed.clone();
        tampered.replace_range(tampered.len() - 2.., "00");
        assert_eq!(keys.open(&tampered), None);
    }

    #[test]
    fn short_secrets_are_refused_and_debug_is_redacted() {
        assert!(Secret::new(vec![1; 31]).is_err());
        let secret = Secret::new(vec![7; 32]).unwrap();
        assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
    }
}
