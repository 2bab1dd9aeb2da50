//! `export <entity> --format json|csv`: records as FreshBooks shapes them.

use std::collections::BTreeSet;
use std::io::Write;

use ledgerline_core::Entity;

use crate::error::{Error, Result};
use serde_json::Value;

use crate::args::{ExportArgs, Format};
use crate::context::Context;

/// Prints every record of an entity.
pub async fn export(ctx: &Context, args: &ExportArgs) -> Result<()> {
    let entity: Entity = args.entity.parse()?;
    let b = ctx.business(&args.business).await?;
    let records = ctx.core.export(b.business_id, entity).await?;
    let mut out = std::io::stdout().lock();
    let text = match args.format {
        Format::Json => serde_json::to_string(&records)?,
        Format::Csv => csv(&records),
    };
    writeln!(out, "{text}").map_err(|e| Error::Usage {
        arg: "stdout",
        problem: e.to_string(),
    })?;
    Ok(())
}

/// One row per record, a header of every top-level field seen; nested values as JSON text.
fn csv(records: &[Value]) -> String {
    let columns: BTreeSet<&str> = records
        .iter()
        .filter_map(Value::as_object)
        .flat_map(|o| o.keys().map(String::as_str))
        .collect();
    let mut res = columns
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(",");
    for record in records {
        res.push('\n');
        let row: Vec<String> = columns
            .iter()
            .map(|c| match record.get(*c) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => quote(s),
                Some(other) => quote(&other.to_string()),
            })
            .collect();
        res.push_str(&row.join(","));
    }
    res
}

fn quote(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_has_a_header_and_one_row_per_record() {
        let text = csv(&[
            json!({"id": 1, "organization": "A, B"}),
            json!({"id": 2, "amount": {"amount": "1.00", "code": "CAD"}}),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "amount,id,organization");
        assert_eq!(lines[1], ",1,\"A, B\"");
        assert_eq!(
            lines[2],
            "\"{\"\"amount\"\":\"\"1.00\"\",\"\"code\"\":\"\"CAD\"\"}\",2,"
        );
    }
}
