//! The drafting rules with totals computed by hand (the arithmetic is in the comments).
//!
//! The business: rate 100. Projects: 1 "Website" at its own rate 120; 2 "Support" at the
//! service's rate; 3 "Audit" at the team member's rate; 4 "Launch" a flat fee of 2500.
//! Services: 5 "Design" at 90, 6 "Writing" at 0. Team: 7 "Ada Lovelace" at 80; 8 no name, no
//! rate. Entries (March 2026, 09:00 UTC), with 15-minute rounding up:
//!
//! | id | project | service | member | logged | billed | rate (source) |
//! |----|---------|---------|--------|--------|--------|---------------|
//! | 1  | 1       | 5       | 7      | 50 min, day 2 | 1.00 h | 120 (project 1) |
//! | 2  | 1       | –       | 8      | 10 min, day 2 | 0.25 h | 120 (project 1) |
//! | 3  | –       | 5       | 7      | 20 min, day 3 | 0.50 h | 90 (service 5) |
//! | 4  | –       | –       | 8      | 61 min, day 3 | 1.25 h | 100 (business) |
//! | 5  | 2       | 5       | 7      | 30 min, day 4 | 0.50 h | 90 (service 5) |
//! | 6  | 3       | 5       | 7      | 45 min, day 4 | 0.75 h | 80 (member 7) |
//! | 7  | 4       | 5       | 8      | 600 min, day 5 | qty 1 | 2500 (flat fee 4) |
//!
//! Every layout bills the same: 120 + 30 + 45 + 125 + 45 + 60 + 2500 = 2925.00.

use std::str::FromStr;

use chrono::{NaiveDate, TimeZone};
use ledgerline_model::entity::LineTax;
use ledgerline_model::ids::{ClientId, IdentityId, ProjectId, ServiceId, TimeEntryId};
use ledgerline_model::money::CurrencyCode;
use rust_decimal::Decimal;

use super::rates::{BillingMethod, ProjectBilling, RateBook};
use super::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
fn entry(
    id: i64,
    project: Option<i64>,
    service: Option<i64>,
    member: i64,
    minutes: i64,
    day: u32,
) -> DraftEntry {
    DraftEntry {
        id: TimeEntryId(id),
        client_id: Some(ClientId(1)),
        project_id: project.map(ProjectId),
        service_id: service.map(ServiceId),
        identity_id: Some(IdentityId(member)),
        started_at: chrono::Utc
            .with_ymd_and_hms(2026, 3, day, 9, 0, 0)
            .single()
            .unwrap_or_default(),
        duration_seconds: minutes * 60,
        note: Some(format!("work {id}")),
        billable: true,
    }
}

fn entries() -> Vec<DraftEntry> {
    vec![
        entry(1, Some(1), Some(5), 7, 50, 2),
        entry(2, Some(1), None, 8, 10, 2),
        entry(3, None, Some(5), 7, 20, 3),
        entry(4, None, None, 8, 61, 3),
        entry(5, Some(2), Some(5), 7, 30, 4),
        entry(6, Some(3), Some(5), 7, 45, 4),
        entry(7, Some(4), Some(5), 8, 600, 5),
    ]
}

fn project(method: BillingMethod, rate: Option<i64>, fixed: Option<i64>) -> ProjectBilling {
    ProjectBilling {
        method,
        rate: rate.map(Decimal::from),
        fixed_price: fixed.map(Decimal::from),
    }
}

fn up(minutes: i64) -> Rounding {
    Rounding {
        increment_seconds: minutes * 60,
        mode: RoundingMode::Up,
        minimum_seconds: 0,
    }
}

fn spec(grouping: Grouping) -> DraftSpec {
    let mut rates = RateBook {
        business: Some(Decimal::from(100)),
        ..RateBook::default()
    };
    rates.projects.insert(
        ProjectId(1),
        project(BillingMethod::ProjectRate, Some(120), None),
    );
    rates.projects.insert(
        ProjectId(2),
        project(BillingMethod::ServiceRate, None, None),
    );
    rates.projects.insert(
        ProjectId(3),
        project(BillingMethod::TeamMemberRate, None, None),
    );
    rates.projects.insert(
        ProjectId(4),
        project(BillingMethod::ProjectRate, Some(150), Some(2500)),
    );
    rates.services.insert(ServiceId(5), Decimal::from(90));
    rates.services.insert(ServiceId(6), Decimal::ZERO);
    rates.team.insert(IdentityId(7), Decimal::from(80));
    let mut names = Names::default();
    for (id, title) in [(1, "Website"), (2, "Support"), (3, "Audit"), (4, "Launch")] {
        names.projects.insert(ProjectId(id), title.into());
    }
    names.services.insert(ServiceId(5), "Design".into());
    names.services.insert(ServiceId(6), "Writing".into());
    names.members.insert(IdentityId(7), "Ada Lovelace".into());
    DraftSpec::simple(
        CurrencyCode::new("CAD").unwrap_or_else(|_| unreachable!()),
        grouping,
        up(15),
        rates,
        vec![tax("GST", "5", false)],
        names,
    )
}

