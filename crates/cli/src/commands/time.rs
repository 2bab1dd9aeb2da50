//! `time unbilled`

use crate::error::Result;
use ledgerline_model::ids::ClientId;
use ledgerline_model::views::TimeFilter;

use super::parse_day;
use crate::args::BusinessArg;
use crate::context::Context;

/// Prints billable time not invoiced yet.
pub async fn unbilled(
    ctx: &Context,
    client: Option<i64>,
    from: Option<&str>,
    to: Option<&str>,
    as_json: bool,
    business: &BusinessArg,
) -> Result<()> {
    let b = ctx.business(business).await?;
    let filter = TimeFilter {
        client: client.map(ClientId),
        from: parse_day("--from", from)?,
        to: parse_day("--to", to)?,
    };
    let entries = ctx.core.unbilled_time(b.business_id, filter).await?;
    if as_json {
        println!("{}", serde_json::to_string_pretty(&entries)?);
        return Ok(());
    }
    let mut seconds = 0;
    for e in &entries {
        seconds += e.duration_seconds;
        println!(
            "{}\t{}\t{}\t{}:{:02}\t{}",
            e.id,
            e.started_at.format("%Y-%m-%d %H:%M"),
            e.client_id.map(|c| c.to_string()).unwrap_or_default(),
            e.duration_seconds / 3600,
            (e.duration_seconds % 3600) / 60,
            e.note.as_deref().unwrap_or("")
        );
    }
    println!(
        "{} entries, {}:{:02} hours",
        entries.len(),
        seconds / 3600,
        (seconds % 3600) / 60
    );
    Ok(())
}

/// Lists (and with `repair`, unbills) time whose invoice was deleted.
pub async fn orphans(ctx: &Context, repair: bool, business: &BusinessArg) -> Result<()> {
    let b = ctx.business(business).await?;
    let orphans = ctx.core.orphaned_billed_entries(b.business_id).await?;
    for o in &orphans {
        println!("{}	billed on deleted invoice {}", o.entry, o.invoice);
    }
    if repair && !orphans.is_empty() {
        let n = ctx.core.repair_orphans(b.business_id).await?;
        println!("{n} entries marked unbilled locally; run `ledgerline-cli sync` to send it");
    } else {
        println!("{} orphaned entries", orphans.len());
    }
    Ok(())
}
