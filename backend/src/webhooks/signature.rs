//! `Rightful-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, for webhooks
//! Rightful sends and for callbacks it receives.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "Rightful-Signature";

/// Why a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The header is not `t=…,v1=…`.
    #[error("the signature header is malformed")]
    Malformed,
    /// The timestamp is too far from now (a replay or a wrong clock).
    #[error("the signature timestamp is outside the tolerance")]
    Stale,
    /// The MAC does not match.
    #[error("the signature does not match")]
    Mismatch,
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!());
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The header value signing `body` at `timestamp` (Unix seconds).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac(secret, timestamp, body).finalize().into_bytes())
    )
}

/// The header value signing `body` at `timestamp` with each of `secrets` (one `v1=` each),
/// so that a receiver holding any one of them can check it: how a secret rotation overlaps.
pub fn sign_with_all(secrets: &[String], timestamp: i64, body: &[u8]) -> String {
    let mut header = format!("t={timestamp}");
    for secret in secrets {
        header.push_str(",v1=");
        header.push_str(&hex::encode(
            mac(secret, timestamp, body).finalize().into_bytes(),
        ));
    }
    header
}

/// What a valid signature signed: its timestamp and the MAC that matched. Together they name
/// one signed message, however the header's parts were ordered or padded, so they are what
/// a replay guard keys on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The signed Unix timestamp.
    pub timestamp: i64,
    /// The matching HMAC-SHA256.
    pub mac: [u8; 32],
}

/// Checks a header value against `body`, in constant time, refusing timestamps more than
/// `tolerance_secs` away from `now`.
pub fn verify(
    secret: &str,
    header: &str,
    body: &[u8],
    now: i64,
    tolerance_secs: i64,
) -> Result<Verified, SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => {
                signatures.push(hex::decode(v).map_err(|_| SignatureError::Malformed)?)
            }
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now - timestamp).abs() > tolerance_secs {
        return Err(SignatureError::Stale);
    }
    let expected = mac(secret, timestamp, body);
    // Several v1 values allow a secret rotation; any one matching is enough.
    if signatures
        .iter()
        .any(|s| expected.clone().verify_slice(s).is_ok())
    {
        Ok(Verified {
            timestamp,
            mac: expected.finalize().into_bytes().into(),
        })
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test";

    #[test]
    fn a_signature_verifies_and_binds_body_time_and_secret() {
        let body = br#"{"event_id":"e1"}"#;
        let header = sign(SECRET, 1_700_000_000, body);
        let verified = verify(SECRET, &header, body, 1_700_000_100, 300).unwrap();
        assert_eq!(verified.timestamp, 1_700_000_000);
        let (t, v1) = header.split_once(',').unwrap();
        let reordered = format!("{v1}, {t},v1=00");
        assert_eq!(
            verify(SECRET, &reordered, body, 1_700_000_100, 300),
            Ok(verified),
            "the same message however the header is written"
        );
        assert_eq!(
            verify(SECRET, &header, b"{}", 1_700_000_100, 300),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("other", &header, body, 1_700_000_100, 300),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(SECRET, &header, body, 1_700_001_000, 300),
            Err(SignatureError::Stale)
        );
        for bad in ["", "t=1", "v1=00", "t=x,v1=00", "t=1,v1=zz"] {
            assert!(verify(SECRET, bad, body, 1, 300).is_err(), "{bad}");
        }
    }

    /// The value Python's hmac module gives for the example in docs/webhooks.md.
    #[test]
    fn matches_the_documented_example() {
        let header = sign("whsec_example", 1_767_225_600, b"{\"hello\":\"world\"}");
        assert_eq!(
            header,
            "t=1767225600,v1=d965d59aa433c61315c727c54670e55892b3210cf53cec8459d5bf60f1e2b9a8"
        );
    }
}
