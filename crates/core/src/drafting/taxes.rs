//! Line taxes: up to two per line, as percentages; the second may be compound (charged on the
//! amount plus the first tax), as FreshBooks computes them; and each tax's total over an
//! invoice's lines ([`tax_totals`]), the one rule a draft's preview and an invoice's page share.

use ledgerline_model::entity::LineTax;
use rust_decimal::{Decimal, RoundingStrategy};

/// The taxes as FreshBooks takes them on a line: a compound tax after the simple one (it is
/// charged on the amount plus the first tax), and the first never compound (with nothing before
/// it, compounding changes nothing, and FreshBooks only compounds the second).
pub fn ordered(taxes: &[LineTax]) -> Vec<LineTax> {
    let mut res: Vec<LineTax> = taxes.to_vec();
    res.sort_by_key(|t| t.compound);
    if let Some(first) = res.first_mut() {
        first.compound = false;
    }
    res
}

/// The tax on one line's amount, exact (not rounded): FreshBooks adds the lines' taxes up and
/// rounds once on the invoice. A compound tax is charged on the amount plus the taxes before it.
pub fn line_tax_exact(amount: Decimal, taxes: &[LineTax]) -> Decimal {
    let mut total = Decimal::ZERO;
    for tax in taxes {
        let base = if tax.compound {
            amount.saturating_add(total)
        } else {
            amount
        };
        total = total.saturating_add(percent_of(base, tax.percent));
    }
    total
}

/// The tax on one line's amount, to the cent (half away from zero), as the line shows it.
pub fn line_tax(amount: Decimal, taxes: &[LineTax]) -> Decimal {
    cents(line_tax_exact(amount, taxes))
}

/// Each tax's total over an invoice's lines, by name and rate in the order first met: each
/// line's taxable amount (its amount less `discount_percent`, 10 for 10 %) times the tax, a
/// compound tax on that amount plus the line's taxes before it (exact, not rounded); the
/// lines' figures of one tax added up exactly and rounded once to the cent, half away from
/// zero. A line gives its taxes in FreshBooks' order (tax1, then tax2).
///
/// FreshBooks (and our emulator) bills an invoice's taxes added up exactly and rounded once,
/// which can be a cent off the sum of the taxes' rounded totals (9.375 → 9.38 and 19.63828125
/// → 19.64 add up to 29.02, the invoice bills 29.01328125 → 29.01): then the largest tax gives
/// or takes the difference, so the figures shown always add up to the tax billed. The sum of
/// the answer is that tax.
pub fn tax_totals<'a, L, T>(lines: L, discount_percent: Decimal) -> Vec<(LineTax, Decimal)>
where
    L: IntoIterator<Item = (Decimal, T)>,
    T: IntoIterator<Item = &'a LineTax>,
{
    let keep = Decimal::ONE - discount_percent / Decimal::ONE_HUNDRED;
    // Each tax's exact total.
    let mut totals: Vec<(LineTax, Decimal)> = Vec::new();
    for (amount, taxes) in lines {
        let taxable = amount.saturating_mul(keep);
        let mut before = Decimal::ZERO;
        for tax in taxes {
            let base = if tax.compound {
                taxable.saturating_add(before)
            } else {
                taxable
            };
            let figure = percent_of(base, tax.percent);
            before = before.saturating_add(figure);
            match totals
                .iter_mut()
                .find(|(t, _)| t.name == tax.name && t.percent == tax.percent)
            {
                Some((_, sum)) => *sum = sum.saturating_add(figure),
                None => totals.push((tax.clone(), figure)),
            }
        }
    }
    let billed = cents(sum(totals.iter().map(|(_, t)| *t)));
    let mut totals: Vec<(LineTax, Decimal)> = totals
        .into_iter()
        .map(|(tax, sum)| (tax, cents(sum)))
        .collect();
    let shown = sum(totals.iter().map(|(_, t)| *t));
    if shown != billed
        && let Some((_, largest)) = totals.iter_mut().max_by_key(|(_, t)| t.abs())
    {
        *largest = largest.saturating_add(billed.saturating_sub(shown));
    }
    totals
}

/// `percent` % of `amount`; absurd amounts saturate instead of overflowing.
fn percent_of(amount: Decimal, percent: Decimal) -> Decimal {
    amount.saturating_mul(percent / Decimal::ONE_HUNDRED)
}

/// The sum of amounts; absurd amounts saturate instead of overflowing.
pub fn sum(amounts: impl IntoIterator<Item = Decimal>) -> Decimal {
    amounts
        .into_iter()
        .fold(Decimal::ZERO, Decimal::saturating_add)
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
            // No tax: 0.
            ("100.00", vec![], "0.00"),
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
            // The compound one given first is put second: 100 × 5% = 5.00, then
            // (100 + 5) × 10% = 10.50; 15.50 as above.
            (
                "100.00",
                vec![tax("PST", "10", true), tax("GST", "5", false)],
                "15.50",
            ),
            // Both compound: the first has nothing to compound on (100 × 5% = 5.00), the
            // second is on 105.00: 10.50.
            (
                "100.00",
                vec![tax("GST", "5", true), tax("PST", "10", true)],
                "15.50",
            ),
        ];
        for (amount, taxes, expected) in cases {
            let taxes = ordered(&taxes);
            assert_eq!(
                line_tax(d(amount), &taxes),
                d(expected),
                "{amount} {taxes:?}"
            );
        }
    }
}
