//! Every visible string, number, amount and date, per locale.
//!
//! The words live in Fluent catalogs (`src-ui/locales/<locale>.ftl`, embedded, parsed once):
//! [`t`] and [`t_args`] read the current [`Locale`] (a context signal, so a view that calls them
//! inside a `move ||` closure follows a change of language). Numbers, money and dates go through
//! the webview's `Intl` ([`format`]): no hand-made tables.
//!
//! The first start follows the system's language (`navigator.language`: `fr*` is French, anything
//! else English); a choice made in Settings is remembered ([`set_locale`]).

mod catalog;
pub mod format;

use std::fmt;

use leptos::prelude::*;
use rust_decimal::Decimal;

pub use format::{fmt_date, fmt_decimal, fmt_hours, fmt_money, fmt_relative};

/// Where the language chosen in Settings is remembered in the webview, when the shell has no
/// preference for it.
const STORAGE_KEY: &str = "ledgerline.locale";

/// A language of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LocaleId {
    /// English (Canada's conventions for numbers and dates: `$1,234.56`, `Nov 28, 2026`).
    #[default]
    En,
    /// Canadian French (`1 234,56 $`, `28 nov. 2026`).
    FrCa,
}

impl LocaleId {
    /// Every locale, in the order Settings lists them.
    pub const ALL: [LocaleId; 2] = [LocaleId::En, LocaleId::FrCa];

    /// The BCP 47 tag given to `Intl` and to the document's `lang`.
    pub fn tag(self) -> &'static str {
        match self {
            LocaleId::En => "en-CA",
            LocaleId::FrCa => "fr-CA",
        }
    }

    /// The locale for a BCP 47 tag as `navigator.language` gives it: French for `fr*`,
    /// English otherwise.
    pub fn from_system(tag: &str) -> Self {
        if tag.to_ascii_lowercase().starts_with("fr") {
            LocaleId::FrCa
        } else {
            LocaleId::En
        }
    }

    /// The stored name (`en`, `fr-CA`).
    pub fn code(self) -> &'static str {
        match self {
            LocaleId::En => "en",
            LocaleId::FrCa => "fr-CA",
        }
    }

    /// The locale for a stored name.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "en" => Some(LocaleId::En),
            "fr-CA" => Some(LocaleId::FrCa),
            _ => None,
        }
    }
}

impl fmt::Display for LocaleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The window's language, as context.
#[derive(Debug, Clone, Copy)]
pub struct Locale(pub RwSignal<LocaleId>);

/// The [`Locale`] above this component, or a new one (the remembered choice, else the
/// system's language) provided here.
pub fn provide_locale() -> Locale {
    if let Some(locale) = use_context::<Locale>() {
        return locale;
    }
    let locale = Locale(RwSignal::new(remembered().unwrap_or_else(system)));
    provide_context(locale);
    Effect::new(move || set_document_lang(locale.0.get()));
    locale
}

/// The current locale (English where no [`Locale`] is provided). Tracked.
pub fn current() -> LocaleId {
    use_context::<Locale>().map_or(LocaleId::En, |l| l.0.get())
}

/// Changes the language now and remembers it (`None`: follow the system again).
pub fn set_locale(choice: Option<LocaleId>) {
    let storage = local_storage();
    if let Some(storage) = storage {
        let _ = match choice {
            Some(id) => storage.set_item(STORAGE_KEY, id.code()),
            None => storage.remove_item(STORAGE_KEY),
        };
    }
    if let Some(locale) = use_context::<Locale>() {
        locale.0.set(choice.unwrap_or_else(system));
    }
}

/// The language chosen in Settings, if one was (`None`: the system's).
pub fn chosen() -> Option<LocaleId> {
    remembered()
}

/// The system's language.
pub fn system() -> LocaleId {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map_or(LocaleId::En, |tag| LocaleId::from_system(&tag))
}

fn remembered() -> Option<LocaleId> {
    local_storage()?
        .get_item(STORAGE_KEY)
        .ok()
        .flatten()
        .and_then(|code| LocaleId::from_code(&code))
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn set_document_lang(id: LocaleId) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", id.tag());
    }
}

/// The current locale's text for `key`. A missing key gives the key itself (and a warning in
/// the console, once): the catalog tests make that impossible in practice.
pub fn t(key: &'static str) -> String {
    catalog::message(current(), key, &[])
}

/// A value for a placeable of a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A count: selects the plural form (`{ $count -> [one] … *[other] … }`) and is written
    /// with the locale's digits.
    Int(i64),
    /// A decimal number: selects plurals as a number and is written per locale. Money is not
    /// one: pass [`fmt_money`]'s text.
    Decimal(Decimal),
    /// A text written as is (a name, an amount already formatted).
    Text(String),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Decimal> for Arg {
    fn from(n: Decimal) -> Self {
        Arg::Decimal(n)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

/// The current locale's text for `key` with its placeables filled.
pub fn t_args(key: &'static str, args: &[(&'static str, Arg)]) -> String {
    catalog::message(current(), key, args)
}

/// The text for `key` in a given locale (tests, and the language picker naming each language in
/// itself).
pub fn t_in(locale: LocaleId, key: &str, args: &[(&'static str, Arg)]) -> String {
    catalog::message(locale, key, args)
}

/// Every message key of a locale's catalog, in the catalog's order (for the tests).
pub fn keys(locale: LocaleId) -> Vec<String> {
    catalog::keys(locale)
}

/// Problems parsing a locale's catalog (for the tests: none is allowed).
pub fn catalog_errors(locale: LocaleId) -> Vec<String> {
    catalog::errors(locale)
}

/// The catalog's source of a locale (for the tests).
pub fn catalog_source(locale: LocaleId) -> &'static str {
    catalog::source(locale)
}
