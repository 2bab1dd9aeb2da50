//! The schema's versions, applied in order by `rusqlite_migration` (tracked in `user_version`).
//!
//! Each version is one SQL file under `sql/`. A shipped file never changes: a change to the
//! schema is a new file appended here.

use rusqlite_migration::{M, Migrations};

/// Every schema version, oldest first.
const VERSIONS: &[M<'static>] = &[
    M::up(include_str!("sql/0001_init.sql")),
    M::up(include_str!("sql/0002_quarantine.sql")),
    M::up(include_str!("sql/0003_stale_records.sql")),
    M::up(include_str!("sql/0004_pending_sign_ins.sql")),
    M::up(include_str!("sql/0005_everyday_screens.sql")),
    M::up(include_str!("sql/0006_drafting.sql")),
    M::up(include_str!("sql/0007_drafted_flat_fees.sql")),
    M::up(include_str!("sql/0008_invoice_list_order.sql")),
    M::up(include_str!("sql/0009_invoice_due_date_with_row.sql")),
    M::up(include_str!("sql/0010_client_names.sql")),
];

/// The migrations over [`VERSIONS`].
pub(crate) const MIGRATIONS: Migrations<'static> = Migrations::from_slice(VERSIONS);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }
}
