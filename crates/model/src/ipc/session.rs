//! What the window knows of the sign-in, the businesses and the sync: the shell's answers to
//! `get_session` and friends, and the events it pushes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::UserBusiness;
use crate::error::ErrorPayload;
use crate::event::Event;
use crate::ids::BusinessId;

/// Whether the window shows the user's own FreshBooks or the built-in demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The user's FreshBooks businesses.
    Real,
    /// The demo: an emulated FreshBooks inside the app, with sample businesses, in a data folder
    /// of its own. Leaving it leaves nothing behind.
    Demo,
}

/// Which FreshBooks app registration a sign-in uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppChoice {
    /// The registration this build carries (release builds by the publisher).
    Builtin,
    /// The one the user registered and entered ("Use my own FreshBooks app").
    Own,
    /// The demo's emulated FreshBooks (started by `start_demo`, never chosen in a form).
    Demo,
}

/// Where the sign-in is kept on this computer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretsPlace {
    /// The OS keyring (Keychain, Credential Manager, Secret Service).
    Keyring,
    /// A file in Ledgerline's data folder, readable by this user only: the explicit fallback
    /// where no keyring answers.
    File,
}

/// Where the sign-in is kept, and whether that place answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretsView {
    /// The place in use.
    pub place: SecretsPlace,
    /// Why it does not answer (no keyring service, locked keyring …); `None` when it works.
    pub problem: Option<ErrorPayload>,
}

/// The app registrations a sign-in can use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppsView {
    /// Whether this build carries the publisher's registration ("Sign in to FreshBooks").
    pub builtin: bool,
    /// The client id of the user's own registration, when one is saved (never the secret).
    pub own_client_id: Option<String>,
}

/// One business in the switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessView {
    /// The business and the user's role in it.
    pub business: UserBusiness,
    /// Whether the screens offer edits (the role may write). When `false`, the screens are
    /// read-only and say why (the role), instead of failing on save.
    pub writable: bool,
    /// `false` when FreshBooks no longer lists the business for this sign-in: it is kept only for
    /// its unsent changes and not synced.
    pub listed: bool,
}

/// Everything the frame needs to draw itself: welcome or signed in, demo or not, the businesses
/// and the current one, where secrets live, online or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Demo or the user's own FreshBooks.
    pub mode: Mode,
    /// Whether a FreshBooks sign-in is saved. When `false` and there is no business either, the
    /// window shows the welcome screen.
    pub signed_in: bool,
    /// The registrations available for signing in.
    pub apps: AppsView,
    /// Where the sign-in is kept.
    pub secrets: SecretsView,
    /// The businesses known on this computer, in the switcher's order.
    pub businesses: Vec<BusinessView>,
    /// The business the screens show.
    pub current: Option<BusinessId>,
    /// Whether FreshBooks answered the last time it was asked.
    pub online: bool,
}

impl Session {
    /// The current business's entry.
    pub fn current_business(&self) -> Option<&BusinessView> {
        let current = self.current?;
        self.businesses
            .iter()
            .find(|b| b.business.business_id == current)
    }
}

/// What "Use my own FreshBooks app" shows: the portal, the scopes to tick and the redirect
/// address to paste, exactly as the app will send them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppGuide {
    /// FreshBooks' developer portal, where apps are registered.
    pub portal_url: String,
    /// The redirect URI to register (the HTTPS relay page that hands the answer to the app).
    pub redirect_uri: String,
    /// The scopes to add, in FreshBooks' spelling.
    pub scopes: Vec<String>,
}

/// The user's own app registration, as typed into the form (trimmed by the shell).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnApp {
    /// The app's client id.
    pub client_id: String,
    /// The app's client secret. Goes to the OS keyring only.
    pub client_secret: String,
}

impl std::fmt::Display for OwnApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "app {} (secret hidden)", self.client_id)
    }
}

/// Starts a sign-in with one registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInWith {
    /// Which registration.
    pub app: AppChoice,
}

/// A sign-in under way: the browser was sent to FreshBooks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInStarted {
    /// The authorization address (also shown with a copy button, for when no browser opened).
    pub authorize_url: String,
    /// Whether the system browser was opened.
    pub browser_opened: bool,
    /// When this sign-in stops being accepted.
    pub expires_at: DateTime<Utc>,
}

/// The fallback when the deep link cannot reach the app: the address the browser ended on
/// (the relay page's, or a `ledgerline://oauth/callback?…` one), pasted by the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedAddress {
    /// The pasted address.
    pub address: String,
}

/// Switches the screens to another business (instant and offline; remembered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenBusiness {
    /// The business.
    pub business: BusinessId,
}

/// Signs out of FreshBooks on this computer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOutArgs {
    /// Also remove the offline copy (every business's mirror) from this computer.
    pub remove_offline_copy: bool,
    /// Remove it even though changes were never sent (they are lost). Without it, a removal
    /// with unsent changes is refused with `unsent_changes`, so the window can ask.
    pub discard_unsent: bool,
}

/// What the sync indicator shows for the current business.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncView {
    /// The business; `None` before there is one.
    pub business: Option<BusinessId>,
    /// Whether a sync runs now.
    pub running: bool,
    /// Whether FreshBooks answered the last time it was asked.
    pub online: bool,
    /// When every entity was last pulled completely (the oldest of them); `None` before the
    /// first complete sync.
    pub last_synced: Option<DateTime<Utc>>,
    /// Local changes not yet in FreshBooks.
    pub pending: usize,
    /// Changes that wait on the user (refused or in conflict).
    pub needs_you: usize,
}

/// The name of the one Tauri event the shell emits; its payload is a [`ShellEvent`].
pub const EVENT_NAME: &str = "ledgerline:event";

/// What the shell pushes to the window as it happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ShellEvent {
    /// Something happened in the core (sync progress, a change, a conflict …).
    Core {
        /// The core's event.
        event: Event,
    },
    /// The session changed (a sign-in finished through the deep link, a business was added,
    /// the demo started or ended, a sign-out).
    Session {
        /// The new session.
        session: Session,
    },
    /// An incoming sign-in address was refused (forged or replayed `state`, expired sign-in,
    /// not a sign-in address) or FreshBooks ended the sign-in with an error.
    SignInRefused {
        /// What happened and what to do.
        error: ErrorPayload,
    },
    /// FreshBooks became reachable or unreachable.
    Connectivity {
        /// Whether it answers.
        online: bool,
    },
}
