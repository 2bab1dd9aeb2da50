//! One module per section of the sidebar.

mod placeholder;
mod settings;

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

    /// The label shown in the sidebar and as the page heading.
    pub fn label(self) -> &'static str {
        match self {
            Section::Home => "Home",
            Section::Clients => "Clients",
            Section::Time => "Time",
            Section::Invoices => "Invoices",
            Section::Sync => "Sync",
            Section::Settings => "Settings",
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
        Section::Settings => settings::Settings().into_any(),
        Section::Home => placeholder::Placeholder(placeholder::PlaceholderProps {
            title: section.label(),
            text: "Your FreshBooks businesses, offline. Sign-in and sync arrive with the desktop shell work.",
        })
        .into_any(),
        Section::Clients | Section::Time | Section::Invoices | Section::Sync => {
            placeholder::Placeholder(placeholder::PlaceholderProps {
                title: section.label(),
                text: "This screen is not built yet.",
            })
            .into_any()
        }
    }
}
