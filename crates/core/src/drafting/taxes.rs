//! Line taxes: up to two per line, as percentages; the second may be compound (charged on the
//! amount plus the first tax), as FreshBooks computes them.

use ledgerline_model::entity::LineTax;
use rust_decimal::{Decimal, RoundingStrategy};

/// The tax on one line's amount, each tax rounded to cents half away from zero.
pub fn line_tax(amount: Decimal, taxes: &[LineTax]) -> Decimal {
    let mut total = Decimal::ZERO;
    for tax in taxes {
        let base = if tax.compound { amount + total } else { amount };
        total += cents(base * tax.percent / Decimal::ONE_HUNDRED);
    }
    total
}

/// Rounds to cents, half away from zero, always written with two decimals (`1.00`).
pub fn cents(amount: Decimal) -> Decimal {
    let mut res = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    res.rescale(2);
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn tax(name: &str, pct: &str, compound: bool) -> LineTax {
        LineTax {
            number: None,
            name: name.into(),
            percent: d(pct),
            compound,
        }
    }

    #[test]
    fn tax_table() {
        let cases = [
            ("100.00", vec![], "0"),
            ("100.00", vec![tax("GST", "5", false)], "5.00"),
            (
                "100.00",
                vec![tax("GST", "5", false), tax("QST", "9.975", false)],
                "14.98",
            ),
            (
                "100.00",
                vec![tax("GST", "5", false), tax("PST", "10", true)],
                "15.50",
            ),
            ("0.10", vec![tax("GST", "5", false)], "0.01"),
            ("33.33", vec![tax("HST", "13", false)], "4.33"),
        ];
        for (amount, taxes, expected) in cases {
            assert_eq!(
                line_tax(d(amount), &taxes),
                d(expected),
                "{amount} {taxes:?}"
            );
        }
    }
}
