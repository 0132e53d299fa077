//! Requests as integrators see them: one by id, or a filtered page in keyset order.

use chrono::{DateTime, Utc};
use domain::{DenialReason, RequestKind, RequestStatus};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use crate::{Backend, Error, Result, entities::request};

/// A request with its dates; no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RequestView {
    /// The request id.
    pub id: Uuid,
    /// What was asked for.
    #[schema(value_type = String, example = "access")]
    pub kind: RequestKind,
    /// Where it is now.
    #[schema(value_type = String, example = "in_progress")]
    pub status: RequestStatus,
    /// The jurisdiction whose law applies.
    pub jurisdiction: String,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// Legal milestones (ends of day in the jurisdiction's zone, as UTC instants).
    pub acknowledge_by: Option<DateTime<Utc>>,
    /// See `acknowledge_by`.
    pub respond_by: Option<DateTime<Utc>>,
    /// See `acknowledge_by`.
    pub extension_notice_by: Option<DateTime<Utc>>,
    /// See `acknowledge_by`.
    pub extended_respond_by: Option<DateTime<Utc>>,
    /// Whether the extension was taken.
    pub extended: bool,
    /// When it reached a terminal state.
    pub closed_at: Option<DateTime<Utc>>,
    /// Why it was denied, if it was.
    #[schema(value_type = Option<String>, example = "identity_not_verified")]
    pub denial_reason: Option<DenialReason>,
}

impl From<request::Model> for RequestView {
    fn from(row: request::Model) -> Self {
        Self {
            kind: row.kind,
            status: row.status,
            id: row.id,
            jurisdiction: row.jurisdiction,
            received_at: row.received_at,
            acknowledge_by: row.acknowledge_by,
            respond_by: row.respond_by,
            extension_notice_by: row.extension_notice_by,
            extended_respond_by: row.extended_respond_by,
            extended: row.extended,
            closed_at: row.closed_at,
            denial_reason: row.denial_reason,
        }
    }
}

/// Filters and the page position for [`Backend::list_requests`].
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    /// Only this status.
    pub status: Option<RequestStatus>,
    /// Only this kind.
    pub kind: Option<RequestKind>,
    /// Continue after this request (the `next` of the previous page).
    pub after: Option<Uuid>,
    /// Page size, 1 to 500.
    pub limit: u64,
}

impl Backend {
    /// One request.
    pub async fn request_view(&self, id: Uuid) -> Result<RequestView> {
        request::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("request"))
            .map(RequestView::from)
    }

    /// What the person wrote when filing request `id`, for staff who decide on it (personal
    /// data: behind the approval scope, never in [`RequestView`]).
    pub async fn request_particulars(&self, id: Uuid) -> Result<Option<domain::Particulars>> {
        let row = request::Entity::find_by_id(id)
            .one(self.db())
            .await?
            .ok_or(Error::NotFound("request"))?;
        Ok(row.filed_particulars())
    }

    /// A page of requests, newest first, and the cursor of the next page if there is one.
    /// Keyset pagination on `(received_at, id)` stays fast and stable while requests arrive.
    pub async fn list_requests(
        &self,
        filter: &RequestFilter,
    ) -> Result<(Vec<RequestView>, Option<Uuid>)> {
        let limit = filter.limit.clamp(1, 500);
        let mut query = request::Entity::find();
        if let Some(status) = filter.status {
            query = query.filter(request::Column::Status.eq(status));
        }
        if let Some(kind) = filter.kind {
            query = query.filter(request::Column::Kind.eq(kind));
        }
        if let Some(after) = filter.after {
            let cursor = request::Entity::find_by_id(after)
                .one(self.db())
                .await?
                .ok_or(Error::NotFound("cursor"))?;
            query = query.filter(
                Condition::any()
                    .add(request::Column::ReceivedAt.lt(cursor.received_at))
                    .add(
                        Condition::all()
                            .add(request::Column::ReceivedAt.eq(cursor.received_at))
                            .add(request::Column::Id.lt(cursor.id)),
                    ),
            );
        }
        let mut rows = query
            .order_by_desc(request::Column::ReceivedAt)
            .order_by_desc(request::Column::Id)
            .limit(limit + 1)
            .all(self.db())
            .await?;
        let more = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let next = if more {
            rows.last().map(|r| r.id)
        } else {
            None
        };
        let views = rows.into_iter().map(RequestView::from).collect();
        Ok((views, next))
    }
}
