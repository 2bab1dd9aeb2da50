//! What Home shows: unbilled time, money owed and how late it is, per currency (never adding one
//! currency to another), for one business or across all of them.
//!
//! The aging rule is a pure function here ([`aging_bucket`], [`Aging::add`], [`sum_aging`]) so the
//! UI's chart and its tests use the very rule the core does.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::{BusinessId, ClientId};
use crate::money::{CurrencyCode, Money};

/// Home's figures for one business, or for all of them together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeSummary {
    /// The business summed, or `None` for every business together.
    pub business: Option<BusinessId>,
    /// The day "overdue" and the aging are counted from.
    pub today: NaiveDate,
    /// Billable time not yet invoiced, one item per currency, by currency code.
    pub unbilled: Vec<UnbilledFigures>,
    /// Unbilled time whose currency is unknown (neither its client nor its business has one).
    pub unbilled_without_currency: UnbilledHours,
    /// Money owed on invoices, one item per currency, by currency code.
    pub receivable: Vec<ReceivableFigures>,
    /// What each client owes, by how late, one item per client and currency; largest total first.
    pub aging: Vec<ClientAging>,
}

/// Hours and entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnbilledHours {
    /// How many time entries.
    pub entries: u32,
    /// Their length, in seconds.
    pub seconds: i64,
}

impl UnbilledHours {
    /// Counts one entry of `seconds`.
    pub fn add(&mut self, seconds: i64) {
        self.entries += 1;
        self.seconds += seconds;
    }

    /// The length in hours, rounded to hundredths.
    pub fn hours(&self) -> Decimal {
        hours(self.seconds)
    }
}

/// Seconds as hours, rounded to hundredths.
pub fn hours(seconds: i64) -> Decimal {
    (Decimal::from(seconds) / Decimal::from(3600))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Unbilled time in one currency (its client's, else its business's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnbilledFigures {
    /// The currency.
    pub currency: CurrencyCode,
    /// Every billable, unbilled entry in this currency.
    pub total: UnbilledHours,
    /// What the entries with a rate come to (hours × the rate drafting would use), to the cent.
    pub amount: Money,
    /// The entries no rate applies to (no project, service or team rate, and no business rate
    /// known): counted here and left out of `amount`.
    pub without_rate: UnbilledHours,
}

/// Money owed in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivableFigures {
    /// The currency.
    pub currency: CurrencyCode,
    /// Every invoice with something still owed (drafts and deleted invoices left out).
    pub outstanding: Money,
    /// How many such invoices.
    pub outstanding_count: u32,
    /// The part of `outstanding` past its due date.
    pub overdue: Money,
    /// How many invoices are past their due date.
    pub overdue_count: u32,
}

/// What one client owes in one currency, by how late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientAging {
    /// The client's business.
    pub business: BusinessId,
    /// The business's name.
    pub business_name: String,
    /// The client.
    pub client: ClientId,
    /// The client's name (organization, or first and last name).
    pub client_name: String,
    /// The amounts, by how late.
    pub aging: Aging,
}

/// How many days past its due date an amount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgingBucket {
    /// Not yet due (due today or later), or no due date.
    Current,
    /// 1 to 30 days late.
    Days1To30,
    /// 31 to 60 days late.
    Days31To60,
    /// 61 to 90 days late.
    Days61To90,
    /// More than 90 days late.
    Over90,
}

impl AgingBucket {
    /// Every bucket, from current to the latest.
    pub const ALL: [AgingBucket; 5] = [
        AgingBucket::Current,
        AgingBucket::Days1To30,
        AgingBucket::Days31To60,
        AgingBucket::Days61To90,
        AgingBucket::Over90,
    ];
}

