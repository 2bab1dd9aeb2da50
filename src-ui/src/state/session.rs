//! The session: sign-in, businesses, the current one, demo or not (the shell's `Session`).

use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::{BusinessView, Mode, Session};
use leptos::prelude::*;

/// The session as the shell last told it.
#[derive(Clone, Copy)]
pub struct SessionState(pub RwSignal<Session>);

impl SessionState {
    /// Whether the window shows the welcome screen: nothing signed in and no business known.
    pub fn shows_welcome(self) -> bool {
        self.0
            .with(|s| !s.signed_in && s.businesses.is_empty() && s.mode == Mode::Real)
    }

    /// The current business's entry.
    pub fn current(self) -> Option<BusinessView> {
        self.0.with(|s| s.current_business().cloned())
    }

    /// The current business's id.
    pub fn current_id(self) -> Option<BusinessId> {
        self.0.with(|s| s.current)
    }

    /// Whether the screens may offer edits (a current business whose role can write).
    pub fn writable(self) -> bool {
        self.0
            .with(|s| s.current_business().is_some_and(|b| b.writable))
    }

    /// Whether this is the demo.
    pub fn is_demo(self) -> bool {
        self.0.with(|s| s.mode == Mode::Demo)
    }
}
