//! A small word beside a row's name: a change not yet sent, a conflict, an archived or deleted
//! record. Its colour comes from its class (`badge-<kind>` in `style/screens.css`), and its word
//! says the same thing for those who do not see the colour.

use leptos::prelude::*;

/// What a badge says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadgeKind {
    /// A local change waits to be sent.
    Pending,
    /// A local change conflicts with a change made in FreshBooks.
    Conflict,
    /// Archived.
    Archived,
    /// Deleted.
    Deleted,
    /// Billed (time entries).
    Billed,
}

impl BadgeKind {
    /// The badge's class (end-to-end tests find badges by it).
    pub fn class(self) -> &'static str {
        match self {
            BadgeKind::Pending => "badge badge-pending",
            BadgeKind::Conflict => "badge badge-conflict",
            BadgeKind::Archived => "badge badge-archived",
            BadgeKind::Deleted => "badge badge-deleted",
            BadgeKind::Billed => "badge badge-billed",
        }
    }
}

/// A badge with its word (translated by the caller) and, optionally, a longer explanation shown
/// as a tooltip and read by assistive technology.
#[component]
pub fn Badge(
    /// What it says.
    kind: BadgeKind,
    /// The word shown.
    #[prop(into)]
    text: Signal<String>,
    /// A longer explanation.
    #[prop(optional, into)]
    title: Option<Signal<String>>,
) -> impl IntoView {
    view! {
        <span class=kind.class() title=move || title.map(|t| t.get())>
            {move || text.get()}
        </span>
    }
}
