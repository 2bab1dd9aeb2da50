//! The businesses the signed-in user belongs to, and which one is current.

use ledgerline_model::entity::{Role, UserBusiness};
use ledgerline_model::ids::{AccountId, BusinessId, BusinessUuid};
use ledgerline_model::money::CurrencyCode;
use rusqlite::{Connection, Transaction, params};

use super::settings;
use crate::error::{Error, Result};

const CURRENT_BUSINESS: &str = "current_business";

/// The settings key of [`absent`]'s list (JSON array of business ids).
const ABSENT_BUSINESSES: &str = "absent_businesses";

/// Replaces the list of memberships with `memberships`, in the given order. Businesses the user
/// left are removed with all their data (foreign keys cascade), except those with changes not yet
/// sent, undone or settled, which stay until they are.
pub fn replace_all(tx: &Transaction<'_>, memberships: &[UserBusiness]) -> Result<()> {
    let keep: Vec<i64> = memberships.iter().map(|m| m.business_id.get()).collect();
    let existing: Vec<i64> = {
        let mut stmt = tx.prepare("SELECT business_id FROM businesses")?;
        stmt.query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut absent = Vec::new();
    for gone in existing.iter().filter(|id| !keep.contains(id)) {
        // Deleting a business deletes everything in it (ON DELETE CASCADE), the outbox too. A
        // business with changes not yet settled stays, so signing in as another FreshBooks user,
        // or FreshBooks leaving a membership out once, never throws away an edit; it goes once
        // its changes are sent or undone.
        let unsettled: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE business_id = ?1
                AND state NOT IN ('done', 'undone'))",
            params![gone],
            |row| row.get(0),
        )?;
        if unsettled {
            tracing::warn!(
                business = gone,
                "FreshBooks no longer lists this business; kept for its unsent changes"
            );
            absent.push(*gone);
            continue;
        }
        tx.execute(
            "DELETE FROM businesses WHERE business_id = ?1",
            params![gone],
        )?;
    }
    for (position, m) in memberships.iter().enumerate() {
        let raw = serde_json::to_string(m)?;
        tx.execute(
            "INSERT INTO businesses(business_id, account_id, business_uuid, name, role, currency_code, position, raw)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(business_id) DO UPDATE SET account_id = excluded.account_id,
                business_uuid = excluded.business_uuid, name = excluded.name, role = excluded.role,
                currency_code = excluded.currency_code, position = excluded.position, raw = excluded.raw",
            params![
                m.business_id.get(),
                m.account_id.as_str(),
                m.business_uuid.as_ref().map(|u| u.as_str().to_owned()),
                m.name,
                m.role.as_freshbooks(),
                m.currency_code.as_ref().map(CurrencyCode::as_str),
                i64::try_from(position).unwrap_or(i64::MAX),
                raw
            ],
        )?;
    }
    if absent.is_empty() {
        settings::remove(tx, ABSENT_BUSINESSES)?;
    } else {
        settings::set(tx, ABSENT_BUSINESSES, &serde_json::to_string(&absent)?)?;
    }
    // A current business the user left is no longer current.
    if let Some(current) = current(tx)?
        && !keep.contains(&current.get())
    {
        settings::remove(tx, CURRENT_BUSINESS)?;
    }
    Ok(())
}

/// Businesses FreshBooks no longer lists for this sign-in, kept only for their unsent changes:
/// nothing of them is sent or pulled (FreshBooks would answer 404 and the changes would be
/// refused for good) until the user signs in as one of their users again.
pub fn absent(conn: &Connection) -> Result<Vec<BusinessId>> {
    let ids: Vec<i64> = match settings::get(conn, ABSENT_BUSINESSES)? {
        Some(text) => serde_json::from_str(&text)?,
        None => Vec::new(),
    };
    Ok(ids.into_iter().map(BusinessId).collect())
}

