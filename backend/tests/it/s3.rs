//! The `s3://` blob store against a real S3-compatible server (moto's server mode, started
//! here): a multi-part export package stored, downloaded and checked, then swept by erasure.
//!
//! Needs moto: `MOTO_SERVER` names its `moto_server` program. `scripts/test.sh` installs it
//! and runs this test; plain `cargo test` skips it.

use std::{
    io::{Cursor, Read},
    process::{Child, Command, Stdio},
    time::Duration,
};

use backend::{
    blobs::{AmazonS3ConfigKey, Blobs},
    jobs::Worker,
    systems::NewSystem,
    testing::{
        TestDb,
        receiver::{Behaviour, Receiver},
        webhook_system,
    },
};
use domain::{Email, RequestKind, RequestStatus, system::Capability};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;
use sha2::{Digest, Sha256};

/// A moto server on a free port of 127.0.0.1, stopped when dropped.
struct Moto {
    child: Child,
    url: String,
}

impl Moto {
    async fn start() -> Self {
        let program = std::env::var("MOTO_SERVER").expect("MOTO_SERVER names moto_server");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server starts");
        // Owned at once, so that its `Drop` stops moto on every path.
        let moto = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        for _ in 0..100 {
            if reqwest::get(&moto.url).await.is_ok() {
                return moto;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("moto did not start");
    }

    /// Creates `bucket` and opens `s3://bucket/prefix` on it.
    async fn store(&self, bucket: &str, prefix: &str) -> Blobs {
        let created = reqwest::Client::new()
            .put(format!("{}/{bucket}", self.url))
            .send()
            .await
            .unwrap();
        assert!(created.status().is_success(), "{}", created.status());
        let setting =
            |key: &str, value: &str| (key.parse::<AmazonS3ConfigKey>().unwrap(), value.to_owned());
        let settings = [
            setting("aws_endpoint", &self.url),
            setting("aws_allow_http", "true"),
            setting("aws_access_key_id", "test"),
            setting("aws_secret_access_key", "test"),
            setting("aws_region", "us-east-1"),
            setting("aws_virtual_hosted_style_request", "false"),
        ];
        backend::blobs::open_with(&format!("s3://{bucket}/{prefix}"), &settings).unwrap()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// About 12 MiB of rows: more than two 5 MiB parts.
fn big_data() -> serde_json::Value {
    let rows: Vec<_> = (0..100_000)
        .map(|i| json!({ "id": i, "note": format!("row {i} {}", "x".repeat(100)) }))
        .collect();
    json!({ "orders": rows })
}

#[tokio::test]
#[ignore = "needs moto's S3 server: run through scripts/test.sh"]
async fn packages_go_to_s3_in_parts_and_erasure_sweeps_them() {
    let moto = Moto::start().await;
    let blobs = moto.store("rightful", "test").await;
    let t = TestDb::sqlite().await;
    let (backend, clock) = t.backend_with_blobs(blobs.clone());
    let data = big_data();
    let shop = Receiver::start(Behaviour::Data(data.clone())).await;
    let new = NewSystem {
        timeout_ms: 30_000,
        ..webhook_system("shop", &shop.url, &[Capability::AccessExport])
    };
    shop.set_secret(&backend.add_system(new).await.unwrap().0);
    let crm = Receiver::start(Behaviour::Receipt).await;
    let new = webhook_system("crm", &crm.url, &[Capability::Delete]);
    crm.set_secret(&backend.add_system(new).await.unwrap().0);
    let ada = t.sign_in(&backend, "ada@example.com").await;
    let id = backend
        .submit_request(ada, RequestKind::Export)
        .await
        .unwrap();
    let worker = Worker::new(backend.clone());
    worker.drain().await.unwrap();
    worker.drain().await.unwrap();
    assert_eq!(
        backend.request_view(id).await.unwrap().status,
        RequestStatus::Completed
    );

    let file = backend.export_download(ada, id).await.unwrap();
    let bytes: Vec<u8> = file
        .body
        .map(|chunk| chunk.unwrap().to_vec())
        .concat()
        .await;
    assert_eq!(bytes.len() as u64, file.size);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut stored = Vec::new();
    zip.by_name("systems/shop.json")
        .unwrap()
        .read_to_end(&mut stored)
        .unwrap();
    assert!(stored.len() > 10 * 1024 * 1024, "{} bytes", stored.len());
    let parsed: serde_json::Value = serde_json::from_slice(&stored).unwrap();
    assert_eq!(parsed, data);
    let mut manifest = String::new();
    zip.by_name("manifest.json")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    assert!(manifest.contains(&hex::encode(Sha256::digest(&stored))));

    let objects: Vec<_> = blobs.list(None).try_collect().await.unwrap();
    assert_eq!(objects.len(), 2, "the system's data and the package");

    let email = Email::parse("ada@example.com").unwrap();
    backend
        .file_request_for(&email, None, RequestKind::Delete, None)
        .await
        .unwrap();
    clock.advance(chrono::Duration::days(15));
    for _ in 0..3 {
        worker.drain().await.unwrap();
    }
    let left: Vec<_> = blobs.list(None).try_collect().await.unwrap();
    assert!(left.is_empty(), "erasure sweeps S3 too: {left:?}");
}