fn tax(name: &str, percent: &str, compound: bool) -> LineTax {
    LineTax {
        name: name.into(),
        percent: d(percent),
        number: None,
        compound,
    }
}

fn made(entries: &[DraftEntry], spec: &DraftSpec) -> Draft {
    match draft(entries, spec) {
        Ok(d) => d,
        Err(e) => panic!("no draft: {e}"),
    }
}

/// (name, hours, amount) of each line.
fn lines_of(draft: &Draft) -> Vec<(String, Decimal, Decimal)> {
    draft
        .lines
        .iter()
        .map(|l| (l.name.clone(), l.hours, l.amount.amount))
        .collect()
}

fn check(grouping: Grouping, expected: &[(&str, &str, &str)]) {
    let draft = made(&entries(), &spec(grouping));
    let want: Vec<(String, Decimal, Decimal)> = expected
        .iter()
        .map(|(n, h, a)| ((*n).to_owned(), d(h), d(a)))
        .collect();
    assert_eq!(lines_of(&draft), want, "{grouping:?}");
    // 2925.00, and GST 5 % on each line sums to 5 % of it: 146.25; total 3071.25.
    assert_eq!(draft.subtotal.amount, d("2925.00"), "{grouping:?}");
    assert_eq!(draft.tax.amount, d("146.25"), "{grouping:?}");
    assert_eq!(draft.total.amount, d("3071.25"), "{grouping:?}");
    let billed: std::collections::BTreeSet<i64> = draft.entries().iter().map(|e| e.get()).collect();
    assert_eq!(billed, (1..=7).collect(), "{grouping:?}");
}

#[test]
fn per_entry() {
    // Time order, the flat fee last.
    check(
        Grouping::PerEntry,
        &[
            ("Website — Design", "1.00", "120.00"), // 1.00 × 120
            ("Website", "0.25", "30.00"),           // 0.25 × 120
            ("Design", "0.50", "45.00"),            // 0.50 × 90
            ("Time", "1.25", "125.00"),             // 1.25 × 100
            ("Support — Design", "0.50", "45.00"),  // 0.50 × 90
            ("Audit — Design", "0.75", "60.00"),    // 0.75 × 80
            ("Launch", "1.00", "2500.00"),          // 1 × 2500
        ],
    );
}

#[test]
fn by_service() {
    check(
        Grouping::ByService,
        &[
            ("Time", "0.25", "30.00"),     // entry 2: 0.25 × 120
            ("Time", "1.25", "125.00"),    // entry 4: 1.25 × 100
            ("Design", "1.00", "120.00"),  // entry 1: 1.00 × 120
            ("Design", "1.00", "90.00"),   // entries 3 + 5: (0.50 + 0.50) × 90
            ("Design", "0.75", "60.00"),   // entry 6: 0.75 × 80
            ("Launch", "1.00", "2500.00"), // entry 7
        ],
    );
}

#[test]
fn by_project() {
    check(
        Grouping::ByProject,
        &[
            ("Time", "0.50", "45.00"),     // entry 3: 0.50 × 90
            ("Time", "1.25", "125.00"),    // entry 4: 1.25 × 100
            ("Website", "1.25", "150.00"), // entries 1 + 2: (1.00 + 0.25) × 120
            ("Support", "0.50", "45.00"),  // entry 5: 0.50 × 90
            ("Audit", "0.75", "60.00"),    // entry 6: 0.75 × 80
            ("Launch", "1.00", "2500.00"),
        ],
    );
}

