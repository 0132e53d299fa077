//! A data system for tests: a real HTTP server on 127.0.0.1 that checks each webhook's
//! signature, applies each event id once (as the protocol asks receivers to), and answers as
//! told.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
};

use futures_util::StreamExt;

use crate::webhooks::{SIGNATURE_HEADER, verify};

/// How the receiver answers.
#[derive(Debug, Clone)]
pub enum Behaviour {
    /// 200 with a receipt.
    Receipt,
    /// 200 with this JSON as the person's data.
    Data(serde_json::Value),
    /// This status, with an empty body.
    Status(u16),
    /// Apply the event, then wait this long before answering 200 with a receipt.
    Slow(Duration),
    /// 202: it will call back (the test sends the callback).
    Accept,
    /// 200 with about this many bytes of JSON data, generated as it is sent (benchmarks).
    Large(u64),
}

#[derive(Default)]
struct Log {
    deliveries: usize,
    /// Event id → the first body seen with it.
    applied: HashMap<String, serde_json::Value>,
    order: Vec<String>,
    bad_signatures: usize,
}

struct Shared {
    secret: Mutex<Option<String>>,
    behaviour: Mutex<Behaviour>,
    log: Mutex<Log>,
}

/// A running receiver. It stops when the test's runtime ends.
#[derive(Clone)]
pub struct Receiver {
    /// Its webhook endpoint.
    pub url: String,
    shared: Arc<Shared>,
}

#[allow(clippy::expect_used, clippy::unwrap_used)]
impl Receiver {
    /// Starts a receiver on a free port.
    pub async fn start(behaviour: Behaviour) -> Self {
        let shared = Arc::new(Shared {
            secret: Mutex::new(None),
            behaviour: Mutex::new(behaviour),
            log: Mutex::new(Log::default()),
        });
        let app = Router::new()
            .route("/hook", post(receive))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}/hook", listener.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, shared }
    }

    /// An endpoint where nothing listens (a system that is down).
    pub async fn down_url() -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        drop(listener);
        format!("http://{addr}/hook")
    }

    /// Sets the signing secret to check (known once the system is added).
    pub fn set_secret(&self, secret: &str) {
        *self.shared.secret.lock().unwrap() = Some(secret.to_owned());
    }

    /// Changes how it answers from now on.
    pub fn set_behaviour(&self, behaviour: Behaviour) {
        *self.shared.behaviour.lock().unwrap() = behaviour;
    }

    /// Every delivery received with a good signature, duplicates included.
    pub fn deliveries(&self) -> usize {
        self.shared.log.lock().unwrap().deliveries
    }

    /// Deliveries refused for their signature.
    pub fn bad_signatures(&self) -> usize {
        self.shared.log.lock().unwrap().bad_signatures
    }

    /// The distinct events applied, in the order first seen.
    pub fn events(&self) -> Vec<serde_json::Value> {
        let log = self.shared.log.lock().unwrap();
        log.order.iter().map(|id| log.applied[id].clone()).collect()
    }
}

#[allow(clippy::unwrap_used)]
async fn receive(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let secret = shared.secret.lock().unwrap().clone().unwrap_or_default();
    let signature = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let now = chrono::Utc::now().timestamp();
    // Generous tolerance: tests move Rightful's clock, not this one.
    if verify(&secret, signature, &body, now, 10 * 365 * 86_400).is_err() {
        shared.log.lock().unwrap().bad_signatures += 1;
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let key = headers
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    // A test delivery (the console's admin screen) names no person and is not logged.
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    if value["type"] == "test" {
        return (StatusCode::OK, r#"{"ok":true}"#).into_response();
    }
    // The body must be the documented event, field for field.
    if serde_json::from_slice::<crate::webhooks::DeliveryEvent>(&body).is_err() {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let event = value;
    {
        let mut log = shared.log.lock().unwrap();
        log.deliveries += 1;
        if !log.applied.contains_key(&key) {
            log.order.push(key.clone());
            log.applied.insert(key, event);
        }
    }
    let behaviour = shared.behaviour.lock().unwrap().clone();
    match behaviour {
        Behaviour::Receipt => receipt(),
        Behaviour::Data(data) => (StatusCode::OK, data.to_string()).into_response(),
        Behaviour::Status(code) => StatusCode::from_u16(code)
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
        Behaviour::Slow(wait) => {
            tokio::time::sleep(wait).await;
            receipt()
        }
        Behaviour::Accept => StatusCode::ACCEPTED.into_response(),
        Behaviour::Large(size) => large(size),
    }
}

/// `{"events":[{"n":0,"text":"…"},…]}` of about `size` bytes, 1 MiB at a time.
fn large(size: u64) -> Response {
    const CHUNK: u64 = 1024 * 1024;
    let chunks = size.div_ceil(CHUNK);
    let body = futures_util::stream::iter(0..chunks).map(move |i| {
        let mut chunk = String::with_capacity(CHUNK as usize + 200);
        chunk.push_str(if i == 0 { "{\"events\":[" } else { "," });
        let mut n = 0;
        while (chunk.len() as u64) < CHUNK {
            if n > 0 {
                chunk.push(',');
            }
            chunk.push_str(&format!(
                "{{\"n\":{},\"text\":\"the quick brown fox jumps over the lazy dog {i}\"}}",
                i * 100_000 + n
            ));
            n += 1;
        }
        if i + 1 == chunks {
            chunk.push_str("]}");
        }
        Ok::<_, std::convert::Infallible>(Bytes::from(chunk))
    });
    (StatusCode::OK, axum::body::Body::from_stream(body)).into_response()
}

fn receipt() -> Response {
    (StatusCode::OK, r#"{"receipt":"done"}"#).into_response()
}
