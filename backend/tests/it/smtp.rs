//! Mail over SMTP, through lettre, to a minimal SMTP server on 127.0.0.1 started by the test.

use std::sync::{Arc, Mutex};

use backend::{
    MailSettings,
    testing::{TestDb, client},
};
use domain::Email;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

/// Accepts SMTP sessions and keeps each message's DATA; with `reject`, refuses every
/// recipient with a reply that quotes the address, as real relays do.
async fn smtp_server(reject: bool) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 test\r\n",
                        "RCPT" if reject => {
                            b"550 5.1.1 <ada@example.com>: Recipient address rejected\r\n"
                        }
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go on\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

async fn sign_in_codes_go_out_over_smtp(t: TestDb) {
    let (port, received) = smtp_server(false).await;
    let smtp = MailSettings::Smtp {
        url: format!("smtp://127.0.0.1:{port}"),
    };
    let (backend, _) = t.backend_with_mail(smtp);
    let ada = Email::parse("ada@example.com").unwrap();
    backend.request_sign_in_code(&ada, &client()).await.unwrap();
    let messages = received.lock().unwrap().clone();
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].contains("To: ada@example.com"),
        "{}",
        messages[0]
    );
    let code = messages[0]
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()))
        .unwrap()
        .to_owned();
    assert!(code.bytes().all(|b| b.is_ascii_digit()));
    backend
        .verify_sign_in_code(&ada, &code, &client())
        .await
        .unwrap();
    assert!(!t.outbox().exists() || std::fs::read_dir(t.outbox()).unwrap().next().is_none());
}

/// Log lines written while it lives, for checking what they leave out.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Everything this test binary logs. A global subscriber, since the mail transport may log
/// from another thread than the test's.
fn captured_logs() -> Logs {
    static LOGS: std::sync::OnceLock<Logs> = std::sync::OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Logs::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        logs
    })
    .clone()
}

async fn a_refusal_quoting_the_address_is_logged_without_it(t: TestDb) {
    let (port, _) = smtp_server(true).await;
    let smtp = MailSettings::Smtp {
        url: format!("smtp://127.0.0.1:{port}"),
    };
    let (backend, _) = t.backend_with_mail(smtp);
    let logs = captured_logs();
    let err = backend
        .request_sign_in_code(&Email::parse("ada@example.com").unwrap(), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, backend::Error::Unavailable("mail")));
    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logged.contains("550"), "the code is kept: {logged}");
    assert!(
        !logged.contains("ada@example.com"),
        "the address is not: {logged}"
    );
}

async fn a_relay_that_is_down_is_a_clear_unavailable(t: TestDb) {
    let smtp = MailSettings::Smtp {
        url: "smtp://127.0.0.1:9".to_owned(),
    };
    let (backend, _) = t.backend_with_mail(smtp);
    let err = backend
        .request_sign_in_code(&Email::parse("ada@example.com").unwrap(), &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, backend::Error::Unavailable("mail")),
        "{err:?}"
    );
}

backend::db_tests!(
    sign_in_codes_go_out_over_smtp,
    a_refusal_quoting_the_address_is_logged_without_it,
    a_relay_that_is_down_is_a_clear_unavailable
);
