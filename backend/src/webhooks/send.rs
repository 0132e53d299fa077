//! Sending one signed webhook and sorting the reply into what to do next.

use std::time::Duration;

use super::{
    guard::{SystemNetworks, check_endpoint},
    signature::{SIGNATURE_HEADER, sign_with_all},
};

/// A delivery the system accepted.
pub(crate) enum Reply {
    /// 200 (or another 2xx but 202): the body holds data or a receipt.
    Answered(reqwest::Response),
    /// 202: the system will call back.
    Accepted,
}

/// A delivery that did not succeed. The texts hold no personal data.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Worth retrying: a timeout, no connection, 408, 425, 429 or 5xx.
    Transient(String),
    /// Retrying will not help: any other 4xx, or a redirect.
    Permanent(String),
}

/// One webhook to send.
pub(crate) struct Outgoing<'a> {
    pub endpoint: &'a str,
    /// The system's secrets: the current one, and the previous one after a rotation.
    pub secrets: &'a [String],
    pub idempotency_key: String,
    pub body: Vec<u8>,
    pub timeout: Duration,
    pub now_unix: i64,
    /// Where webhooks may go; the resolver enforces it for names, this for IP literals.
    pub networks: &'a SystemNetworks,
}

/// POSTs `out` and classifies the reply.
pub(crate) async fn send(client: &reqwest::Client, out: Outgoing<'_>) -> Result<Reply, Failure> {
    if let Err(why) = check_endpoint(out.endpoint, out.networks) {
        return Err(Failure::Permanent(format!("endpoint refused: {why}")));
    }
    let signature = sign_with_all(out.secrets, out.now_unix, &out.body);
    let sent = client
        .post(out.endpoint)
        .timeout(out.timeout)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(SIGNATURE_HEADER, signature)
        .header("Idempotency-Key", out.idempotency_key)
        .body(out.body)
        .send()
        .await;
    let response = match sent {
        Ok(response) => response,
        Err(err) if err.is_timeout() => {
            return Err(Failure::Transient(format!(
                "no reply within {} ms",
                out.timeout.as_millis()
            )));
        }
        Err(err) if err.is_connect() => {
            return Err(Failure::Transient("could not connect".to_owned()));
        }
        Err(_) => return Err(Failure::Transient("the request failed".to_owned())),
    };
    let status = response.status();
    match status.as_u16() {
        202 => Ok(Reply::Accepted),
        200..=299 => Ok(Reply::Answered(response)),
        408 | 425 | 429 | 500..=599 => Err(Failure::Transient(format!("HTTP {status}"))),
        300..=399 => Err(Failure::Permanent(format!(
            "HTTP {status}: redirects are not followed"
        ))),
        _ => Err(Failure::Permanent(format!("HTTP {status}"))),
    }
}

/// A reqwest error while reading a body, as a transient failure.
pub(crate) fn reading(err: &reqwest::Error) -> Failure {
    if err.is_timeout() {
        Failure::Transient("the reply did not finish in time".to_owned())
    } else {
        Failure::Transient("the reply was cut off".to_owned())
    }
}
