//! `sync`: progress on stderr (when it is a terminal), a summary on stdout.

use std::io::IsTerminal;

use crate::error::{Error, Result, payload_message};
use ledgerline_core::{Event, Scope};
use ledgerline_model::outbox::OpState;

use crate::args::SyncArgs;
use crate::context::Context;

/// Runs one sync in the foreground.
pub async fn sync(ctx: &Context, args: &SyncArgs) -> Result<()> {
    // The core's client: its clones share one limit on requests in flight.
    let client = ctx.client()?;
    if ctx.core.businesses().await?.is_empty() {
        ctx.core.refresh_businesses().await?;
    }
    let scope = if args.all {
        Scope::All
    } else if let Some(given) = &args.business {
        Scope::Business(ctx.core.find_business(given).await?.business_id)
    } else {
        Scope::Business(ctx.core.require_current().await?.business_id)
    };
    let mut events = ctx.core.subscribe();
    let show = std::io::stderr().is_terminal();
    let progress = tokio::spawn(async move {
        while let Ok(event) = events.recv().await {
            match event {
                Event::Progress {
                    business,
                    entity,
                    done,
                    total,
                } if show => {
                    eprint!(
                        "\r{business} {entity}: {done}/{}   ",
                        total.map_or("?".into(), |t| t.to_string())
                    );
                }
                Event::Unavailable { entity, reason, .. } => {
                    eprintln!("\n{entity}: not available to you ({})", reason.message)
                }
                Event::Failed { entity, error, .. } => {
                    eprintln!(
                        "\n{}: {}",
                        entity.map_or("changes".into(), |e| e.to_string()),
                        payload_message(&error)
                    );
                }
                _ => {}
            }
        }
    });
    let res = ctx.core.sync(scope, args.full).await;
    progress.abort();
    if show {
        eprintln!();
    }
    let report = res?;
    println!(
        "synced: {} pulls, {} records; sent {} changes, {} refused, {} conflicts, {} waiting; {} entities not available",
        report.pulls,
        report.records,
        report.sent,
        report.rejected,
        report.conflicts,
        report.left,
        report.unavailable
    );
    // What the app-wide limit did (the benchmark reads the peak from this line).
    let limiter = client.limiter_stats();
    println!(
        "requests: {} sent, at most {} in flight at once, {} throttled",
        limiter.attempts, limiter.peak_in_flight, limiter.throttled
    );
    if !report.ok() {
        return Err(Error::Core(ledgerline_core::Error::SyncIncomplete {
            failed: report.failures.len(),
            waiting: report.left,
            first: report.failures.first().map(|f| f.error.clone()),
        }));
    }
    // Refused and conflicting changes, from this run or an earlier one, wait on the user: a
    // script must see them in the exit status, not only in `status`.
    let synced = match scope {
        Scope::Business(b) => vec![b],
        Scope::Current => vec![ctx.core.require_current().await?.business_id],
        Scope::All => ctx
            .core
            .businesses()
            .await?
            .into_iter()
            .map(|m| m.business_id)
            .collect(),
    };
    let (mut refused, mut conflicts) = (0, 0);
    for business in synced {
        let status = ctx.core.status(business).await?;
        refused += status.count(OpState::Rejected);
        conflicts += status.count(OpState::Conflict);
    }
    if refused + conflicts > 0 {
        return Err(Error::Core(ledgerline_core::Error::ChangesNeedYou {
            refused,
            conflicts,
        }));
    }
    Ok(())
}
