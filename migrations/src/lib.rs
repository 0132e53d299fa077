//! Rightful's schema as sea-orm migrations. The same migrations run on SQLite and PostgreSQL,
//! so they use only portable column types; one migration per change, never edited once landed.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_foundation;
mod m20261125_000002_data_systems;
mod m20261125_000003_api_keys;
mod m20261125_000004_subject_user_id;
mod m20261125_000005_tasks;
mod m20261125_000006_exports;
mod m20261201_000007_suppression_digests;
mod m20261201_000008_throttles;
mod m20261201_000009_system_secrets;
mod m20261201_000010_integrity;
mod m20261201_000011_denials;
mod m20261201_000012_particulars;
mod m20261201_000013_messages;
mod m20261201_000014_subject_language;
mod m20261207_000015_evidence;
mod m20261207_000016_agents;
mod m20261207_000017_console;
mod m20261207_000018_reveals;
mod m20261207_000019_audit_anchors;
mod m20261207_000020_reporting;

/// Applies every migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_foundation::Migration),
            Box::new(m20261125_000002_data_systems::Migration),
            Box::new(m20261125_000003_api_keys::Migration),
            Box::new(m20261125_000004_subject_user_id::Migration),
            Box::new(m20261125_000005_tasks::Migration),
            Box::new(m20261125_000006_exports::Migration),
            Box::new(m20261201_000007_suppression_digests::Migration),
            Box::new(m20261201_000008_throttles::Migration),
            Box::new(m20261201_000009_system_secrets::Migration),
            Box::new(m20261201_000010_integrity::Migration),
            Box::new(m20261201_000011_denials::Migration),
            Box::new(m20261201_000012_particulars::Migration),
            Box::new(m20261201_000013_messages::Migration),
            Box::new(m20261201_000014_subject_language::Migration),
            Box::new(m20261207_000015_evidence::Migration),
            Box::new(m20261207_000016_agents::Migration),
            Box::new(m20261207_000017_console::Migration),
            Box::new(m20261207_000018_reveals::Migration),
            Box::new(m20261207_000019_audit_anchors::Migration),
            Box::new(m20261207_000020_reporting::Migration),
        ]
    }
}
