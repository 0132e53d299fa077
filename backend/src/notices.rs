//! Mail to people and to the privacy team. The backend decides which [`Notice`] goes to whom
//! and gathers its facts; a [`NoticeWriter`] words it in the reader's language. In production
//! that is the app's writer, from its locale files, so no wording lives here.

use std::sync::Arc;

use domain::{
    Email, Language,
    notice::{Letter, Notice},
};
use uuid::Uuid;

use sea_orm::{ActiveValue::Set, EntityTrait};

use crate::{
    Backend, Result,
    entities::{notice_sent, subject},
};

/// Words notices: a subject, a plain-text part and an HTML part.
pub trait NoticeWriter: Send + Sync {
    /// `notice` worded in `language`; `site` is the public URL links start with (no
    /// trailing `/`).
    fn write(&self, notice: &Notice, language: Language, site: &str) -> Letter;
}

/// The writer the backend holds.
pub type Notices = Arc<dyn NoticeWriter>;

/// Who a notice to a person goes to: their address and their language.
pub(crate) struct Reader {
    /// Where to mail.
    pub email: Email,
    /// What to write in.
    pub language: Language,
}

impl Backend {
    /// The person to mail, in their language: `None` once their address has been erased.
    pub(crate) async fn reader_of(&self, subject: Uuid) -> Result<Option<Reader>> {
        let Some(row) = subject::Entity::find_by_id(subject).one(self.db()).await? else {
            return Ok(None);
        };
        let email = row.email.as_deref().and_then(|e| Email::parse(e).ok());
        Ok(email.map(|email| Reader {
            email,
            language: row.language.unwrap_or_default(),
        }))
    }

    /// Words `notice` in `language` and mails it to `to`. A notice `about` a request is kept,
    /// as sent but with its recipient withheld, for the request's evidence bundle.
    pub(crate) async fn send_notice(
        &self,
        to: &Email,
        language: Language,
        notice: &Notice,
        about: Option<Uuid>,
    ) -> Result<()> {
        let letter = self
            .inner
            .notices
            .write(notice, language, self.public_url());
        let eml = self.inner.mailer.send(to, notice.name(), &letter).await?;
        if let Some(request_id) = about {
            let row = notice_sent::ActiveModel {
                id: Set(Uuid::now_v7()),
                request_id: Set(request_id),
                name: Set(notice.name().to_owned()),
                sent_at: Set(self.now()),
                eml: Set(eml),
            };
            notice_sent::Entity::insert(row)
                .exec_without_returning(self.writer())
                .await?;
        }
        Ok(())
    }

    /// Mails `notice` to the privacy team, in the default language.
    pub(crate) async fn send_to_team(&self, notice: &Notice) -> Result<()> {
        let team = self.inner.mailer.team().clone();
        self.send_notice(&team, Language::default(), notice, None)
            .await
    }
}
