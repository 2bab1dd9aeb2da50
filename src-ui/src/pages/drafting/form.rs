//! The wizard's choices as the controls hold them ([`WizardForm`]), and the [`DraftRequest`]
//! they make ([`WizardForm::request`]). The controls write the signals; the page previews and
//! saves the request. Select values are the contract's words (`by_service`, `up`, a tax id), so
//! the end-to-end tests choose by value.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use ledgerline_model::draft::{DEFAULT_TEMPLATE, DraftRequest, Grouping, Rounding, RoundingMode};
use ledgerline_model::entity::LineTax;
use ledgerline_model::ids::{ClientId, ProjectId, TimeEntryId};
use ledgerline_model::ipc::{
    DraftChoices, DraftingSetup, DraftingSetupArgs, TaxChoice, UnbilledEntry,
};
use leptos::prelude::*;

/// The rounding increments offered, in seconds (none, 6, 15 and 30 minutes).
pub const INCREMENTS: [i64; 4] = [0, 360, 900, 1800];

/// A layout's value in the `#draft-grouping` list (its snake-case name in the contract).
pub fn grouping_code(grouping: Grouping) -> &'static str {
    match grouping {
        Grouping::PerEntry => "per_entry",
        Grouping::ByService => "by_service",
        Grouping::ByProject => "by_project",
        Grouping::ByProjectAndService => "by_project_and_service",
        Grouping::ByTeamMember => "by_team_member",
        Grouping::ByDay => "by_day",
        Grouping::Summary => "summary",
    }
}

/// The layout a `#draft-grouping` value names.
pub fn grouping_of(code: &str) -> Option<Grouping> {
    Grouping::ALL
        .into_iter()
        .find(|g| grouping_code(*g) == code)
}

/// A rounding direction's value in `#draft-rounding-mode`.
pub fn mode_code(mode: RoundingMode) -> &'static str {
    match mode {
        RoundingMode::Up => "up",
        RoundingMode::Nearest => "nearest",
        RoundingMode::Down => "down",
    }
}

fn mode_of(code: &str) -> RoundingMode {
    match code {
        "nearest" => RoundingMode::Nearest,
        "down" => RoundingMode::Down,
        _ => RoundingMode::Up,
    }
}

/// Every choice of the wizard, one signal per control.
#[derive(Clone, Copy)]
pub struct WizardForm {
    /// The client's id as text ("" before one is picked).
    pub client: RwSignal<String>,
    /// First day (`YYYY-MM-DD`, "" for none).
    pub from: RwSignal<String>,
    /// Last day.
    pub to: RwSignal<String>,
    /// Only these projects (empty: all).
    pub projects: RwSignal<Vec<ProjectId>>,
    /// Entries the user unticked.
    pub excluded: RwSignal<BTreeSet<TimeEntryId>>,
    /// Bill the non-billable entries too.
    pub include_non_billable: RwSignal<bool>,
    /// `#draft-grouping`'s value.
    pub grouping: RwSignal<String>,
    /// `#draft-rounding-increment`'s value (seconds).
    pub increment: RwSignal<String>,
    /// `#draft-rounding-mode`'s value.
    pub mode: RwSignal<String>,
    /// `#draft-rounding-minimum`'s value (minutes).
    pub minimum: RwSignal<String>,
    /// `#draft-tax-1`'s value (a tax id, "" for none).
    pub tax1: RwSignal<String>,
    /// `#draft-tax-2`'s value.
    pub tax2: RwSignal<String>,
    /// `#draft-template`'s value.
    pub template: RwSignal<String>,
    /// Per-project rounding, kept as remembered (no control yet).
    pub project_rounding: RwSignal<Vec<(ProjectId, Rounding)>>,
}

impl WizardForm {
    /// A form for `client` (the address's `?client=`), with the defaults until the setup's
    /// remembered choices land.
    pub fn new(client: Option<ClientId>) -> Self {
        Self {
            client: RwSignal::new(client.map(|c| c.get().to_string()).unwrap_or_default()),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            projects: RwSignal::new(Vec::new()),
            excluded: RwSignal::new(BTreeSet::new()),
            include_non_billable: RwSignal::new(false),
            grouping: RwSignal::new(grouping_code(Grouping::PerEntry).to_owned()),
            increment: RwSignal::new("0".to_owned()),
            mode: RwSignal::new(mode_code(RoundingMode::Up).to_owned()),
            minimum: RwSignal::new("0".to_owned()),
            tax1: RwSignal::new(String::new()),
            tax2: RwSignal::new(String::new()),
            template: RwSignal::new(DEFAULT_TEMPLATE.to_owned()),
            project_rounding: RwSignal::new(Vec::new()),
        }
    }

    /// The chosen client.
    pub fn client_id(&self) -> Option<ClientId> {
        self.client.with(|c| c.trim().parse().ok().map(ClientId))
    }

    /// Another client: its own projects and ticks start afresh.
    pub fn pick_client(&self, id: String) {
        self.projects.set(Vec::new());
        self.excluded.set(BTreeSet::new());
        self.include_non_billable.set(false);
        self.client.set(id);
    }

