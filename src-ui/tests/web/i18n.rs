//! The catalogs and the formatting per locale: both catalogs parse and have exactly the same
//! keys (`cargo xtask tidy` checks that every key the source asks for exists); amounts, numbers, hours and dates come out as a
//! reader of each locale expects (exact strings, from the browser's `Intl`).

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone, Utc};
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_ui::i18n::format::{date_in, decimal_in, money_in, relative_in};
use ledgerline_ui::i18n::{self, Arg, LocaleId};
use rust_decimal::Decimal;
use wasm_bindgen_test::wasm_bindgen_test;

const NBSP: char = '\u{a0}';

fn money(amount: &str, currency: &str) -> Money {
    Money::new(
        amount.parse().unwrap(),
        CurrencyCode::new(currency).unwrap(),
    )
}

#[wasm_bindgen_test]
fn both_catalogs_parse_and_have_the_same_keys_in_the_same_order() {
    for locale in LocaleId::ALL {
        assert_eq!(
            i18n::catalog_errors(locale),
            Vec::<String>::new(),
            "{locale}"
        );
    }
    let en = i18n::keys(LocaleId::En);
    let fr = i18n::keys(LocaleId::FrCa);
    assert!(en.len() > 10, "{en:?}");
    let en_set: BTreeSet<_> = en.iter().collect();
    let fr_set: BTreeSet<_> = fr.iter().collect();
    assert_eq!(
        en_set.difference(&fr_set).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "keys missing in fr-CA"
    );
    assert_eq!(
        fr_set.difference(&en_set).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "keys missing in en"
    );
    assert_eq!(en, fr, "same order");
    assert_eq!(en.len(), en_set.len(), "no key twice");
}

#[wasm_bindgen_test]
fn the_areas_are_the_same_groups_in_both_catalogs() {
    let groups = |locale| {
        i18n::catalog_source(locale)
            .lines()
            .filter(|l| l.starts_with("## "))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(groups(LocaleId::En), groups(LocaleId::FrCa));
    for area in [
        "## common",
        "## frame",
        "## settings",
        "## help",
        "## errors",
    ] {
        assert!(groups(LocaleId::En).iter().any(|g| g == area), "{area}");
    }
}

#[wasm_bindgen_test]
fn french_punctuation_has_its_non_breaking_spaces() {
    for line in i18n::catalog_source(LocaleId::FrCa).lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((_, text)) = line.split_once(" = ") else {
            continue;
        };
        for bad in [" :", " ;", " !", " ?", "« ", " »"] {
            // A plain space before high punctuation breaks the line at the wrong place.
            assert!(!text.contains(bad), "plain space in {bad:?}: {line}");
        }
    }
}

#[wasm_bindgen_test]
fn plurals_follow_each_language() {
    // French counts 0 and 1 as singular; English only 1.
    let en = |n: i64| i18n::t_in(LocaleId::En, "frame-pending", &[("count", Arg::Int(n))]);
    let fr = |n: i64| i18n::t_in(LocaleId::FrCa, "frame-pending", &[("count", Arg::Int(n))]);
    assert_eq!(en(1), "1 change to send");
    assert_eq!(en(2), "2 changes to send");
    assert_eq!(fr(1), "1 modification à envoyer");
    assert_eq!(fr(2), "2 modifications à envoyer");
    // Counts use each locale's grouping (Canadian French groups with a no-break space).
    assert_eq!(en(1234), "1,234 changes to send");
    assert_eq!(fr(1234), format!("1{NBSP}234 modifications à envoyer"));
}

#[wasm_bindgen_test]
fn money_is_written_per_locale_and_keeps_its_currency() {
    let cad = money("1234.56", "CAD");
    assert_eq!(money_in(LocaleId::En, &cad), "$1,234.56");
    assert_eq!(
        money_in(LocaleId::FrCa, &cad),
        format!("1{NBSP}234,56{NBSP}$")
    );
    let usd = money("1234.5", "USD");
    assert_eq!(money_in(LocaleId::En, &usd), "US$1,234.50");
    assert_eq!(
        money_in(LocaleId::FrCa, &usd),
        format!("1{NBSP}234,50{NBSP}${NBSP}US")
    );
    let negative = money("-0.05", "CAD");
    assert_eq!(money_in(LocaleId::En, &negative), "-$0.05");
    // More digits than a float holds exactly.
    let big = money("12345678901234.57", "CAD");
    assert_eq!(money_in(LocaleId::En, &big), "$12,345,678,901,234.57");
}

#[wasm_bindgen_test]
fn decimals_and_hours_are_written_per_locale() {
    let d: Decimal = "1234.5".parse().unwrap();
    assert_eq!(decimal_in(LocaleId::En, d, 2), "1,234.5");
    assert_eq!(decimal_in(LocaleId::FrCa, d, 2), format!("1{NBSP}234,5"));
    assert_eq!(i18n::fmt_hours(5400), "1.5 h");
    assert_eq!(
        i18n::t_in(
            LocaleId::FrCa,
            "common-hours",
            &[("hours", Arg::Text("1,5".into()))]
        ),
        format!("1,5{NBSP}h")
    );
}

#[wasm_bindgen_test]
fn dates_are_written_per_locale() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    assert_eq!(date_in(LocaleId::En, day), "Nov 28, 2026");
    assert_eq!(date_in(LocaleId::FrCa, day), "28 nov. 2026");
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    let earlier = Utc.with_ymd_and_hms(2026, 11, 28, 11, 55, 0).unwrap();
    assert_eq!(relative_in(LocaleId::En, earlier, now), "5 minutes ago");
    assert_eq!(
        relative_in(LocaleId::FrCa, earlier, now),
        "il y a 5 minutes"
    );
    assert_eq!(relative_in(LocaleId::En, now, now), "just now");
    assert_eq!(relative_in(LocaleId::FrCa, now, now), "à l’instant");
}

#[wasm_bindgen_test]
fn the_system_language_picks_the_locale() {
    assert_eq!(LocaleId::from_system("fr"), LocaleId::FrCa);
    assert_eq!(LocaleId::from_system("fr-FR"), LocaleId::FrCa);
    assert_eq!(LocaleId::from_system("en-US"), LocaleId::En);
    assert_eq!(LocaleId::from_system("de-DE"), LocaleId::En);
}

#[wasm_bindgen_test]
fn the_window_says_the_codes_of_the_everyday_screens_in_its_own_words() {
    use ledgerline_model::error::ErrorCode;
    use ledgerline_ui::components::error_notice::has_sentence;
    for code in [
        ErrorCode::NotSignedIn,
        ErrorCode::SignInExpired,
        ErrorCode::SignInReplayed,
        ErrorCode::Unreachable,
        ErrorCode::Forbidden,
        ErrorCode::NoCurrentBusiness,
        ErrorCode::UnsentChanges { changes: 2 },
        ErrorCode::TooLateToUndo { change: 3 },
        ErrorCode::NoTimer,
        ErrorCode::NoShell,
    ] {
        assert!(has_sentence(&code), "{code:?}");
    }
    // The drafting wizard's and the Sync page's codes too (issue 12).
    assert!(has_sentence(&ErrorCode::DraftTooManyTaxes));
    assert!(has_sentence(&ErrorCode::NoSuchConflict { conflict: 1 }));
    let fr = i18n::t_in(
        LocaleId::FrCa,
        "error-unsent-changes",
        &[("count", Arg::Int(2))],
    );
    assert_eq!(
        fr,
        "2 modifications faites ici ne sont pas encore parvenues à FreshBooks."
    );
}
