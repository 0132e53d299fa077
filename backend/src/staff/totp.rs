//! RFC 6238 time-based one-time codes (HMAC-SHA1, 30-second steps, six digits: what every
//! authenticator app reads from an `otpauth://` URI), accepting one step either side for
//! clock drift.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per step.
const STEP: i64 = 30;

/// A fresh 160-bit secret.
pub fn generate_secret() -> Vec<u8> {
    rand::random::<[u8; 20]>().to_vec()
}

/// The six-digit code for `secret` in the step holding `at` (RFC 4226 dynamic truncation).
pub fn code_at(secret: &[u8], at: DateTime<Utc>) -> String {
    code_for_step(secret, at.timestamp().div_euclid(STEP))
}

/// Whether `code` is the code of the step holding `at`, or of the step either side.
pub fn verify(secret: &[u8], code: &str, at: DateTime<Utc>) -> bool {
    let step = at.timestamp().div_euclid(STEP);
    let code = code.trim();
    (step - 1..=step + 1).any(|s| {
        let expected = code_for_step(secret, s);
        subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), code.as_bytes()).into()
    })
}

fn code_for_step(secret: &[u8], step: i64) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let word = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", word % 1_000_000)
}

/// The `otpauth://` URI an authenticator app reads (as a QR code or typed in).
pub fn uri(account: &str, secret: &[u8]) -> String {
    let label: String = account
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect();
    format!(
        "otpauth://totp/Rightful:{label}?secret={}&issuer=Rightful",
        base32(secret)
    )
}

/// RFC 4648 base32 without padding, as authenticator apps take secrets.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, with the last six digits of each eight-digit value.
    #[test]
    fn matches_the_rfc_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            let at = DateTime::from_timestamp(time, 0).unwrap();
            assert_eq!(code_at(secret, at), code, "at {time}");
        }
    }

    #[test]
    fn accepts_one_step_of_drift_and_no_more() {
        let secret = b"12345678901234567890";
        let at = DateTime::from_timestamp(1_234_567_890, 0).unwrap();
        let code = code_at(secret, at);
        assert!(verify(secret, &code, at + chrono::Duration::seconds(30)));
        assert!(!verify(secret, &code, at + chrono::Duration::seconds(90)));
        assert!(!verify(secret, "000000", at) || code == "000000");
    }

    #[test]
    fn base32_is_rfc_4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(b"f"), "MY");
    }
}
