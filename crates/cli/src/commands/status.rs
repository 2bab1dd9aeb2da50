//! `status` and `undo`.

use crate::error::{Result, payload_message};

use crate::args::BusinessArg;
use crate::context::Context;

/// Last sync per entity, pending changes, conflicts.
pub async fn status(ctx: &Context, business: &BusinessArg) -> Result<()> {
    let b = ctx.business(business).await?;
    let status = ctx.core.status(b.business_id).await?;
    println!("{} [{}]", b.name, b.business_id);
    for e in &status.entities {
        let when = e.watermark.map_or("never".to_owned(), |t| {
            t.format("%Y-%m-%d %H:%M UTC").to_string()
        });
        let note = match (&e.unavailable, &e.last_error, &e.cursor) {
            (Some(reason), _, _) => format!(
                "not available: {} (ask the business's owner for access, or sign in again \
                 granting it; `ledgerline-cli sync --full` checks again at once)",
                reason.message
            ),
            (None, Some(err), _) => format!("last attempt failed: {}", payload_message(err)),
            (None, None, Some(c)) => {
                format!("interrupted after page {}; resumes on next sync", c.page)
            }
            (None, None, None) => String::new(),
        };
        println!("  {:<14} synced {when}  {note}", e.entity.as_str());
    }
    println!("{} changes not done", status.open_ops.len());
    for q in &status.open_ops {
        println!(
            "  #{}\t{}\t{}\t{}",
            q.seq,
            q.kind.as_str(),
            q.state.as_str(),
            q.last_error
                .as_ref()
                .map(payload_message)
                .unwrap_or_default()
        );
    }
    println!("{} conflicts", status.conflicts.len());
    Ok(())
}

/// Undoes a change not sent yet.
pub async fn undo(ctx: &Context, change: i64, business: Option<&str>) -> Result<()> {
    let b = ctx.business_named(business).await?;
    ctx.core.undo(b.business_id, change).await?;
    println!("change #{change} undone");
    Ok(())
}
