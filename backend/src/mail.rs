//! Outgoing mail: `.eml` files in an outbox folder by default, or SMTP through `lettre`.

use std::path::PathBuf;

use domain::{Email, notice::Letter};
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox, MultiPart, SinglePart,
        header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue},
    },
};

use crate::{Error, Result};

/// Where mail goes.
#[derive(Debug, Clone)]
pub enum MailSettings {
    /// Written as `.eml` files to this folder.
    Outbox(PathBuf),
    /// Sent through the relay at this URL (`smtp://…` or `smtps://…`). Not logged: it may hold
    /// a password.
    Smtp {
        /// The lettre SMTP URL.
        url: String,
    },
}

/// A ready mail transport, and the privacy team's address: mail comes from it, and people's
/// messages go to it.
pub struct Mailer {
    transport: Transport,
    team: Email,
}

enum Transport {
    /// Writes `.eml` files.
    Outbox(AsyncFileTransport<Tokio1Executor>, PathBuf),
    /// Talks SMTP.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    /// Builds the transport; creates the outbox folder if needed.
    pub fn new(settings: &MailSettings, team: &Email) -> Result<Self> {
        Ok(Self {
            transport: Transport::new(settings)?,
            team: team.clone(),
        })
    }

    /// The privacy team's address.
    pub fn team(&self) -> &Email {
        &self.team
    }

    /// Sends `letter` from the team's address, as plain text and HTML alternatives, marked
    /// with the notice's name (`kind`) in an `X-Rightful-Notice` header for filters and tests.
    /// Logs where it went, never to whom. Returns the message as sent, its recipient
    /// withheld ([`withhold_recipient`]), to be kept as evidence.
    pub async fn send(&self, to: &Email, kind: &str, letter: &Letter) -> Result<String> {
        let message = build(&self.team, to, kind, letter)?;
        let kept = withhold_recipient(&String::from_utf8_lossy(&message.formatted()));
        self.transport.send(message).await?;
        Ok(kept)
    }
}

impl Transport {
    fn new(settings: &MailSettings) -> Result<Self> {
        match settings {
            MailSettings::Outbox(dir) => {
                crate::files::private_dir(dir).map_err(|e| {
                    anyhow::Error::new(e).context(format!("creating the outbox {}", dir.display()))
                })?;
                Ok(Self::Outbox(AsyncFileTransport::new(dir), dir.clone()))
            }
            MailSettings::Smtp { url } => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|builder| Self::Smtp(builder.build()))
                .map_err(|_| {
                    Error::Internal(anyhow::anyhow!("RIGHTFUL_SMTP_URL is not a valid SMTP URL"))
                }),
        }
    }

    async fn send(&self, message: Message) -> Result<()> {
        match self {
            Self::Outbox(transport, dir) => {
                let id = transport.send(message).await.map_err(|e| {
                    tracing::error!(error = %e, "writing mail to the outbox failed");
                    Error::Unavailable("mail")
                })?;
                tracing::info!(path = %dir.join(format!("{id}.eml")).display(), "mail written to the outbox");
            }
            Self::Smtp(transport) => {
                transport.send(message).await.map_err(|e| {
                    // The relay's reply can quote the recipient, so only its kind and code
                    // are logged.
                    let code = e.status().map(|c| c.to_string());
                    tracing::error!(
                        kind = smtp_error_kind(&e),
                        code,
                        "sending mail over SMTP failed"
                    );
                    Error::Unavailable("mail")
                })?;
                tracing::info!("mail handed to the SMTP relay");
            }
        }
        Ok(())
    }
}

/// `message` (RFC 5322 text) with its `To` header, folded lines and all, replaced by
/// `To: undisclosed-recipients:;`: the copy kept as evidence holds no address, so erasing a
/// person leaves none behind in it.
pub(crate) fn withhold_recipient(message: &str) -> String {
    let (head, body) = message.split_once("\r\n\r\n").unwrap_or((message, ""));
    let mut out = String::with_capacity(message.len());
    let mut skipping = false;
    for line in head.split("\r\n") {
        let folded = line.starts_with([' ', '\t']);
        if folded && skipping {
            continue;
        }
        skipping = line.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("to:"));
        out.push_str(if skipping {
            "To: undisclosed-recipients:;"
        } else {
            line
        });
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.push_str(body);
    out
}

/// What went wrong with an SMTP send, in words that carry no part of the relay's reply.
fn smtp_error_kind(err: &lettre::transport::smtp::Error) -> &'static str {
    if err.is_permanent() {
        "rejected permanently"
    } else if err.is_transient() {
        "rejected for now"
    } else if err.is_timeout() {
        "timed out"
    } else if err.is_tls() {
        "TLS failed"
    } else if err.is_response() {
        "unreadable reply"
    } else if err.is_client() {
        "client error"
    } else {
        "connection failed"
    }
}

fn build(from: &Email, to: &Email, kind: &str, letter: &Letter) -> Result<Message> {
    let from = Mailbox::new(
        Some("Rightful".to_owned()),
        from.as_str()
            .parse()
            .map_err(|e| anyhow::anyhow!("sender address: {e}"))?,
    );
    let to: Mailbox = to.as_str().parse().map_err(|_| {
        Error::Validation(domain::ValidationError::new(
            "email",
            "email.undeliverable",
            "That address cannot receive mail.",
        ))
    })?;
    // Quoted-printable always: accented text stays readable in the raw message, and lines
    // of any length are safe.
    let part = |content_type: ContentType, body: &str| {
        SinglePart::builder()
            .header(content_type)
            .header(ContentTransferEncoding::QuotedPrintable)
            .body(body.to_owned())
    };
    let body = MultiPart::alternative()
        .singlepart(part(ContentType::TEXT_PLAIN, &letter.text))
        .singlepart(part(ContentType::TEXT_HTML, &letter.html));
    Message::builder()
        .from(from)
        .to(to)
        .subject(letter.subject.as_str())
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Rightful-Notice"),
            kind.to_owned(),
        ))
        .multipart(body)
        .map_err(|e| Error::Internal(anyhow::anyhow!("building a message: {e}")))
}

#[cfg(test)]
mod tests {
    use super::withhold_recipient;

    #[test]
    fn the_kept_copy_names_no_recipient() {
        let sent = "From: Rightful <team@example.com>\r\nTo: \"A Person\"\r\n <a.person@example.org>\r\nSubject: to: you\r\n\r\nTo: the body stays\r\n";
        let kept = withhold_recipient(sent);
        assert!(!kept.contains("a.person"), "{kept}");
        assert_eq!(
            kept,
            "From: Rightful <team@example.com>\r\nTo: undisclosed-recipients:;\r\nSubject: to: you\r\n\r\nTo: the body stays\r\n"
        );
    }
}