#[test]
fn by_project_and_service() {
    check(
        Grouping::ByProjectAndService,
        &[
            ("Time", "1.25", "125.00"),             // entry 4
            ("Design", "0.50", "45.00"),            // entry 3
            ("Website", "0.25", "30.00"),           // entry 2
            ("Website — Design", "1.00", "120.00"), // entry 1
            ("Support — Design", "0.50", "45.00"),  // entry 5
            ("Audit — Design", "0.75", "60.00"),    // entry 6
            ("Launch", "1.00", "2500.00"),
        ],
    );
}

#[test]
fn by_team_member() {
    check(
        Grouping::ByTeamMember,
        &[
            ("Ada Lovelace", "1.00", "120.00"),  // entry 1: 1.00 × 120
            ("Ada Lovelace", "1.00", "90.00"),   // entries 3 + 5: 1.00 × 90
            ("Ada Lovelace", "0.75", "60.00"),   // entry 6: 0.75 × 80 (her own rate)
            ("Team member 8", "0.25", "30.00"),  // entry 2: 0.25 × 120
            ("Team member 8", "1.25", "125.00"), // entry 4: 1.25 × 100
            ("Launch", "1.00", "2500.00"),       // entry 7 (member 8): the flat fee
        ],
    );
}

#[test]
fn by_day() {
    check(
        Grouping::ByDay,
        &[
            ("2026-03-02", "1.25", "150.00"), // entries 1 + 2: 1.25 × 120
            ("2026-03-03", "0.50", "45.00"),  // entry 3
            ("2026-03-03", "1.25", "125.00"), // entry 4
            ("2026-03-04", "0.50", "45.00"),  // entry 5
            ("2026-03-04", "0.75", "60.00"),  // entry 6
            ("Launch", "1.00", "2500.00"),
        ],
    );
}

#[test]
fn summary() {
    check(
        Grouping::Summary,
        &[
            ("Time", "1.25", "150.00"), // entries 1 + 2 at 120
            ("Time", "1.00", "90.00"),  // entries 3 + 5 at 90
            ("Time", "0.75", "60.00"),  // entry 6 at 80
            ("Time", "1.25", "125.00"), // entry 4 at 100
            ("Launch", "1.00", "2500.00"),
        ],
    );
}

#[test]
fn rate_provenance_per_line() {
    let draft = made(&entries(), &spec(Grouping::PerEntry));
    let sources: Vec<RateSource> = draft.lines.iter().map(|l| l.rate_source).collect();
    assert_eq!(
        sources,
        [
            RateSource::Project(ProjectId(1)),
            RateSource::Project(ProjectId(1)),
            RateSource::Service(ServiceId(5)),
            RateSource::Business,
            RateSource::Service(ServiceId(5)),
            RateSource::TeamMember(IdentityId(7)),
            RateSource::FlatFee(ProjectId(4)),
        ]
    );
    // The flat fee goes on the invoice as quantity 1 at its price, whatever the 10 hours.
    let invoice = to_new_invoice(
        &draft,
        ClientId(1),
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default(),
    );
    let flat = &invoice.lines[6];
    assert_eq!((flat.qty, flat.unit_cost.amount), (d("1.00"), d("2500")));
    assert_eq!(draft.lines[6].entries, vec![TimeEntryId(7)]);
}

/// Entries 1–4 only (no flat fee), one summary line per rate, in each rounding.
fn rounded(rounding: Rounding, project_rounding: Vec<(ProjectId, Rounding)>) -> Vec<String> {
    let mut s = spec(Grouping::Summary);
    s.rounding = rounding;
    s.project_rounding = project_rounding;
    s.taxes.clear();
    let draft = made(&entries()[..4], &s);
    let mut res: Vec<String> = draft
        .lines
        .iter()
        .map(|l| format!("{} × {} = {}", l.hours, l.rate.amount, l.amount.amount))
        .collect();
    res.push(draft.total.amount.to_string());
    res
}

