//! Messages about a request between the person and the privacy team: staff write through the
//! API (the console's side comes later), the person answers from the request's page. Each
//! message is mailed to the other side by a job queued in the same transaction, and noted in
//! the audit chain without its text. The text is personal data, deleted on erasure.

use domain::{
    Actor, AuditAction, MessageAuthor, Statement, SubjectId, dto::Message, notice::Notice,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use crate::{
    Backend, Error, Result,
    audit::{self, NewEvent},
    entities::{message, request},
    jobs::{self, JobKind, NewJob},
    throttle::Rule,
};

/// How many messages a person may write about one request in an hour.
const PER_REQUEST: Rule = Rule {
    limit: 10,
    window: chrono::Duration::hours(1),
};

/// How many messages a person may write in an hour, about all their requests together.
const PER_PERSON: Rule = Rule {
    limit: 30,
    window: chrono::Duration::hours(1),
};

impl Backend {
    /// Staff write `body` to the person who filed request `id`.
    pub async fn message_person(&self, id: Uuid, body: &str, actor: Actor) -> Result<()> {
        let body = Statement::parse("body", body)?;
        let row = request::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("request"))?;
        self.post_message(&row, MessageAuthor::Staff, &body, actor)
            .await
    }

    /// The person answers about their own request `id`, within [`PER_REQUEST`] and
    /// [`PER_PERSON`] an hour.
    pub async fn message_staff(&self, subject: SubjectId, id: Uuid, body: &str) -> Result<()> {
        let body = Statement::parse("body", body)?;
        let row = self.own_request(subject, id).await?;
        self.hit(&format!("message:{id}"), PER_REQUEST).await?;
        self.hit(&format!("messages-of:{subject}"), PER_PERSON)
            .await?;
        self.post_message(&row, MessageAuthor::Subject, &body, Actor::Subject)
            .await
    }

    /// The messages about request `id`, oldest first.
    pub async fn messages_of(&self, id: Uuid) -> Result<Vec<Message>> {
        let rows = message::Entity::find()
            .filter(message::Column::RequestId.eq(id))
            .order_by_asc(message::Column::CreatedAt)
            .order_by_asc(message::Column::Id)
            .all(self.db())
            .await?;
        Ok(rows
            .into_iter()
            .map(|m| Message {
                at: m.created_at,
                author: m.author,
                body: m.body,
            })
            .collect())
    }

    /// Stores a message with its audit entry and mail job. Refused once the person's
    /// identity was erased: erasure has already deleted their messages, and would not delete
    /// new ones.
    async fn post_message(
        &self,
        row: &request::Model,
        author: MessageAuthor,
        body: &Statement,
        actor: Actor,
    ) -> Result<()> {
        if self.reader_of(row.subject_id).await?.is_none() {
            return Err(Error::Conflict(
                "this person's identity has been erased; there is nobody to write to".into(),
            ));
        }
        let now = self.now();
        let txn = self.begin().await?;
        // Time-ordered, so messages written in the same instant keep their order.
        let id = Uuid::now_v7();
        let new = message::ActiveModel {
            id: Set(id),
            request_id: Set(row.id),
            author: Set(author),
            body: Set(body.as_str().to_owned()),
            created_at: Set(now),
        };
        message::Entity::insert(new).exec(&txn).await?;
        let event = NewEvent {
            request_id: row.id,
            action: AuditAction::Message,
            from: None,
            to: None,
            actor,
            detail: json!({ "author": author.as_str(), "message": id }),
        };
        audit::append(&txn, now, event).await?;
        let mail = NewJob {
            kind: JobKind::MessageMail { message_id: id },
            dedupe_key: Some(format!("message:{id}")),
            max_attempts: 8,
            run_at: None,
        };
        jobs::queue_in(&txn, now, mail).await?;
        Ok(txn.commit().await?)
    }

    /// The `mail.message` job: mails a message to the other side. Skipped when the message
    /// is gone (erased) or the person's address has been erased since.
    pub(crate) async fn send_message_mail(&self, id: Uuid) -> Result<()> {
        let Some(message) = message::Entity::find_by_id(id).one(self.db()).await? else {
            return Ok(());
        };
        let Some(request) = request::Entity::find_by_id(message.request_id)
            .one(self.db())
            .await?
        else {
            return Ok(());
        };
        let (request_id, kind, body) = (request.id.to_string(), request.kind, message.body);
        match message.author {
            MessageAuthor::Staff => {
                let Some(reader) = self.reader_of(request.subject_id).await? else {
                    return Ok(());
                };
                let notice = Notice::StaffMessage {
                    request_id,
                    kind,
                    body,
                };
                self.send_notice(&reader.email, reader.language, &notice, Some(request.id))
                    .await
            }
            MessageAuthor::Subject => {
                let notice = Notice::PersonWrote {
                    request_id,
                    kind,
                    body,
                };
                self.send_to_team(&notice).await
            }
        }
    }
}