/// The bucket of an amount due on `due`, seen on `today`: due today is current, one day late is
/// 1–30, day 30 is still 1–30, day 31 is 31–60, day 61 is 61–90, day 91 is 90+. No due date is
/// current.
pub fn aging_bucket(due: Option<NaiveDate>, today: NaiveDate) -> AgingBucket {
    let Some(due) = due else {
        return AgingBucket::Current;
    };
    match (today - due).num_days() {
        ..=0 => AgingBucket::Current,
        1..=30 => AgingBucket::Days1To30,
        31..=60 => AgingBucket::Days31To60,
        61..=90 => AgingBucket::Days61To90,
        _ => AgingBucket::Over90,
    }
}

/// Amounts of one currency by bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aging {
    /// The currency of every amount here.
    pub currency: CurrencyCode,
    /// Not yet due.
    pub current: Decimal,
    /// 1–30 days late.
    pub days_1_30: Decimal,
    /// 31–60 days late.
    pub days_31_60: Decimal,
    /// 61–90 days late.
    pub days_61_90: Decimal,
    /// More than 90 days late.
    pub over_90: Decimal,
}

impl Aging {
    /// Nothing owed, in a currency.
    pub fn zero(currency: CurrencyCode) -> Self {
        Self {
            currency,
            current: Decimal::ZERO,
            days_1_30: Decimal::ZERO,
            days_31_60: Decimal::ZERO,
            days_61_90: Decimal::ZERO,
            over_90: Decimal::ZERO,
        }
    }

    /// The amount in one bucket.
    pub fn get(&self, bucket: AgingBucket) -> Decimal {
        match bucket {
            AgingBucket::Current => self.current,
            AgingBucket::Days1To30 => self.days_1_30,
            AgingBucket::Days31To60 => self.days_31_60,
            AgingBucket::Days61To90 => self.days_61_90,
            AgingBucket::Over90 => self.over_90,
        }
    }

    /// Adds an amount owed, due on `due`, seen on `today`.
    pub fn add(&mut self, amount: Decimal, due: Option<NaiveDate>, today: NaiveDate) {
        let slot = match aging_bucket(due, today) {
            AgingBucket::Current => &mut self.current,
            AgingBucket::Days1To30 => &mut self.days_1_30,
            AgingBucket::Days31To60 => &mut self.days_31_60,
            AgingBucket::Days61To90 => &mut self.days_61_90,
            AgingBucket::Over90 => &mut self.over_90,
        };
        *slot += amount;
    }

    /// Everything owed.
    pub fn total(&self) -> Money {
        Money::new(
            AgingBucket::ALL.iter().map(|b| self.get(*b)).sum(),
            self.currency.clone(),
        )
    }

    /// Everything past its due date.
    pub fn overdue(&self) -> Money {
        Money::new(self.total().amount - self.current, self.currency.clone())
    }
}

/// Sums amounts owed (each with its due date) by currency and bucket, one [`Aging`] per currency,
/// by currency code: what a chart of several clients, or of a whole business, shows.
pub fn sum_aging<'a>(
    owed: impl IntoIterator<Item = (&'a Money, Option<NaiveDate>)>,
    today: NaiveDate,
) -> Vec<Aging> {
    let mut by_currency: std::collections::BTreeMap<CurrencyCode, Aging> =
        std::collections::BTreeMap::new();
    for (money, due) in owed {
        by_currency
            .entry(money.currency.clone())
            .or_insert_with(|| Aging::zero(money.currency.clone()))
            .add(money.amount, due, today);
    }
    by_currency.into_values().collect()
}

