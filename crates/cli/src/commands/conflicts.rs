//! `conflicts list|resolve`

use crate::error::Result;
use ledgerline_model::outbox::Resolution;

use crate::args::BusinessArg;
use crate::context::Context;

/// Lists open conflicts.
pub async fn list(ctx: &Context, business: &BusinessArg) -> Result<()> {
    let b = ctx.business(business).await?;
    let conflicts = ctx.core.conflicts(b.business_id).await?;
    for c in &conflicts {
        println!(
            "#{}\t{} {}\t{}\tmine: {}\tFreshBooks: {}",
            c.id,
            c.entity,
            c.record_id,
            c.field_group,
            serde_json::json!(c.mine),
            serde_json::json!(c.theirs)
        );
    }
    if conflicts.is_empty() {
        println!("no conflicts");
    }
    Ok(())
}

/// Settles one conflict.
pub async fn resolve(
    ctx: &Context,
    id: i64,
    keep_mine: bool,
    business: &BusinessArg,
) -> Result<()> {
    let b = ctx.business(business).await?;
    let resolution = if keep_mine {
        Resolution::KeepMine
    } else {
        Resolution::TakeFreshBooks
    };
    ctx.core
        .resolve_conflict(b.business_id, id, resolution)
        .await?;
    println!("conflict #{id} resolved; run `ledgerline-cli sync` to send the result");
    Ok(())
}
