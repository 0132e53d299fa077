//! The `requests` table.

use domain::{DenialReason, ExtensionReason, PauseReason, RequestKind, RequestStatus};
use sea_orm::entity::prelude::*;

/// A rights request with its status and deadline milestones.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub subject_id: Uuid,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub jurisdiction: String,
    pub received_at: DateTimeUtc,
    pub acknowledge_by: Option<DateTimeUtc>,
    pub respond_by: Option<DateTimeUtc>,
    pub extension_notice_by: Option<DateTimeUtc>,
    pub extended_respond_by: Option<DateTimeUtc>,
    pub extended: bool,
    pub closed_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    /// Why it was denied (000011).
    pub denial_reason: Option<DenialReason>,
    /// What the person was told when it was denied (000011).
    pub denial_message: Option<String>,
    /// What the person wrote when filing, as JSON `domain::Particulars`; personal (000012).
    pub particulars: Option<String>,
    /// The denied request an appeal is about (000012).
    pub appeal_of: Option<Uuid>,
    /// The authorized agent who filed it, a subject of their own (000016).
    pub agent_id: Option<Uuid>,
    /// The SHA-256 of the token in the consumer's confirmation link (000016); the link
    /// keeps showing how the request stands after it was confirmed, declined or expired.
    pub confirm_hash: Option<String>,
    /// When an agent's request expires unless the consumer confirms it (000016).
    pub confirm_by: Option<DateTimeUtc>,
    /// The member of staff working it (000017).
    pub assignee_id: Option<Uuid>,
    /// When the reply is due, as [`Model::due`] gives it, stored for the queue (000017).
    pub due_at: Option<DateTimeUtc>,
    /// Calendar days from the receipt date to the date it was completed or denied, in the
    /// law's time zone, the receipt day not counted (000020).
    pub response_days: Option<i32>,
    /// Why it was extended (000020).
    pub extension_reason: Option<ExtensionReason>,
    /// How many times its clock was paused (000020).
    pub pauses: i32,
    /// How many days its clock was paused in all (000020).
    pub paused_days: i32,
    /// Why its clock was last paused (000020).
    pub pause_reason: Option<PauseReason>,
    /// When retention purged its personal data (000020).
    pub purged_at: Option<DateTimeUtc>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// What the person wrote when filing, read back from its JSON; `None` for kinds
    /// without, once erased, or if the stored text no longer parses.
    pub fn filed_particulars(&self) -> Option<domain::Particulars> {
        self.particulars
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
    }

    /// When the reply is due: the extended date once the request was extended.
    pub fn due(&self) -> Option<DateTimeUtc> {
        if self.extended {
            self.extended_respond_by
        } else {
            self.respond_by
        }
    }
}
