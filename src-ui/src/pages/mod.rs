//! The screens: one module per section of the sidebar (home, clients, settings, and
//! placeholders for the sections issue 11 builds), and the screens before the frame (welcome,
//! the own-app guide, waiting for the browser's sign-in).

pub mod clients;
pub mod home;
pub mod own_app;
mod placeholder;
pub mod settings;
pub mod sign_in;
pub mod time;
pub mod welcome;

use leptos::prelude::*;

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
}

/// The page of a section.
pub fn render(section: Section) -> AnyView {
    match section {
        Section::Home => home::Home().into_any(),
        Section::Clients => clients::ClientList().into_any(),
        Section::Time => time::TimePage().into_any(),
        Section::Settings => settings::Settings().into_any(),
        Section::Invoices | Section::Sync => {
            placeholder::Placeholder(placeholder::PlaceholderProps {
                title: section.label(),
                text: "common-not-built",
            })
            .into_any()
        }
    }
}
