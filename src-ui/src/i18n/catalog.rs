//! The Fluent catalogs, embedded and parsed once per locale, and the lookup of a message.

use std::cell::RefCell;
use std::collections::HashSet;

use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::{Arg, LocaleId, format};

const EN: &str = include_str!("../../locales/en.ftl");
const FR_CA: &str = include_str!("../../locales/fr-CA.ftl");

type Bundle = FluentBundle<FluentResource>;

struct Catalog {
    bundle: Bundle,
    errors: Vec<String>,
}

thread_local! {
    static CATALOGS: [Catalog; 2] = [load(LocaleId::En), load(LocaleId::FrCa)];
    static WARNED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

pub fn source(locale: LocaleId) -> &'static str {
    match locale {
        LocaleId::En => EN,
        LocaleId::FrCa => FR_CA,
    }
}

fn load(locale: LocaleId) -> Catalog {
    let mut errors = Vec::new();
    let resource = match FluentResource::try_new(source(locale).to_owned()) {
        Ok(resource) => resource,
        Err((resource, errs)) => {
            errors.extend(errs.iter().map(|e| format!("{e:?}")));
            resource
        }
    };
    let langid: LanguageIdentifier = locale.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![langid]);
    // No Unicode isolation marks around placeables: they would show in copied text and tests.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match locale {
        LocaleId::En => format_en,
        LocaleId::FrCa => format_fr,
    }));
    if let Err(errs) = bundle.add_resource(resource) {
        errors.extend(errs.iter().map(|e| format!("{e:?}")));
    }
    Catalog { bundle, errors }
}

fn format_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(LocaleId::En, value)
}

fn format_fr<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(LocaleId::FrCa, value)
}

/// Numbers in messages are written by `Intl` in the bundle's locale.
fn format_number(locale: LocaleId, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(format::number_text(locale, &n.as_string())),
        _ => None,
    }
}

pub fn message(locale: LocaleId, key: &str, args: &[(&'static str, Arg)]) -> String {
    let found = CATALOGS.with(|catalogs| {
        let bundle = &catalogs[index(locale)].bundle;
        let pattern = bundle.get_message(key)?.value()?;
        let args = (!args.is_empty()).then(|| fluent_args(args));
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, args.as_ref(), &mut errors)
                .into_owned(),
        )
    });
    found.unwrap_or_else(|| {
        warn_once(locale, key);
        key.to_owned()
    })
}

fn fluent_args<'a>(args: &'a [(&'static str, Arg)]) -> FluentArgs<'a> {
    let mut out = FluentArgs::new();
    for (name, arg) in args {
        let value: FluentValue<'a> = match arg {
            Arg::Int(n) => FluentValue::from(*n),
            Arg::Decimal(d) => d
                .normalize()
                .to_string()
                .parse::<FluentNumber>()
                .map_or_else(|_| FluentValue::from(d.to_string()), FluentValue::from),
            Arg::Text(s) => FluentValue::from(s.as_str()),
        };
        out.set(*name, value);
    }
    out
}

pub fn keys(locale: LocaleId) -> Vec<String> {
    let resource = match FluentResource::try_new(source(locale).to_owned()) {
        Ok(r) | Err((r, _)) => r,
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

pub fn errors(locale: LocaleId) -> Vec<String> {
    CATALOGS.with(|catalogs| catalogs[index(locale)].errors.clone())
}

fn index(locale: LocaleId) -> usize {
    match locale {
        LocaleId::En => 0,
        LocaleId::FrCa => 1,
    }
}

fn warn_once(locale: LocaleId, key: &str) {
    let first = WARNED.with(|w| w.borrow_mut().insert(format!("{locale}:{key}")));
    if first {
        web_sys::console::warn_1(&format!("no message {key} in the {locale} catalog").into());
    }
}
