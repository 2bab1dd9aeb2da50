//! `clients list|add|edit|archive|restore`: edits are saved locally at once and sent by `sync`.

use ledgerline_model::entity::{Address, ClientUpdate, NewClient, VisState};
use ledgerline_model::money::CurrencyCode;
use ledgerline_model::views::ClientFilter;

use crate::error::{Error, Result};

use crate::args::{BusinessArg, ClientFieldsArgs};
use crate::context::Context;

/// `clients list`
pub async fn list(
    ctx: &Context,
    archived: bool,
    deleted: bool,
    as_json: bool,
    business: &BusinessArg,
) -> Result<()> {
    let b = ctx.business(business).await?;
    let rows = ctx
        .core
        .list_clients(b.business_id, ClientFilter { archived, deleted })
        .await?;
    if as_json {
        // The shape scripts have read since the first release (`visibility`, not `vis_state`).
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|row| {
                serde_json::json!({
                    "id": row.id,
                    "name": row.name,
                    "email": row.email,
                    "visibility": row.vis_state,
                    "pending": row.pending,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    for row in rows {
        let state = match row.vis_state {
            VisState::Active => "",
            VisState::Archived => " (archived)",
            VisState::Deleted => " (deleted)",
            VisState::Unknown(_) => " (unknown state)",
        };
        let pending = if row.pending { " [not sent yet]" } else { "" };
        println!(
            "{}\t{}\t{}{state}{pending}",
            row.id,
            row.name,
            row.email.unwrap_or_default()
        );
    }
    Ok(())
}

/// `clients add`
pub async fn add(ctx: &Context, args: &ClientFieldsArgs) -> Result<()> {
    let b = ctx.business(&args.business).await?;
    let client = NewClient {
        first_name: args.first_name.clone(),
        last_name: args.last_name.clone(),
        organization: args.organization.clone(),
        email: args.email.clone(),
        address: Address {
            city: args.city.clone(),
            ..Address::default()
        },
        currency_code: currency(args)?,
        ..NewClient::default()
    };
    let id = ctx.core.create_client(b.business_id, client).await?;
    println!("{id}\tadded locally; run `ledgerline-cli sync` to send it to FreshBooks");
    Ok(())
}

/// `clients edit`
pub async fn edit(ctx: &Context, id: i64, args: &ClientFieldsArgs) -> Result<()> {
    let changes = ClientUpdate {
        first_name: args.first_name.clone(),
        last_name: args.last_name.clone(),
        organization: args.organization.clone(),
        email: args.email.clone(),
        city: args.city.clone(),
        currency_code: currency(args)?,
        ..ClientUpdate::default()
    };
    if changes == ClientUpdate::default() {
        return Err(Error::Usage {
            arg: "clients edit",
            problem: "nothing to change: give --organization, --email or another field".into(),
        });
    }
    let b = ctx.business(&args.business).await?;
    let seq = ctx.core.update_client(b.business_id, id, changes).await?;
    println!("change #{seq} saved locally; run `ledgerline-cli sync` to send it");
    Ok(())
}

/// `clients archive` / `clients restore`
pub async fn set_visibility(
    ctx: &Context,
    id: i64,
    to: VisState,
    business: &BusinessArg,
) -> Result<()> {
    let b = ctx.business(business).await?;
    let seq = ctx
        .core
        .set_client_visibility(b.business_id, id, to)
        .await?;
    println!("change #{seq} saved locally; run `ledgerline-cli sync` to send it");
    Ok(())
}

fn currency(args: &ClientFieldsArgs) -> Result<Option<CurrencyCode>> {
    args.currency
        .as_deref()
        .map(|code| {
            CurrencyCode::new(code).map_err(|e| Error::Usage {
                arg: "--currency",
                problem: e.to_string(),
            })
        })
        .transpose()
}