/// Every membership, in FreshBooks' order.
pub fn list(conn: &Connection) -> Result<Vec<UserBusiness>> {
    let mut stmt = conn.prepare(
        "SELECT business_id, account_id, business_uuid, name, role, currency_code
         FROM businesses ORDER BY position, business_id",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(UserBusiness {
            business_id: BusinessId(row.get(0)?),
            account_id: AccountId(row.get(1)?),
            business_uuid: row.get::<_, Option<String>>(2)?.map(BusinessUuid),
            name: row.get(3)?,
            role: Role::from_freshbooks(&row.get::<_, String>(4)?),
            // A code that no longer reads as one is treated as unknown.
            currency_code: row
                .get::<_, Option<String>>(5)?
                .and_then(|c| CurrencyCode::new(&c).ok()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One membership.
pub fn get(conn: &Connection, business: BusinessId) -> Result<Option<UserBusiness>> {
    Ok(list(conn)?.into_iter().find(|m| m.business_id == business))
}

/// The current business, if one is chosen.
pub fn current(conn: &Connection) -> Result<Option<BusinessId>> {
    Ok(settings::get(conn, CURRENT_BUSINESS)?
        .and_then(|v| v.parse().ok())
        .map(BusinessId))
}

/// Makes `business` current. It must be one of the memberships.
pub fn set_current(tx: &Transaction<'_>, business: BusinessId) -> Result<()> {
    if get(tx, business)?.is_none() {
        return Err(Error::UnknownBusiness(business.to_string()));
    }
    settings::set(tx, CURRENT_BUSINESS, &business.to_string())
}

/// After a sign-in listed `listed`: when it is exactly one business and none is current, that
/// one becomes current. With several the user chooses (FreshBooks names no main one, so the
/// first is never picked silently); a current one is kept.
pub fn choose_only(tx: &Transaction<'_>, listed: &[UserBusiness]) -> Result<()> {
    if let [only] = listed
        && current(tx)?.is_none()
    {
        set_current(tx, only.business_id)?;
    }
    Ok(())
}

/// Finds the business a user named: by business id, account id, or a unique part of its name
/// (case-insensitive).
pub fn resolve(conn: &Connection, given: &str) -> Result<UserBusiness> {
    let all = list(conn)?;
    let needle = given.trim();
    if let Some(m) = all
        .iter()
        .find(|m| m.business_id.to_string() == needle || m.account_id.as_str() == needle)
    {
        return Ok(m.clone());
    }
    let lower = needle.to_lowercase();
    let matches: Vec<&UserBusiness> = all
        .iter()
        .filter(|m| !lower.is_empty() && m.name.to_lowercase().contains(&lower))
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::UnknownBusiness(given.to_owned())),
        many => Err(Error::AmbiguousBusiness {
            given: given.to_owned(),
            matches: many
                .iter()
                .map(|m| format!("{} [{}]", m.name, m.business_id))
                .collect(),
        }),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::test_support::temp_store;

    pub(crate) fn membership(id: i64, account: &str, name: &str) -> UserBusiness {
        UserBusiness {
            business_id: BusinessId(id),
            account_id: AccountId::from(account),
            business_uuid: None,
            name: name.to_owned(),
            role: Role::Owner,
            currency_code: CurrencyCode::new("CAD").ok(),
        }
    }

    #[test]
    fn a_sign_in_with_one_business_makes_it_current_several_leave_the_choice() {
        let (_dir, store) = temp_store();
        let one = [membership(1, "aaa", "Acme Design")];
        store
            .write_blocking(|tx| {
                replace_all(tx, &one)?;
                choose_only(tx, &one)
            })
            .unwrap();
        assert_eq!(store.read_blocking(current).unwrap(), Some(BusinessId(1)));

        let (_dir, store) = temp_store();
        let several = [membership(1, "aaa", "Acme"), membership(2, "bbb", "Birch")];
        store
            .write_blocking(|tx| {
                replace_all(tx, &several)?;
                choose_only(tx, &several)
            })
            .unwrap();
        assert_eq!(store.read_blocking(current).unwrap(), None);

        // A later sign-in lists only another business: the one chosen before was left (no
        // longer current), and the one listed becomes current.
        store
            .write_blocking(|tx| set_current(tx, BusinessId(1)))
            .unwrap();
        let other = [membership(2, "bbb", "Birch")];
        store
            .write_blocking(|tx| {
                replace_all(tx, &other)?;
                choose_only(tx, &other)
            })
            .unwrap();
        assert_eq!(store.read_blocking(current).unwrap(), Some(BusinessId(2)));
    }

    #[test]
    fn resolves_by_id_account_or_unique_name() {
        let (_dir, store) = temp_store();
        store
            .write_blocking(|tx| {
                replace_all(
                    tx,
                    &[
                        membership(1, "aaa", "Acme Design"),
                        membership(2, "bbb", "Acme Build"),
                        membership(3, "ccc", "Zed Co"),
                    ],
                )
            })
            .unwrap();
        store
            .read_blocking(|c| {
                assert_eq!(resolve(c, "2")?.name, "Acme Build");
                assert_eq!(resolve(c, "ccc")?.name, "Zed Co");
                assert_eq!(resolve(c, "design")?.business_id, BusinessId(1));
                assert!(matches!(
                    resolve(c, "acme"),
                    Err(Error::AmbiguousBusiness { .. })
                ));
                assert!(matches!(resolve(c, "nope"), Err(Error::UnknownBusiness(_))));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn current_business_survives_and_is_dropped_when_left() {
        let (_dir, store) = temp_store();
        store
            .write_blocking(|tx| {
                replace_all(tx, &[membership(1, "a", "One"), membership(2, "b", "Two")])?;
                set_current(tx, BusinessId(2))
            })
            .unwrap();
        assert_eq!(store.read_blocking(current).unwrap(), Some(BusinessId(2)));
        assert!(
            store
                .write_blocking(|tx| set_current(tx, BusinessId(9)))
                .is_err()
        );
        store
            .write_blocking(|tx| replace_all(tx, &[membership(1, "a", "One")]))
            .unwrap();
        assert_eq!(store.read_blocking(current).unwrap(), None);
    }
}
