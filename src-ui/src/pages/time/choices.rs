//! The pickers as drop-down choices (the first one "none" or "all"), by name.

use ledgerline_model::ipc::Pickers;

use crate::components::field::Choice;
use crate::i18n::t;

fn none(key: &'static str) -> Choice {
    Choice {
        value: String::new(),
        label: t(key),
    }
}

fn named(id: i64, name: Option<&String>) -> Choice {
    Choice {
        value: id.to_string(),
        label: name.cloned().unwrap_or_else(|| t("time-unnamed")),
    }
}

/// Clients, "none" first.
pub fn clients(p: &Pickers) -> Vec<Choice> {
    std::iter::once(none("time-choice-none"))
        .chain(p.clients.iter().map(|c| named(c.id.get(), c.name.as_ref())))
        .collect()
}

/// Projects, the chosen client's first (`client` as the client select's value).
pub fn projects(p: &Pickers, client: &str) -> Vec<Choice> {
    let client: Option<i64> = client.parse().ok();
    let mut projects: Vec<_> = p.projects.iter().collect();
    projects.sort_by_key(|pr| pr.client.map(|c| c.get()) != client);
    std::iter::once(none("time-choice-none"))
        .chain(
            projects
                .into_iter()
                .map(|pr| named(pr.id.get(), pr.name.as_ref())),
        )
        .collect()
}

/// Services, "none" first.
pub fn services(p: &Pickers) -> Vec<Choice> {
    std::iter::once(none("time-choice-none"))
        .chain(
            p.services
                .iter()
                .map(|s| named(s.id.get(), s.name.as_ref())),
        )
        .collect()
}

/// The same lists for a filter: "all" first.
pub fn filter(mut choices: Vec<Choice>) -> Vec<Choice> {
    if let Some(first) = choices.first_mut() {
        first.label = t("time-choice-all");
    }
    choices
}

/// Team members, "all" first.
pub fn team_members(p: &Pickers) -> Vec<Choice> {
    std::iter::once(none("time-choice-all"))
        .chain(
            p.team_members
                .iter()
                .map(|m| named(m.id.get(), m.name.as_ref())),
        )
        .collect()
}
