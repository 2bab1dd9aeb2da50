//! The sign-in under way, and the last refused or failed one (shown wherever the user is).

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{AppChoice, SignInStarted};
use leptos::prelude::*;

/// Which sign-in screen shows over the welcome screen or the frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInFlow {
    /// None: the welcome screen or the frame.
    Idle,
    /// The own-app guide and form.
    OwnApp,
    /// The browser was sent to FreshBooks; waiting for its answer.
    Waiting {
        /// The registration used.
        app: AppChoice,
        /// What the shell started.
        started: SignInStarted,
    },
}

/// The sign-in flow and the last refusal.
#[derive(Clone, Copy)]
pub struct SignInState {
    /// The screen of the flow.
    pub flow: RwSignal<SignInFlow>,
    /// The last refused or failed sign-in, until dismissed.
    pub refused: RwSignal<Option<ErrorPayload>>,
    /// Whether a request of the flow is under way (buttons wait).
    pub busy: RwSignal<bool>,
}

impl SignInState {
    /// Nothing under way.
    pub fn new() -> Self {
        Self {
            flow: RwSignal::new(SignInFlow::Idle),
            refused: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }
}

impl Default for SignInState {
    fn default() -> Self {
        Self::new()
    }
}