#[test]
fn rounding_modes() {
    // Logged: entry 1 3000 s, 2 600 s (project 1 at 120), 3 1200 s (at 90), 4 3660 s (at 100).
    // Exact: 3600 s = 1.00 h; 1200 s = 0.333 → 0.33 h × 90 = 29.70; 3660 s = 1.0167 → 1.02 h.
    assert_eq!(
        rounded(Rounding::EXACT, vec![]),
        [
            "1.00 × 120 = 120.00",
            "0.33 × 90 = 29.70",
            "1.02 × 100 = 102.00",
            "251.70"
        ]
    );
    // Up to 6 min (360 s): 3000 → 3240, 600 → 720: 3960 s = 1.10 h; 1200 → 1440 = 0.40 h;
    // 3660 → 3960 = 1.10 h. 132 + 36 + 110 = 278.
    assert_eq!(
        rounded(up(6), vec![]),
        [
            "1.10 × 120 = 132.00",
            "0.40 × 90 = 36.00",
            "1.10 × 100 = 110.00",
            "278.00"
        ]
    );
    // Nearest 15 min: 3000 → 2700 (300 s over is under half), 600 → 900: 1.00 h;
    // 1200 → 900 = 0.25 h; 3660 → 3600 = 1.00 h. 120 + 22.50 + 100 = 242.50.
    let nearest = Rounding {
        increment_seconds: 900,
        mode: RoundingMode::Nearest,
        minimum_seconds: 0,
    };
    assert_eq!(
        rounded(nearest, vec![]),
        [
            "1.00 × 120 = 120.00",
            "0.25 × 90 = 22.50",
            "1.00 × 100 = 100.00",
            "242.50"
        ]
    );
    // Down to 30 min: 3000 → 1800, 600 → 0: 0.50 h; 1200 → 0; 3660 → 3600. 60 + 0 + 100.
    let down = Rounding {
        increment_seconds: 1800,
        mode: RoundingMode::Down,
        minimum_seconds: 0,
    };
    assert_eq!(
        rounded(down, vec![]),
        [
            "0.50 × 120 = 60.00",
            "0.00 × 90 = 0.00",
            "1.00 × 100 = 100.00",
            "160.00"
        ]
    );
    // Up 15 min with a 30-minute minimum: 3000 → 3600; 600 → 900, raised to 1800: 1.50 h;
    // 1200 → 1800 (the minimum) = 0.50 h; 3660 → 4500 = 1.25 h. 180 + 45 + 125 = 350.
    let minimum = Rounding {
        minimum_seconds: 1800,
        ..up(15)
    };
    assert_eq!(
        rounded(minimum, vec![]),
        [
            "1.50 × 120 = 180.00",
            "0.50 × 90 = 45.00",
            "1.25 × 100 = 125.00",
            "350.00"
        ]
    );
    // Project 1 rounds up to the hour, the rest up to 15 min: 3000 → 3600, 600 → 3600:
    // 2.00 h; 1200 → 1800 = 0.50 h; 3660 → 4500 = 1.25 h. 240 + 45 + 125 = 410.
    assert_eq!(
        rounded(up(15), vec![(ProjectId(1), up(60))]),
        [
            "2.00 × 120 = 240.00",
            "0.50 × 90 = 45.00",
            "1.25 × 100 = 125.00",
            "410.00"
        ]
    );
}

fn taxed(taxes: Vec<LineTax>) -> Draft {
    let mut s = spec(Grouping::Summary);
    s.taxes = taxes;
    // Up 15: 4500 s at 120 = 150.00; 1800 s at 90 = 45.00; 4500 s at 100 = 125.00; 320.00.
    made(&entries()[..4], &s)
}

#[test]
fn simple_and_compound_taxes() {
    // GST 5 % and QST 9.975 %, both on the amount:
    // 150: 7.50 + 14.9625 = 22.4625, shown 22.46; 45: 2.25 + 4.48875 = 6.73875, shown 6.74;
    // 125: 6.25 + 12.46875 = 18.71875, shown 18.72. The invoice's tax, rounded once:
    // 22.4625 + 6.73875 + 18.71875 = 47.92; total 367.92.
    let simple = taxed(vec![tax("GST", "5", false), tax("QST", "9.975", false)]);
    assert_eq!(
        simple
            .lines
            .iter()
            .map(|l| l.tax.amount)
            .collect::<Vec<_>>(),
        [d("22.46"), d("6.74"), d("18.72")]
    );
    assert_eq!(simple.subtotal.amount, d("320.00"));
    assert_eq!(simple.tax.amount, d("47.92"));
    assert_eq!(simple.total.amount, d("367.92"));
    // PST 10 % compound (given first, put second) over GST 5 %:
    // 150: 7.50, then 10 % of 157.50 = 15.75: 23.25; 45: 2.25, then 10 % of 47.25 = 4.725:
    // 6.975, shown 6.98; 125: 6.25, then 10 % of 131.25 = 13.125: 19.375, shown 19.38.
    // FreshBooks rounds the invoice's tax once: 23.25 + 6.975 + 19.375 = 49.60 (not the
    // 49.61 the rounded lines add up to); total 320.00 + 49.60 = 369.60.
    let compound = taxed(vec![tax("PST", "10", true), tax("GST", "5", false)]);
    assert_eq!(
        compound
            .lines
            .iter()
            .map(|l| l.tax.amount)
            .collect::<Vec<_>>(),
        [d("23.25"), d("6.98"), d("19.38")]
    );
    assert_eq!(compound.tax.amount, d("49.60"));
    assert_eq!(compound.total.amount, d("369.60"));
    let names: Vec<(&str, bool)> = compound.lines[0]
        .taxes
        .iter()
        .map(|t| (t.name.as_str(), t.compound))
        .collect();
    assert_eq!(names, [("GST", false), ("PST", true)]);
    // Three taxes are refused.
    let mut s = spec(Grouping::Summary);
    s.taxes = vec![
        tax("A", "1", false),
        tax("B", "2", false),
        tax("C", "3", false),
    ];
    assert_eq!(draft(&entries(), &s), Err(DraftError::TooManyTaxes));
}

