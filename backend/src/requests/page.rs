//! The status page of one request, as its owner sees it: the timeline, the reply date and
//! why, progress across systems, the export file, and a denial with its route to appeal.

use chrono::{DateTime, Utc};
use domain::{
    RequestKind, RequestStatus, SubjectId, TaskState,
    dto::{AppealRoute, Denial, ExportState, RequestPage},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::timeline::timeline;
use crate::{
    Backend, Error, Result,
    entities::{export, job, request, request_event, task},
    jobs::JobState,
    privacy::summary,
};

impl Backend {
    /// Request `id` as its owner's status page shows it. Another person's request, or one
    /// that does not exist, is `NotFound` alike, so ids cannot be probed.
    pub async fn request_page(&self, subject: SubjectId, id: Uuid) -> Result<RequestPage> {
        let row = self.own_request(subject, id).await?;
        let entries = request_event::Entity::find()
            .filter(request_event::Column::RequestId.eq(id))
            .order_by_asc(request_event::Column::Seq)
            .all(self.db())
            .await?;
        let tasks = task::Entity::find()
            .filter(task::Column::RequestId.eq(id))
            .all(self.db())
            .await?;
        let done = tasks.iter().filter(|t| t.state == TaskState::Done).count();
        let export = self.export_state(&row).await?;
        let denial = self.denial_of(&row).await?;
        let milestones = self.deadlines_of(&row).await?;
        let messages = self.messages_of(id).await?;
        let evidence = self.evidence_of(id).await?;
        let particulars = row.filed_particulars();
        let mut summary = summary(row.clone())?;
        if let Some(ExportState::Ready { until }) = export {
            summary.download_until = Some(until);
        }
        Ok(RequestPage {
            regime: milestones.regime.to_owned(),
            why_this_date: milestones.trail,
            timeline: timeline(&entries),
            systems_done: count(done),
            systems_total: count(tasks.len()),
            can_cancel: row.status.is_cancelable(),
            extended: row.extended,
            export,
            denial,
            particulars,
            messages,
            evidence,
            summary,
        })
    }

    /// The person's own request `id`, or `NotFound`.
    pub(crate) async fn own_request(&self, subject: SubjectId, id: Uuid) -> Result<request::Model> {
        request::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .filter(|r| r.subject_id == subject.as_uuid())
            .ok_or(Error::NotFound("request"))
    }

    async fn export_state(&self, row: &request::Model) -> Result<Option<ExportState>> {
        if !row.kind.returns_data() || row.status != RequestStatus::Completed {
            return Ok(None);
        }
        let now = self.now();
        let package = export::Entity::find()
            .filter(export::Column::RequestId.eq(row.id))
            .one(self.db())
            .await?;
        if let Some(until) = package.as_ref().and_then(|p| live_until(p, now)) {
            return Ok(Some(ExportState::Ready { until }));
        }
        let building = job::Entity::find()
            .filter(job::Column::DedupeKey.eq(format!("package:{}", row.id)))
            .filter(job::Column::State.is_in([JobState::Queued, JobState::Running]))
            .one(self.db())
            .await?
            .is_some();
        // A completed request always had its package stored; with none and no build under
        // way, it is gone (or its build failed for good): the person may ask again.
        Ok(Some(if building {
            ExportState::Preparing
        } else {
            ExportState::Expired
        }))
    }

    async fn denial_of(&self, row: &request::Model) -> Result<Option<Denial>> {
        let Some(reason) = row
            .denial_reason
            .filter(|_| row.status == RequestStatus::Denied)
        else {
            return Ok(None);
        };
        let appeal = request::Entity::find()
            .filter(request::Column::AppealOf.eq(row.id))
            .filter(request::Column::Status.ne(RequestStatus::Canceled))
            .one(self.db())
            .await?;
        let route = match appeal {
            Some(appeal) if row.kind != RequestKind::Appeal => AppealRoute::Filed {
                id: appeal.id.to_string(),
            },
            _ => self.appeal_route(row),
        };
        Ok(Some(Denial {
            reason,
            message: row.denial_message.clone(),
            route,
        }))
    }
}

fn live_until(package: &export::Model, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (package.deleted_at.is_none() && package.expires_at > now).then_some(package.expires_at)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
