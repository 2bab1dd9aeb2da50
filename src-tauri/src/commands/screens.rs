//! What every everyday screen's command shares: the current business, the role check every
//! edit passes before the core is asked, and the receipt of a change.

use ledgerline_core::{Core, Entity};
use ledgerline_model::entity::{Role, UserBusiness};
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::ChangeReceipt;

use crate::Error;

/// The current business (`no_current_business` before one is chosen).
pub async fn current(core: &Core) -> Result<UserBusiness, ErrorPayload> {
    core.require_current().await.map_err(|e| e.to_payload())
}

/// The current business, when the user's role may write there. Otherwise refused with
/// `forbidden` naming the role, before anything is queued: the screen never shows a save that
/// fails later.
pub async fn writable(core: &Core) -> Result<UserBusiness, ErrorPayload> {
    let business = current(core).await?;
    may_write(&business)?;
    Ok(business)
}

/// Refuses an edit in a business where the role may not write.
pub fn may_write(business: &UserBusiness) -> Result<(), ErrorPayload> {
    if business.writable() {
        return Ok(());
    }
    Err(Error::ReadOnly {
        business: business.name.clone(),
        role: role_in_words(&business.role),
    }
    .into())
}

/// A role as a person reads it.
fn role_in_words(role: &Role) -> String {
    match role {
        Role::Owner => "owner".into(),
        Role::Admin => "administrator".into(),
        Role::BusinessEmployee => "team member".into(),
        Role::Client => "client".into(),
        Role::Other(raw) => raw.replace('_', " "),
    }
}

/// The receipt of a change to a record: the change's number is the latest queued for it (the
/// one just made; `None` once it reached FreshBooks and left the queue's open changes).
pub async fn receipt(
    core: &Core,
    business: BusinessId,
    entity: Entity,
    id: i64,
) -> Result<ChangeReceipt, ErrorPayload> {
    let status = core.status(business).await.map_err(|e| e.to_payload())?;
    let seq = status
        .open_ops
        .iter()
        .filter(|op| op.entity == entity && op.target == id)
        .map(|op| op.seq)
        .max();
    Ok(ChangeReceipt { id, seq })
}
