//! `clients list|add|edit|archive|restore`: edits are saved locally at once and sent by `sync`.

use ledgerline_core::outbox::op::{Fields, Visibility};
use ledgerline_core::{Error, Result};
use serde_json::json;

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
        .list_clients(b.business_id, archived, deleted)
        .await?;
    if as_json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    for row in rows {
        let state = match row.visibility {
            Visibility::Active => "",
            Visibility::Archived => " (archived)",
            Visibility::Deleted => " (deleted)",
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
    let id = ctx.core.create_client(b.business_id, fields(args)).await?;
    println!("{id}\tadded locally; run `ledgerline-cli sync` to send it to FreshBooks");
    Ok(())
}

/// `clients edit`
pub async fn edit(ctx: &Context, id: i64, args: &ClientFieldsArgs) -> Result<()> {
    let changes = fields(args);
    if changes.is_empty() {
        return Err(Error::Invalid {
            field: "clients edit",
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
    to: Visibility,
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

fn fields(args: &ClientFieldsArgs) -> Fields {
    let mut f = Fields::new();
    for (key, value) in [
        ("organization", &args.organization),
        ("fname", &args.first_name),
        ("lname", &args.last_name),
        ("email", &args.email),
        ("p_city", &args.city),
        ("currency_code", &args.currency),
    ] {
        if let Some(v) = value {
            f.insert(key.into(), json!(v));
        }
    }
    f
}