/// (name, amount) of each tax total, the tax and the total of a draft at the business rate of
/// 75, one line per entry, GST 5 % and QST 9.975 % compound (on the amount plus GST).
fn quebec(minutes: &[i64]) -> (Vec<(String, Decimal)>, Decimal, Decimal, Decimal) {
    let mut s = spec(Grouping::PerEntry);
    s.rates.business = Some(Decimal::from(75));
    s.taxes = vec![tax("GST", "5", false), tax("QST", "9.975", true)];
    let entries: Vec<DraftEntry> = minutes
        .iter()
        .zip(20..)
        .map(|(m, id)| entry(id, None, None, 8, *m, 3))
        .collect();
    let made = made(&entries, &s);
    let taxes: Vec<(String, Decimal)> = made
        .taxes
        .iter()
        .map(|t| (t.tax.name.clone(), t.amount.amount))
        .collect();
    // Each tax's figure is in the draft's currency, and they add up to its tax.
    assert!(
        made.taxes
            .iter()
            .all(|t| t.amount.currency == made.tax.currency)
    );
    assert_eq!(
        made.taxes.iter().map(|t| t.amount.amount).sum::<Decimal>(),
        made.tax.amount
    );
    assert_eq!(made.subtotal.amount + made.tax.amount, made.total.amount);
    (
        taxes,
        made.subtotal.amount,
        made.tax.amount,
        made.total.amount,
    )
}

#[test]
fn each_tax_is_totalled_over_the_lines_and_rounded_once() {
    // 30 min and 90 min at 75: 0.50 h = 37.50 and 1.50 h = 112.50; 150.00.
    // GST: 1.875 + 5.625 = 7.50. QST on the amount plus GST: 39.375 × 9.975 % = 3.92765625 and
    // 118.125 × 9.975 % = 11.78296875, 15.710625 → 15.71. Tax 23.21, total 173.21.
    // Rounded line by line instead (the preview once did): GST 1.88 + 5.63 = 7.51, QST on
    // 39.38 = 3.928155 → 3.93 and on 118.13 = 11.7834675 → 11.78: 23.22, a cent too many.
    let gst_qst = |g: &str, q: &str| vec![("GST".to_owned(), d(g)), ("QST".to_owned(), d(q))];
    assert_eq!(
        quebec(&[30, 90]),
        (
            gst_qst("7.50", "15.71"),
            d("150.00"),
            d("23.21"),
            d("173.21")
        )
    );
    // 30 min and 120 min: 37.50 + 150.00 = 187.50. GST 1.875 + 7.50 = 9.375 → 9.38; QST
    // 3.92765625 + 157.50 × 9.975 % = 15.710625: 19.63828125 → 19.64. Those add up to 29.02,
    // but FreshBooks bills the taxes rounded once: 29.01328125 → 29.01. The largest tax gives
    // the cent (QST 19.63), so the figures add up to what is billed: total 216.51.
    assert_eq!(
        quebec(&[30, 120]),
        (
            gst_qst("9.38", "19.63"),
            d("187.50"),
            d("29.01"),
            d("216.51")
        )
    );
    // No tax: no tax line, 0.00.
    let mut s = spec(Grouping::Summary);
    s.taxes.clear();
    let untaxed = made(&entries(), &s);
    assert!(untaxed.taxes.is_empty());
    assert_eq!(untaxed.tax.amount.to_string(), "0.00");
}

