//! Invoice and estimate lines: normalising what a client sends, and the totals FreshBooks
//! computes from them. Money is `rust_decimal` throughout and leaves as strings with two places.
//! Each line carries up to two taxes whose `taxAmountN` are percentages, not money.

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Map, Value, json};

use crate::error::Error;
use crate::filters::value_text;

/// What an invoice's lines add up to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Σ qty × unit_cost, before discount and tax.
    pub subtotal: Decimal,
    /// subtotal × discount_value %.
    pub discount: Decimal,
    /// Σ of each line's taxes on the discounted line amounts, rounded once.
    pub tax: Decimal,
    /// subtotal − discount + tax.
    pub total: Decimal,
}

/// Rounds to cents, half away from zero.
pub fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `{"amount": "12.30", "code": "CAD"}`.
pub fn money(amount: Decimal, code: &str) -> Value {
    json!({"amount": format!("{:.2}", cents(amount)), "code": code})
}

/// A decimal from a JSON string, number or money object; None when absent or unreadable.
pub fn decimal(value: Option<&Value>) -> Option<Decimal> {
    value_text(value?)?.trim().parse::<Decimal>().ok()
}

/// Checks and completes the lines a client sent (`lineid`, `amount`, tax fields, …).
pub fn normalize(
    input: &[Value],
    invoice_id: Option<i64>,
    currency: &str,
    object: &'static str,
) -> Result<Vec<Value>, Error> {
    let mut lines = Vec::with_capacity(input.len());
    for (idx, raw) in input.iter().enumerate() {
        let Value::Object(raw) = raw else {
            return Err(Error::invalid(
                1001,
                object,
                "lines",
                "Each line must be an object.",
                &raw.to_string(),
            ));
        };
        let qty = match raw.get("qty") {
            None | Some(Value::Null) => Decimal::ONE,
            Some(value) => decimal(Some(value)).ok_or_else(|| {
                Error::invalid(
                    1001,
                    object,
                    "qty",
                    "The quantity must be a number.",
                    &value.to_string(),
                )
            })?,
        };
        let unit_cost = match raw.get("unit_cost") {
            None | Some(Value::Null) => Decimal::ZERO,
            Some(value) => decimal(Some(value)).ok_or_else(|| {
                Error::invalid(
                    1001,
                    object,
                    "unit_cost",
                    "The unit cost must be an amount.",
                    &value.to_string(),
                )
            })?,
        };
        let mut line: Map<String, Value> = raw.clone();
        line.insert("lineid".into(), json!(idx + 1));
        line.insert(
            "invoiceid".into(),
            invoice_id.map_or(Value::Null, |id| json!(id)),
        );
        line.insert(
            "type".into(),
            json!(raw.get("type").and_then(Value::as_i64).unwrap_or(0)),
        );
        for key in [
            "name",
            "description",
            "taxName1",
            "taxName2",
            "taxNumber1",
            "taxNumber2",
        ] {
            if !matches!(line.get(key), Some(Value::String(_))) {
                line.insert(key.into(), json!(""));
            }
        }
        for key in ["taxAmount1", "taxAmount2"] {
            let percent = decimal(raw.get(key)).unwrap_or(Decimal::ZERO);
            line.insert(key.into(), json!(percent.normalize().to_string()));
        }
        line.insert("qty".into(), json!(qty.normalize().to_string()));
        // The amount is computed from the unit cost the client will see (two places).
        let unit_cost = cents(unit_cost);
        line.insert("unit_cost".into(), money(unit_cost, currency));
        line.insert("amount".into(), money(qty * unit_cost, currency));
        line.insert(
            "compounded_tax".into(),
            json!(
                raw.get("compounded_tax")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
            ),
        );
        for key in ["expenseid", "date", "modern_project_id"] {
            if !line.contains_key(key) {
                line.insert(key.into(), Value::Null);
            }
        }
        if !line.contains_key("modern_time_entries") {
            line.insert("modern_time_entries".into(), json!([]));
        }
        lines.push(Value::Object(line));
    }
    Ok(lines)
}

/// Totals of normalised lines with a discount percentage.
pub fn totals(lines: &[Value], discount_percent: Decimal) -> Totals {
    let hundred = Decimal::ONE_HUNDRED;
    let keep = Decimal::ONE - discount_percent / hundred;
    let mut subtotal = Decimal::ZERO;
    let mut tax = Decimal::ZERO;
    for line in lines {
        let amount = cents(decimal(line.get("amount")).unwrap_or(Decimal::ZERO));
        subtotal += amount;
        let taxable = amount * keep;
        let tax1 = taxable * decimal(line.get("taxAmount1")).unwrap_or(Decimal::ZERO) / hundred;
        let compounded = line
            .get("compounded_tax")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let base2 = if compounded { taxable + tax1 } else { taxable };
        let tax2 = base2 * decimal(line.get("taxAmount2")).unwrap_or(Decimal::ZERO) / hundred;
        tax += tax1 + tax2;
    }
    let discount = cents(subtotal * discount_percent / hundred);
    // Taxes are rounded once on the invoice, not per line, so 12 % of 697.50 stays 83.70.
    let tax = cents(tax);
    Totals {
        subtotal,
        discount,
        tax,
        total: subtotal - discount + tax,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(lines: Value, discount: &str, expected_total: &str) {
        let Value::Array(input) = lines else {
            panic!("lines must be an array")
        };
        let lines = normalize(&input, Some(1), "CAD", "invoice").expect("valid lines");
        let totals = totals(&lines, discount.parse().expect("discount"));
        assert_eq!(format!("{:.2}", cents(totals.total)), expected_total);
    }

    #[test]
    fn totals_follow_lines_taxes_and_discount() {
        check(
            json!([{"qty": "2.5", "unit_cost": {"amount": "120.00"}}, {"qty": 1, "unit_cost": {"amount": "19.99"}}]),
            "0",
            "319.99",
        );
        check(
            json!([{"qty": 1, "unit_cost": {"amount": "100.00"}, "taxAmount1": "13"}]),
            "0",
            "113.00",
        );
        check(
            json!([{"qty": 1, "unit_cost": {"amount": "100.00"}, "taxAmount1": "5", "taxAmount2": "9.975"}]),
            "0",
            "114.98",
        );
        check(
            json!([{"qty": 1, "unit_cost": {"amount": "100.00"}, "taxAmount1": "13"}]),
            "10",
            "101.70",
        );
        check(
            json!([{"qty": 3, "unit_cost": {"amount": "0.335"}}]),
            "0",
            "1.02",
        );
        check(
            json!([{"qty": "4.5", "unit_cost": {"amount": "155.00"}, "taxAmount1": "5", "taxAmount2": "7"}]),
            "0",
            "781.20",
        );
    }
}
