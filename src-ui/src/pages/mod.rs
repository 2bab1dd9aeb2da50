//! The screens and the routes to them: one module per section of the sidebar, the placeholders
//! for issue 12's sections, and the screens before the frame (welcome, the own-app guide,
//! waiting for the browser's sign-in).
//!
//! Paths (list filters ride in the query, so Home's figures link to the list behind them):
//! `/` Home, `/clients` (`?sort=outstanding`, …), `/clients/new`, `/clients/:id`, `/time`
//! (`?billed=unbilled&client=<id>`, …), `/invoices` (`?status=outstanding|overdue&client=<id>`),
//! `/sync`, `/settings`.

pub mod clients;
pub mod drafting;
pub mod home;
pub mod invoices;
pub mod own_app;
mod placeholder;
pub mod settings;
pub mod sign_in;
pub mod sync;
pub mod time;
pub mod welcome;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

/// A section of the app, as listed in the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Clients,
    Time,
    Invoices,
    Sync,
    Settings,
}

impl Section {
    /// Every section, in sidebar order.
    pub const ALL: [Section; 6] = [
        Section::Home,
        Section::Clients,
        Section::Time,
        Section::Invoices,
        Section::Sync,
        Section::Settings,
    ];

    /// The catalog key of the label shown in the sidebar and as the page heading.
    pub fn label(self) -> &'static str {
        match self {
            Section::Home => "frame-nav-home",
            Section::Clients => "frame-nav-clients",
            Section::Time => "frame-nav-time",
            Section::Invoices => "frame-nav-invoices",
            Section::Sync => "frame-nav-sync",
            Section::Settings => "frame-nav-settings",
        }
    }

    /// A stable element id for the sidebar entry (end-to-end tests find entries by it).
    pub fn dom_id(self) -> &'static str {
        match self {
            Section::Home => "nav-home",
            Section::Clients => "nav-clients",
            Section::Time => "nav-time",
            Section::Invoices => "nav-invoices",
            Section::Sync => "nav-sync",
            Section::Settings => "nav-settings",
        }
    }

    /// The section's path.
    pub fn path(self) -> &'static str {
        match self {
            Section::Home => "/",
            Section::Clients => "/clients",
            Section::Time => "/time",
            Section::Invoices => "/invoices",
            Section::Sync => "/sync",
            Section::Settings => "/settings",
        }
    }

    /// The section a path belongs to (`/clients/12` is in Clients).
    pub fn of_path(path: &str) -> Option<Section> {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        Section::ALL
            .into_iter()
            .find(|s| s.path().trim_start_matches('/') == first)
    }
}

/// The page for the current path.
#[component]
pub fn PageRoutes() -> impl IntoView {
    view! {
        <Routes fallback=placeholder::NotFound>
            <Route path=path!("/") view=home::Home />
            <Route path=path!("/clients") view=clients::ClientList />
            <Route path=path!("/clients/new") view=clients::ClientEdit />
            <Route path=path!("/clients/:id") view=clients::ClientEdit />
            <Route path=path!("/time") view=time::TimePage />
            <Route path=path!("/invoices") view=invoices::InvoiceListPage />
            <Route path=path!("/invoices/new") view=drafting::DraftingPage />
            <Route path=path!("/invoices/:id") view=invoices::InvoicePage />
            <Route path=path!("/sync") view=sync::SyncPage />
            <Route path=path!("/settings") view=settings::Settings />
        </Routes>
    }
}