#[test]
fn two_currencies() {
    // A CAD client: entries 1–4 at 15 minutes up, no tax: 320.00 CAD (as above).
    let mut cad = spec(Grouping::Summary);
    cad.taxes.clear();
    let in_cad = made(&entries()[..4], &cad);
    // A USD client of the same business, billed 75 USD an hour (the request's business rate):
    // entry 4 alone, 1.25 h × 75 = 93.75 USD; GST 5 % = 4.6875 → 4.69; total 98.44 USD.
    let usd_code = CurrencyCode::new("USD").unwrap_or_else(|_| unreachable!());
    let mut usd = spec(Grouping::Summary);
    usd.currency = usd_code.clone();
    usd.rates.business = Some(Decimal::from(75));
    let in_usd = made(&entries()[3..4], &usd);
    assert_eq!(in_cad.total.amount, d("320.00"));
    assert_eq!(in_cad.total.currency.as_str(), "CAD");
    assert_eq!(
        (
            in_usd.subtotal.amount,
            in_usd.tax.amount,
            in_usd.total.amount
        ),
        (d("93.75"), d("4.69"), d("98.44"))
    );
    for m in in_usd
        .lines
        .iter()
        .flat_map(|l| [&l.rate, &l.amount, &l.tax])
        .chain([&in_usd.subtotal, &in_usd.tax, &in_usd.total])
    {
        assert_eq!(m.currency, usd_code);
    }
    assert!(
        in_cad
            .lines
            .iter()
            .all(|l| l.amount.currency.as_str() == "CAD")
    );
}

#[test]
fn warnings_filters_and_template() {
    let mut all = entries();
    // 8: Writing (rate 0), 30 min; 9: non-billable, 1 hour at the business rate.
    all.push(entry(8, None, Some(6), 7, 30, 6));
    let mut nb = entry(9, None, None, 7, 60, 6);
    nb.billable = false;
    all.push(nb);
    let s = spec(Grouping::PerEntry);
    let plain = made(&all, &s);
    assert!(!plain.entries().contains(&TimeEntryId(9)));
    assert_eq!(
        plain.warnings,
        [
            DraftWarning::ZeroRate {
                entries: vec![TimeEntryId(8)]
            },
            DraftWarning::NonBillable {
                entries: vec![TimeEntryId(9)],
                included: false
            }
        ]
    );
    // 2925.00 + entry 8 at 0 = 2925.00.
    assert_eq!(plain.subtotal.amount, d("2925.00"));
    let mut with = s.clone();
    with.include_non_billable = true;
    let included = made(&all, &with);
    // + 1.00 h × 100 = 3025.00.
    assert_eq!(included.subtotal.amount, d("3025.00"));
    assert!(included.warnings.contains(&DraftWarning::NonBillable {
        entries: vec![TimeEntryId(9)],
        included: true
    }));
    // Unticked entries, a project filter and dates.
    let mut only = spec(Grouping::ByProject);
    only.projects = vec![ProjectId(1)];
    only.exclude = vec![TimeEntryId(2)];
    // Entry 1 alone: 1.00 × 120 = 120.00, GST 6.00.
    let one = made(&all, &only);
    assert_eq!(one.entries(), [TimeEntryId(1)]);
    assert_eq!(one.total.amount, d("126.00"));
    let mut days = spec(Grouping::ByDay);
    days.from = NaiveDate::from_ymd_opt(2026, 3, 3);
    days.to = NaiveDate::from_ymd_opt(2026, 3, 3);
    assert_eq!(
        made(&all, &days).entries(),
        [TimeEntryId(3), TimeEntryId(4)]
    );
    only.exclude = vec![TimeEntryId(1), TimeEntryId(2)];
    assert_eq!(draft(&all, &only), Err(DraftError::NoEntries));
    // Descriptions from the template: a grouped line has its days and its notes.
    let mut t = spec(Grouping::ByProject);
    t.template = "{project}, {member}: {date} ({note})".into();
    let website = made(&all, &t);
    let line = website
        .lines
        .iter()
        .find(|l| l.name == "Website")
        .map(|l| l.description.clone());
    assert_eq!(
        line.as_deref(),
        Some("Website, Ada Lovelace, Team member 8: 2026-03-02 (work 1; work 2)")
    );
    // The default template on one entry.
    assert_eq!(
        made(&all, &spec(Grouping::PerEntry)).lines[0].description,
        "2026-03-02: work 1"
    );
}

