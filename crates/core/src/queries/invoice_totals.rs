//! An invoice's subtotal, each tax's total and its total, from its lines, as FreshBooks
//! computes them: each line's amount to the cent; the discount (a percentage) off the subtotal
//! and off each line's taxable amount; up to two taxes per line, the second on the amount plus
//! the first when compound; the taxes rounded once on the invoice, not per line.
//!
//! Each tax's total is the drafting rules' [`tax_totals`] (one rule for the draft's preview and
//! the invoice's page): rounded to the cent, the largest taking any cent lost to rounding, so
//! the figures on the page always add up to the total FreshBooks bills.

use ledgerline_model::entity::{InvoiceLine, LineTax};
use rust_decimal::Decimal;

use crate::drafting::taxes::{cents, tax_totals};

/// What an invoice adds up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// The lines' amounts, before discount and taxes.
    pub subtotal: Decimal,
    /// The discount off the subtotal.
    pub discount: Decimal,
    /// Each tax (by name and rate, in the order first met) and its total.
    pub taxes: Vec<(LineTax, Decimal)>,
    /// Subtotal less discount plus taxes.
    pub total: Decimal,
}

/// A line's amount: FreshBooks' when it gives one, else quantity × unit cost, to the cent.
pub fn line_amount(line: &InvoiceLine) -> Decimal {
    cents(match (&line.amount, &line.unit_cost) {
        (Some(amount), _) => amount.amount,
        (None, Some(cost)) => line.qty * cost.amount,
        (None, None) => Decimal::ZERO,
    })
}

/// The totals of `lines` with a discount of `discount_percent` (10 for 10 %).
pub fn totals(lines: &[InvoiceLine], discount_percent: Decimal) -> Totals {
    let subtotal: Decimal = lines.iter().map(line_amount).sum();
    let taxes = tax_totals(
        lines
            .iter()
            .map(|l| (line_amount(l), l.tax1.iter().chain(l.tax2.iter()))),
        discount_percent,
    );
    let tax: Decimal = taxes.iter().map(|(_, t)| *t).sum();
    let discount = cents(subtotal * discount_percent / Decimal::ONE_HUNDRED);
    Totals {
        subtotal: cents(subtotal),
        discount,
        taxes,
        total: cents(subtotal - discount + tax),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ledgerline_model::entity::LineKind;
    use ledgerline_model::money::{CurrencyCode, Money};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn tax(name: &str, pct: &str, compound: bool) -> LineTax {
        LineTax {
            name: name.into(),
            percent: d(pct),
            number: None,
            compound,
        }
    }

    fn line(qty: &str, cost: &str, tax1: Option<LineTax>, tax2: Option<LineTax>) -> InvoiceLine {
        InvoiceLine {
            line_id: None,
            kind: LineKind::Normal,
            name: None,
            description: None,
            qty: d(qty),
            unit_cost: Some(Money::new(d(cost), CurrencyCode::new("CAD").unwrap())),
            amount: None,
            tax1,
            tax2,
            expense_id: None,
            date: None,
            project_id: None,
            updated: None,
        }
    }

    fn figures(t: &Totals) -> (String, Vec<(String, String)>, String) {
        (
            t.subtotal.to_string(),
            t.taxes
                .iter()
                .map(|(tax, sum)| (tax.name.clone(), sum.to_string()))
                .collect(),
            t.total.to_string(),
        )
    }

    #[test]
    fn simple_and_compound_taxes_by_hand() {
        // 4.5 h × 155.00 = 697.50; GST 5 % = 34.875; QST 9.975 % = 69.575625.
        // Taxes 104.450625 → 104.45 (GST 34.88 + QST 69.58 = 104.46: the largest gives a cent).
        let t = totals(
            &[line(
                "4.5",
                "155.00",
                Some(tax("GST", "5", false)),
                Some(tax("QST", "9.975", false)),
            )],
            Decimal::ZERO,
        );
        assert_eq!(
            figures(&t),
            (
                "697.50".into(),
                vec![
                    ("GST".into(), "34.88".into()),
                    ("QST".into(), "69.57".into())
                ],
                "801.95".into()
            )
        );
        // Compound: 100.00, GST 5 % = 5.00, PST 10 % on 105.00 = 10.50.
        let t = totals(
            &[line(
                "1",
                "100.00",
                Some(tax("GST", "5", false)),
                Some(tax("PST", "10", true)),
            )],
            Decimal::ZERO,
        );
        assert_eq!(
            figures(&t),
            (
                "100.00".into(),
                vec![
                    ("GST".into(), "5.00".into()),
                    ("PST".into(), "10.50".into())
                ],
                "115.50".into()
            )
        );
    }

    #[test]
    fn taxes_are_summed_over_lines_then_rounded_once() {
        // Three lines of 0.10 at 5 %: 0.005 each, 0.015 in all → 0.02 (per line: 0.01 × 3 = 0.03).
        let gst = || Some(tax("GST", "5", false));
        let t = totals(
            &[
                line("1", "0.10", gst(), None),
                line("1", "0.10", gst(), None),
                line("1", "0.10", gst(), None),
            ],
            Decimal::ZERO,
        );
        assert_eq!(
            figures(&t),
            (
                "0.30".into(),
                vec![("GST".into(), "0.02".into())],
                "0.32".into()
            )
        );
    }

    #[test]
    fn a_discount_comes_off_the_subtotal_and_the_taxed_amount() {
        // 100.00 less 10 % = 90.00, HST 13 % of 90.00 = 11.70: 101.70 (the emulator's case).
        let t = totals(
            &[line("1", "100.00", Some(tax("HST", "13", false)), None)],
            d("10"),
        );
        assert_eq!(t.discount, d("10.00"));
        assert_eq!(
            figures(&t),
            (
                "100.00".into(),
                vec![("HST".into(), "11.70".into())],
                "101.70".into()
            )
        );
    }

    #[test]
    fn line_amounts_are_to_the_cent_and_freshbooks_amount_wins() {
        // 3 × 0.335 = 1.005 → 1.01.
        assert_eq!(line_amount(&line("3", "0.335", None, None)), d("1.01"));
        let mut given = line("3", "0.335", None, None);
        given.amount = Some(Money::new(d("1.00"), CurrencyCode::new("CAD").unwrap()));
        assert_eq!(line_amount(&given), d("1.00"));
        let t = totals(&[], Decimal::ZERO);
        assert_eq!(figures(&t), ("0.00".into(), vec![], "0.00".into()));
    }
}