/// Adds several [`Aging`]s up, per currency, by currency code (e.g. every client's into the
/// business's).
pub fn merge_aging<'a>(items: impl IntoIterator<Item = &'a Aging>) -> Vec<Aging> {
    let mut by_currency: std::collections::BTreeMap<CurrencyCode, Aging> =
        std::collections::BTreeMap::new();
    for item in items {
        let sum = by_currency
            .entry(item.currency.clone())
            .or_insert_with(|| Aging::zero(item.currency.clone()));
        sum.current += item.current;
        sum.days_1_30 += item.days_1_30;
        sum.days_31_60 += item.days_31_60;
        sum.days_61_90 += item.days_61_90;
        sum.over_90 += item.over_90;
    }
    by_currency.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn bucket_edges() {
        let today = day(2026, 3, 31);
        let late = |days: i64| Some(today - chrono::TimeDelta::days(days));
        assert_eq!(aging_bucket(None, today), AgingBucket::Current);
        assert_eq!(aging_bucket(late(-5), today), AgingBucket::Current);
        assert_eq!(aging_bucket(late(0), today), AgingBucket::Current);
        assert_eq!(aging_bucket(late(1), today), AgingBucket::Days1To30);
        assert_eq!(aging_bucket(late(30), today), AgingBucket::Days1To30);
        assert_eq!(aging_bucket(late(31), today), AgingBucket::Days31To60);
        assert_eq!(aging_bucket(late(60), today), AgingBucket::Days31To60);
        assert_eq!(aging_bucket(late(61), today), AgingBucket::Days61To90);
        assert_eq!(aging_bucket(late(90), today), AgingBucket::Days61To90);
        assert_eq!(aging_bucket(late(91), today), AgingBucket::Over90);
        assert_eq!(aging_bucket(late(4000), today), AgingBucket::Over90);
        // Across a month end and a leap day: 2024-02-29 is 31 days before 2024-03-31.
        assert_eq!(
            aging_bucket(Some(day(2024, 2, 29)), day(2024, 3, 31)),
            AgingBucket::Days31To60
        );
        assert_eq!(
            aging_bucket(Some(day(2024, 3, 1)), day(2024, 3, 31)),
            AgingBucket::Days1To30
        );
    }

    #[test]
    fn sums_per_currency_and_bucket_by_hand() {
        let today = day(2026, 3, 31);
        let cad = CurrencyCode::new("CAD").unwrap();
        let usd = CurrencyCode::new("USD").unwrap();
        let owed = [
            (
                Money::new(dec("100.10"), cad.clone()),
                Some(day(2026, 3, 31)),
            ), // day 0
            (Money::new(dec("0.90"), cad.clone()), None), // no due date
            (Money::new(dec("200"), cad.clone()), Some(day(2026, 3, 1))), // day 30
            (
                Money::new(dec("50.25"), cad.clone()),
                Some(day(2026, 2, 28)),
            ), // day 31
            (Money::new(dec("7"), usd.clone()), Some(day(2025, 12, 31))), // day 90
            (Money::new(dec("3.5"), usd.clone()), Some(day(2025, 12, 30))), // day 91
        ];
        let sums = sum_aging(owed.iter().map(|(m, d)| (m, *d)), today);
        assert_eq!(sums.len(), 2);
        assert_eq!(sums[0].currency, cad);
        assert_eq!(sums[0].current, dec("101.00"));
        assert_eq!(sums[0].days_1_30, dec("200"));
        assert_eq!(sums[0].days_31_60, dec("50.25"));
        assert_eq!(sums[0].days_61_90, Decimal::ZERO);
        assert_eq!(sums[0].total().amount, dec("351.25"));
        assert_eq!(sums[0].overdue().amount, dec("250.25"));
        assert_eq!(sums[1].currency, usd);
        assert_eq!(sums[1].days_61_90, dec("7"));
        assert_eq!(sums[1].over_90, dec("3.5"));
        assert_eq!(sums[1].total(), Money::new(dec("10.5"), usd));
        let merged = merge_aging(sums.iter().chain(sums.iter()));
        assert_eq!(merged[0].total().amount, dec("702.50"));
        assert_eq!(merged[1].over_90, dec("7.0"));
    }

    #[test]
    fn hours_round_to_hundredths() {
        let mut h = UnbilledHours::default();
        h.add(5400);
        h.add(1200);
        assert_eq!(h.entries, 2);
        assert_eq!(h.hours(), dec("1.83"));
        assert_eq!(hours(900), dec("0.25"));
    }
}
