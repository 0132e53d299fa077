//! Referential integrity, and capabilities that SQL can ask about.
//!
//! - `tasks` (its request and system), `exports` (its request) and `callbacks_seen` (its
//!   task) get foreign keys. PostgreSQL adds them in place. SQLite cannot add a constraint to
//!   a table, so there each table is rebuilt with its constraints: created under a new name,
//!   its rows copied, the old table dropped, the new one renamed and its indexes made again.
//! - A system's capabilities move from a comma-separated column to `system_capabilities`, one
//!   row per capability, so fan-out asks SQL which systems can act.

use std::collections::BTreeSet;

use sea_orm_migration::{
    prelude::*,
    schema::*,
    sea_orm::{ConnectionTrait, DbBackend},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on SQLite too (sea-orm runs SQLite migrations without one): every
    /// statement of a rebuild then sees the one before it on the same connection, and a
    /// failure leaves the tables as they were.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        capabilities_as_rows(manager).await?;
        if manager.get_database_backend() == DbBackend::Sqlite {
            rebuild_with_keys(manager).await
        } else {
            for key in foreign_keys() {
                manager.create_foreign_key(key).await?;
            }
            Ok(())
        }
    }
}

/// Creates `system_capabilities`, fills it from the old column, and drops the column.
async fn capabilities_as_rows(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let table = Table::create()
        .table(SystemCapabilities::Table)
        .col(uuid(SystemCapabilities::SystemId))
        .col(string_len(SystemCapabilities::Capability, 32))
        .primary_key(
            Index::create()
                .col(SystemCapabilities::SystemId)
                .col(SystemCapabilities::Capability),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_system_capabilities_system")
                .from(SystemCapabilities::Table, SystemCapabilities::SystemId)
                .to(DataSystems::Table, DataSystems::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned();
    manager.create_table(table).await?;
    let by_capability = Index::create()
        .name("ix_system_capabilities_capability")
        .table(SystemCapabilities::Table)
        .col(SystemCapabilities::Capability)
        .to_owned();
    manager.create_index(by_capability).await?;

    backfill_capabilities(manager).await?;
    let db = manager.get_connection();
    // Both SQLite (3.35 and later) and PostgreSQL drop a plain column in place.
    db.execute_unprepared("ALTER TABLE data_systems DROP COLUMN capabilities")
        .await?;
    Ok(())
}

/// The capability names this version knows; a list holding another was edited by hand.
const KNOWN: [&str; 5] = [
    "access_export",
    "delete",
    "correct",
    "opt_out_training",
    "opt_out_sale",
];

/// One row per capability of each system. Each distinct list is split here (without repeats)
/// and matched whole in SQL, so the ids never pass through Rust and their storage does not
/// matter.
async fn backfill_capabilities(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let lists = Query::select()
        .distinct()
        .column(DataSystems::Capabilities)
        .from(DataSystems::Table)
        .to_owned();
    for row in db.query_all(&lists).await? {
        let list: String = row.try_get_by_index(0)?;
        let names: BTreeSet<&str> = list
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if let Some(unknown) = names.iter().find(|n| !KNOWN.contains(n)) {
            return Err(DbErr::Migration(format!(
                "data_systems.capabilities holds {unknown:?}, which is none of {KNOWN:?}; \
                 correct the row and migrate again"
            )));
        }
        for capability in names {
            let systems = Query::select()
                .column(DataSystems::Id)
                .expr(Expr::val(capability))
                .from(DataSystems::Table)
                .and_where(Expr::col(DataSystems::Capabilities).eq(list.as_str()))
                .to_owned();
            let insert = Query::insert()
                .into_table(SystemCapabilities::Table)
                .columns([SystemCapabilities::SystemId, SystemCapabilities::Capability])
                .select_from(systems)
                .map_err(|e| DbErr::Migration(e.to_string()))?
                .to_owned();
            db.execute(&insert).await?;
        }
    }
    Ok(())
}

/// The foreign keys this migration adds.
fn foreign_keys() -> [ForeignKeyCreateStatement; 4] {
    [
        ForeignKey::create()
            .name("fk_tasks_request")
            .from(Tasks::Table, Tasks::RequestId)
            .to(Requests::Table, Requests::Id)
            .to_owned(),
        ForeignKey::create()
            .name("fk_tasks_system")
            .from(Tasks::Table, Tasks::SystemId)
            .to(DataSystems::Table, DataSystems::Id)
            .to_owned(),
        ForeignKey::create()
            .name("fk_exports_request")
            .from(Exports::Table, Exports::RequestId)
            .to(Requests::Table, Requests::Id)
            .to_owned(),
        ForeignKey::create()
            .name("fk_callbacks_seen_task")
            .from(CallbacksSeen::Table, CallbacksSeen::TaskId)
            .to(Tasks::Table, Tasks::Id)
            .to_owned(),
    ]
}

/// SQLite: rebuilds the three tables with their keys, parents before children.
async fn rebuild_with_keys(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let [task_request, task_system, export_request, seen_task] = foreign_keys();
    rebuild_tasks(manager, task_request, task_system).await?;
    rebuild_exports(manager, export_request).await?;
    rebuild_callbacks_seen(manager, seen_task).await
}

async fn rebuild_tasks(
    manager: &SchemaManager<'_>,
    mut to_request: ForeignKeyCreateStatement,
    mut to_system: ForeignKeyCreateStatement,
) -> Result<(), DbErr> {
    let create = Table::create()
        .table(Alias::new("tasks_rebuilt"))
        .col(pk_uuid(Tasks::Id))
        .col(uuid(Tasks::RequestId))
        .col(uuid(Tasks::SystemId))
        .col(uuid_uniq(Tasks::EventId))
        .col(string_len(Tasks::State, 32))
        .col(integer(Tasks::Deliveries).default(0))
        .col(text_null(Tasks::LastError))
        .col(text_null(Tasks::Outcome))
        .col(text_null(Tasks::ResultKey))
        .col(string_len_null(Tasks::ResultSha256, 64))
        .col(timestamp_with_time_zone_null(Tasks::CompletedAt))
        .col(timestamp_with_time_zone(Tasks::CreatedAt))
        .col(timestamp_with_time_zone(Tasks::UpdatedAt))
        .foreign_key(&mut to_request)
        .foreign_key(&mut to_system)
        .to_owned();
    let columns = [
        Tasks::Id,
        Tasks::RequestId,
        Tasks::SystemId,
        Tasks::EventId,
        Tasks::State,
        Tasks::Deliveries,
        Tasks::LastError,
        Tasks::Outcome,
        Tasks::ResultKey,
        Tasks::ResultSha256,
        Tasks::CompletedAt,
        Tasks::CreatedAt,
        Tasks::UpdatedAt,
    ];
    rebuild(manager, Tasks::Table, create, columns).await?;
    let indexes = [
        Index::create()
            .name("uq_tasks_request_system")
            .table(Tasks::Table)
            .col(Tasks::RequestId)
            .col(Tasks::SystemId)
            .unique()
            .to_owned(),
        Index::create()
            .name("ix_tasks_state")
            .table(Tasks::Table)
            .col(Tasks::State)
            .to_owned(),
    ];
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}

async fn rebuild_exports(
    manager: &SchemaManager<'_>,
    mut to_request: ForeignKeyCreateStatement,
) -> Result<(), DbErr> {
    let create = Table::create()
        .table(Alias::new("exports_rebuilt"))
        .col(pk_uuid(Exports::Id))
        .col(uuid_uniq(Exports::RequestId))
        .col(text(Exports::BlobKey))
        .col(big_integer(Exports::SizeBytes))
        .col(string_len(Exports::Sha256, 64))
        .col(timestamp_with_time_zone(Exports::CreatedAt))
        .col(timestamp_with_time_zone(Exports::ExpiresAt))
        .col(timestamp_with_time_zone_null(Exports::DeletedAt))
        .foreign_key(&mut to_request)
        .to_owned();
    let columns = [
        Exports::Id,
        Exports::RequestId,
        Exports::BlobKey,
        Exports::SizeBytes,
        Exports::Sha256,
        Exports::CreatedAt,
        Exports::ExpiresAt,
        Exports::DeletedAt,
    ];
    rebuild(manager, Exports::Table, create, columns).await
}

async fn rebuild_callbacks_seen(
    manager: &SchemaManager<'_>,
    mut to_task: ForeignKeyCreateStatement,
) -> Result<(), DbErr> {
    let create = Table::create()
        .table(Alias::new("callbacks_seen_rebuilt"))
        .col(string_len(CallbacksSeen::SignatureHash, 64).primary_key())
        .col(uuid(CallbacksSeen::TaskId))
        .col(timestamp_with_time_zone(CallbacksSeen::ReceivedAt))
        .foreign_key(&mut to_task)
        .to_owned();
    rebuild(
        manager,
        CallbacksSeen::Table,
        create,
        [
            CallbacksSeen::SignatureHash,
            CallbacksSeen::TaskId,
            CallbacksSeen::ReceivedAt,
        ],
    )
    .await
}

/// Creates `create` (a copy of `table` under the name `<table>_rebuilt`, with its keys),
/// copies every row column by column, drops `table` and gives the copy its name.
async fn rebuild<T: Iden + Copy + 'static, const N: usize>(
    manager: &SchemaManager<'_>,
    table: T,
    create: TableCreateStatement,
    columns: [T; N],
) -> Result<(), DbErr> {
    let name = table.to_string();
    let rebuilt = Alias::new(format!("{name}_rebuilt"));
    manager.create_table(create).await?;
    let rows = Query::select().columns(columns).from(table).to_owned();
    let copy = Query::insert()
        .into_table(rebuilt.clone())
        .columns(columns)
        .select_from(rows)
        .map_err(|e| DbErr::Migration(e.to_string()))?
        .to_owned();
    let db = manager.get_connection();
    db.execute(&copy)
        .await
        .map_err(|e| DbErr::Migration(format!("copying {name}: {e}")))?;
    manager
        .drop_table(Table::drop().table(table).to_owned())
        .await?;
    let rename = Table::rename().table(rebuilt, table).to_owned();
    manager.rename_table(rename).await
}

#[derive(DeriveIden)]
enum SystemCapabilities {
    Table,
    SystemId,
    Capability,
}

#[derive(DeriveIden)]
enum DataSystems {
    Table,
    Id,
    Capabilities,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Tasks {
    Table,
    Id,
    RequestId,
    SystemId,
    EventId,
    State,
    Deliveries,
    LastError,
    Outcome,
    ResultKey,
    ResultSha256,
    CompletedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Exports {
    Table,
    Id,
    RequestId,
    BlobKey,
    SizeBytes,
    Sha256,
    CreatedAt,
    ExpiresAt,
    DeletedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CallbacksSeen {
    Table,
    SignatureHash,
    TaskId,
    ReceivedAt,
}
