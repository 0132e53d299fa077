//! Runs each backend test on a fresh SQLite database and, with `--include-ignored` and
//! `DATABASE_URL` set, on a fresh PostgreSQL database.

/// Declares `sqlite::<name>` and `postgres::<name>` tests for each async fn `name(TestDb)`.
#[macro_export]
macro_rules! db_tests {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() { super::$name(backend::testing::TestDb::sqlite().await).await })+
        }
        mod postgres {
            $(
                #[tokio::test]
                #[ignore = "PostgreSQL: run with DATABASE_URL set and --include-ignored"]
                async fn $name() { super::$name(backend::testing::TestDb::postgres().await).await }
            )+
        }
    };
}