#[test]
fn the_400_line_guard_proposes_a_layout() {
    let s = spec(Grouping::PerEntry);
    // 401 entries of project 1, each of its own (unrated) service: 401 lines per entry and per
    // service, 1 per project.
    let many: Vec<DraftEntry> = (0..401)
        .map(|i| entry(100 + i, Some(1), Some(1000 + i), 7, 15, 1 + (i % 28) as u32))
        .collect();
    assert_eq!(
        draft(&many, &s),
        Err(DraftError::TooManyLines {
            lines: 401,
            max: 400,
            suggested: Grouping::ByProject
        })
    );
    // 400 fit.
    assert_eq!(made(&many[..400], &s).lines.len(), 400);
    // 401 entries without a project, of one service: by service keeps the detail (1 line).
    let one_service: Vec<DraftEntry> = (0..401)
        .map(|i| entry(100 + i, None, Some(5), 7, 15, 1 + (i % 28) as u32))
        .collect();
    let err = draft(&one_service, &s).err();
    assert_eq!(
        err.as_ref().map(DraftError::code),
        Some(ledgerline_model::error::ErrorCode::DraftTooManyLines {
            lines: 401,
            max: 400,
            suggested: Grouping::ByService
        })
    );
    assert!(err.is_some_and(|e| e.to_string().contains("by service")));
    // 401 services each with its own rate, no project: every layout but the summary keeps a
    // line per rate; the summary is proposed.
    let mut rated = s.clone();
    for i in 0..401 {
        rated
            .rates
            .services
            .insert(ServiceId(1000 + i), Decimal::from(50 + i));
    }
    let per_rate: Vec<DraftEntry> = (0..401)
        .map(|i| entry(100 + i, None, Some(1000 + i), 7, 15, 1 + (i % 28) as u32))
        .collect();
    assert!(matches!(
        draft(&per_rate, &rated),
        Err(DraftError::TooManyLines {
            suggested: Grouping::Summary,
            ..
        })
    ));
    // No entries, and no rate.
    assert_eq!(draft(&[], &s), Err(DraftError::NoEntries));
    let mut no_rates = spec(Grouping::ByProject);
    no_rates.rates = RateBook::default();
    assert_eq!(
        draft(&entries()[2..4], &no_rates),
        Err(DraftError::NoRate {
            entries: vec![TimeEntryId(3), TimeEntryId(4)]
        })
    );
}

/// Review of issue 12: an entry of no time is not billed and makes no line (on a flat-fee
/// project it would otherwise bill the whole fee).
#[test]
fn entries_of_no_time_are_left_out() {
    let spec = spec(Grouping::PerEntry);
    let some = vec![
        entry(7, Some(4), Some(5), 8, 0, 5),
        entry(3, None, Some(5), 7, 20, 3),
    ];
    let drafted = made(&some, &spec);
    assert_eq!(drafted.entries(), [TimeEntryId(3)]);
    assert_eq!(drafted.lines.len(), 1);
    assert_eq!(drafted.total.amount, d("47.25"));
    assert_eq!(
        draft(&[entry(4, None, None, 8, 0, 3)], &spec),
        Err(DraftError::NoEntries)
    );
}

/// Review of issue 12: absurd durations, rates and taxes saturate instead of overflowing.
#[test]
fn huge_values_do_not_overflow() {
    let mut spec = spec(Grouping::Summary);
    spec.rounding = Rounding {
        increment_seconds: 86_400,
        mode: RoundingMode::Up,
        minimum_seconds: 86_400,
    };
    spec.rates.business = Some(Decimal::MAX);
    spec.taxes = vec![tax("A", "100", false), tax("B", "100", true)];
    let mut huge = entry(4, None, None, 8, 0, 3);
    huge.duration_seconds = i64::MAX;
    let mut other = entry(9, None, None, 8, 0, 3);
    other.duration_seconds = i64::MAX;
    let drafted = made(&[huge, other], &spec);
    assert!(drafted.total.amount > Decimal::ZERO);
    assert_eq!(drafted.entries().len(), 2);
}
