//! `invoice draft`

use std::str::FromStr;

use ledgerline_model::draft::{DraftRequest, DraftWarning, Grouping, Rounding, RoundingMode};
use ledgerline_model::entity::LineTax;
use ledgerline_model::ids::ClientId;
use rust_decimal::Decimal;

use super::parse_day;
use crate::args::{DraftArgs, GroupBy};
use crate::context::Context;
use crate::error::{Error, Result};

/// Drafts (or with `--dry-run`, previews) an invoice from unbilled time.
pub async fn draft(ctx: &Context, args: &DraftArgs) -> Result<()> {
    let b = ctx.business(&args.business).await?;
    let client_currency = ctx
        .core
        .client_currency(b.business_id, ClientId(args.client))
        .await?;
    // The client's currency, else the business's; never a guess (a wrong currency bills wrong).
    let Some(currency) = client_currency.or_else(|| b.currency_code.clone()) else {
        return Err(Error::Usage {
            arg: "currency",
            problem: format!(
                "neither client {client} nor the business “{}” has a currency, and Ledgerline will not guess one; give the client its currency (`ledgerline-cli clients edit {client} --currency <code>`, e.g. CAD), then draft again",
                b.name,
                client = args.client
            ),
        });
    };
    let request = DraftRequest {
        client: ClientId(args.client),
        from: parse_day("--from", args.from.as_deref())?,
        to: parse_day("--to", args.to.as_deref())?,
        grouping: match args.group_by {
            GroupBy::Entry => Grouping::PerEntry,
            GroupBy::Project => Grouping::ByProject,
            GroupBy::Service => Grouping::ByService,
            GroupBy::ProjectService => Grouping::ByProjectAndService,
            GroupBy::Member => Grouping::ByTeamMember,
            GroupBy::Day => Grouping::ByDay,
            GroupBy::Summary => Grouping::Summary,
        },
        rounding: Rounding {
            increment_seconds: args.round_minutes.max(0) * 60,
            mode: RoundingMode::Up,
            minimum_seconds: args.minimum_minutes.max(0) * 60,
        },
        taxes: args
            .taxes
            .iter()
            .map(|t| parse_tax(t))
            .collect::<Result<_>>()?,
        currency,
        create_date: parse_day("--date", args.date.as_deref())?
            .unwrap_or_else(|| chrono::Utc::now().date_naive()),
        business_rate: args.rate.as_deref().map(parse_rate).transpose()?,
        projects: Vec::new(),
        exclude: Vec::new(),
        include_non_billable: args.include_non_billable,
        project_rounding: Vec::new(),
        template: args.template.clone(),
    };
    let draft = if args.dry_run {
        ctx.core.preview_draft(b.business_id, &request).await?
    } else {
        let (id, draft) = ctx.core.draft_invoice(b.business_id, &request).await?;
        println!(
            "invoice {id} drafted locally; run `ledgerline-cli sync` to create it in FreshBooks and mark the time billed"
        );
        draft
    };
    for line in &draft.lines {
        println!(
            "{}\t{} h × {} = {}\t({} entries, rate from {:?})",
            line.name,
            line.hours,
            line.rate.amount,
            line.amount,
            line.entries.len(),
            line.rate_source
        );
    }
    println!(
        "subtotal {}  tax {}  total {}",
        draft.subtotal, draft.tax, draft.total
    );
    for warning in &draft.warnings {
        match warning {
            DraftWarning::ZeroRate { entries } => {
                println!(
                    "warning: {} entries are billed at a rate of 0",
                    entries.len()
                );
            }
            DraftWarning::NonBillable { entries, included } if *included => println!(
                "warning: {} entries marked non-billable are on this invoice",
                entries.len()
            ),
            DraftWarning::NonBillable { entries, .. } => println!(
                "note: {} entries marked non-billable were left out (add --include-non-billable to bill them)",
                entries.len()
            ),
        }
    }
    Ok(())
}

fn parse_rate(text: &str) -> Result<Decimal> {
    Decimal::from_str(text.trim()).map_err(|_| Error::Usage {
        arg: "--rate",
        problem: format!("“{text}” is not an amount, such as 95 or 95.50"),
    })
}

fn parse_tax(text: &str) -> Result<LineTax> {
    let bad = || Error::Usage {
        arg: "--tax",
        problem: format!("“{text}” is not NAME:PERCENT, such as GST:5"),
    };
    let (name, pct) = text.split_once(':').ok_or_else(bad)?;
    let percent = Decimal::from_str(pct.trim()).map_err(|_| bad())?;
    Ok(LineTax {
        name: name.trim().to_owned(),
        percent,
        number: None,
        compound: false,
    })
}