    /// What to ask the setup for (tracked).
    pub fn setup_args(&self) -> DraftingSetupArgs {
        DraftingSetupArgs {
            client: self.client_id(),
            from: day(&self.from.get()),
            to: day(&self.to.get()),
            projects: self.projects.get(),
        }
    }

    /// Sets the layout, rounding, taxes and template to what was chosen for the client last
    /// time (or the business's defaults).
    pub fn apply_choices(&self, choices: &DraftChoices, taxes: &[TaxChoice]) {
        self.grouping
            .set(grouping_code(choices.grouping).to_owned());
        let increment = if INCREMENTS.contains(&choices.rounding.increment_seconds) {
            choices.rounding.increment_seconds
        } else {
            0
        };
        self.increment.set(increment.to_string());
        self.mode.set(mode_code(choices.rounding.mode).to_owned());
        self.minimum
            .set((choices.rounding.minimum_seconds / 60).to_string());
        let id_of = |n: usize| {
            choices
                .taxes
                .get(n)
                .and_then(|tax| taxes.iter().find(|c| same_tax(&c.tax, tax)))
                .map(|c| c.id.get().to_string())
                .unwrap_or_default()
        };
        self.tax1.set(id_of(0));
        self.tax2.set(id_of(1));
        self.template.set(if choices.template.trim().is_empty() {
            DEFAULT_TEMPLATE.to_owned()
        } else {
            choices.template.clone()
        });
        self.project_rounding.set(choices.project_rounding.clone());
    }

    /// The rounding chosen.
    pub fn rounding(&self) -> Rounding {
        let minutes: i64 = self.minimum.with(|m| m.trim().parse().unwrap_or(0)).max(0);
        Rounding {
            increment_seconds: self.increment.with(|i| i.parse().unwrap_or(0)),
            mode: self.mode.with(|m| mode_of(m)),
            minimum_seconds: minutes.saturating_mul(60),
        }
    }

    /// Whether an entry is on the draft as the boxes stand.
    pub fn includes(&self, entry: &UnbilledEntry) -> bool {
        !entry.in_doubt
            && (entry.billable || self.include_non_billable.get())
            && !self.excluded.with(|e| e.contains(&entry.id))
    }

    /// Ticks or unticks an entry. Ticking a non-billable entry while they are left out brings
    /// in that one only (the others are unticked).
    pub fn tick(&self, entry: &UnbilledEntry, on: bool, entries: &[UnbilledEntry]) {
        if on && !entry.billable && !self.include_non_billable.get_untracked() {
            self.include_non_billable.set(true);
            self.excluded.update(|ex| {
                ex.extend(
                    entries
                        .iter()
                        .filter(|e| !e.billable && e.id != entry.id)
                        .map(|e| e.id),
                );
            });
        }
        self.excluded.update(|ex| {
            if on {
                ex.remove(&entry.id);
            } else {
                ex.insert(entry.id);
            }
        });
    }

    /// The request these choices make for `setup` (tracked), or `None` before a client with
    /// time is chosen.
    pub fn request(&self, setup: &DraftingSetup, create_date: NaiveDate) -> Option<DraftRequest> {
        let chosen = setup.client.as_ref()?;
        if Some(chosen.id) != self.client_id() {
            return None;
        }
        let shown: BTreeSet<TimeEntryId> = setup.entries.iter().map(|e| e.id).collect();
        let mut exclude: BTreeSet<TimeEntryId> = self
            .excluded
            .with(|ex| ex.intersection(&shown).copied().collect());
        exclude.extend(setup.entries.iter().filter(|e| e.in_doubt).map(|e| e.id));
        let tax_of = |id: String| {
            setup
                .taxes
                .iter()
                .find(|c| c.id.get().to_string() == id)
                .map(|c| c.tax.clone())
        };
        let mut taxes: Vec<LineTax> = Vec::new();
        for tax in [self.tax1.get(), self.tax2.get()]
            .into_iter()
            .filter_map(tax_of)
        {
            if !taxes.iter().any(|t| same_tax(t, &tax)) {
                taxes.push(tax);
            }
        }
        let template = self.template.get();
        Some(DraftRequest {
            client: chosen.id,
            from: day(&self.from.get()),
            to: day(&self.to.get()),
            grouping: self
                .grouping
                .with(|g| grouping_of(g))
                .unwrap_or(Grouping::PerEntry),
            rounding: self.rounding(),
            taxes,
            currency: chosen.currency.clone(),
            create_date,
            business_rate: setup.business_rate,
            projects: self.projects.get(),
            exclude: exclude.into_iter().collect(),
            include_non_billable: self.include_non_billable.get(),
            project_rounding: self.project_rounding.get(),
            template: if template.trim().is_empty() {
                String::new()
            } else {
                template
            },
        })
    }
}

/// A day typed in a date input.
fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The same tax of the business (by name and rate; the number and compounding follow).
fn same_tax(a: &LineTax, b: &LineTax) -> bool {
    a.name == b.name && a.percent == b.percent
}
