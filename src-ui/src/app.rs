//! The root: [`App`] asks the shell for the session (local, fast) and listens to its events;
//! [`Shell`] draws the welcome screen, a sign-in screen or the frame from the state, with the
//! sign-in refusal and the notices over whichever shows.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{GetSession, NoArgs, Session, SignInStarted};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Router;

use crate::components::error_notice::{NoticeList, SignInError, error_sentence};
use crate::components::frame::Frame;
use crate::i18n;
use crate::i18n::t;
use crate::ipc;
use crate::pages::own_app::OwnAppPage;
use crate::pages::sign_in::Waiting;
use crate::pages::welcome::Welcome;
use crate::shell;
use crate::state::events::{self, FollowUp};
use crate::state::{self, ShellState, SignInFlow, use_state};

/// The root component: the session from the shell, then [`Shell`].
#[component]
pub fn App() -> impl IntoView {
    i18n::provide_locale();
    let session = LocalResource::new(|| async { ipc::call::<GetSession>(&NoArgs {}).await });
    view! {
        <Suspense fallback=|| view! { <p class="starting muted">{move || t("frame-starting")}</p> }>
            {move || {
                session
                    .get()
                    .map(|res| match res {
                        Ok(session) => view! { <Connected session /> }.into_any(),
                        Err(error) => {
                            view! { <NoSession error on_retry=move |()| session.refetch() /> }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// The state for a session, fed by the shell's events.
#[component]
fn Connected(session: Session) -> impl IntoView {
    let state = state::provide(session);
    listen_to_shell(state);
    shell::load_preferences(state);
    shell::refresh_sync_view(state);
    view! { <Shell /> }
}

/// Subscribes to the shell's events for as long as the owner lives, then asks for the session
/// again (an event sent before the subscription is not lost).
fn listen_to_shell(state: ShellState) {
    let listening = StoredValue::new_local(None::<ipc::Listening>);
    spawn_local(async move {
        let res = ipc::listen(move |event| match event {
            Ok(event) => {
                if events::apply(state, event) == FollowUp::RefreshSyncView {
                    shell::refresh_sync_view(state);
                }
            }
            Err(error) => state.notices.push(error, None),
        })
        .await;
        match res {
            // If the window went away meanwhile, the handle comes back and is dropped here.
            Ok(handle) => {
                if listening.try_set_value(Some(handle)).is_none() {
                    refresh_session(state);
                }
            }
            Err(error) => state.notices.push(error, None),
        }
    });
}

fn refresh_session(state: ShellState) {
    spawn_local(async move {
        if let Ok(session) = ipc::call::<GetSession>(&NoArgs {}).await {
            shell::land_session(state, session);
        }
    });
}

/// What the window shows (changes rarely: the frame is not redrawn for every session change).
#[derive(Debug, Clone, PartialEq)]
enum Screen {
    Welcome,
    OwnApp,
    Waiting(SignInStarted),
    Frame,
}

/// The welcome screen, a sign-in screen or the frame, from the state [`state::provide`]d above,
/// under the router (the frame's pages are routes; a notice's button may navigate).
#[component]
pub fn Shell() -> impl IntoView {
    let state = use_state();
    let screen = Memo::new(move |_| match state.sign_in.flow.get() {
        SignInFlow::OwnApp => Screen::OwnApp,
        SignInFlow::Waiting { started, .. } => Screen::Waiting(started),
        SignInFlow::Idle if state.session.shows_welcome() => Screen::Welcome,
        SignInFlow::Idle => Screen::Frame,
    });
    // The switcher's list is open only while the frame shows (its state outlives redraws).
    Effect::new(move || {
        if screen.get() != Screen::Frame {
            state.switcher_open.set(false);
        }
    });
    view! {
        <Router>
        <div class="shell">
            <div class="notices">
                <SignInError />
                <NoticeList />
            </div>
            {move || match screen.get() {
                Screen::Welcome => view! { <Welcome /> }.into_any(),
                Screen::OwnApp => view! { <OwnAppPage /> }.into_any(),
                Screen::Waiting(started) => view! { <Waiting started /> }.into_any(),
                Screen::Frame => view! { <Frame /> }.into_any(),
            }}
        </div>
        </Router>
    }
}

/// The shell did not answer: say so, with a button to ask again.
#[component]
fn NoSession(error: ErrorPayload, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let code = error.code.name();
    view! {
        <main class="flow-page">
            <h1>{move || t("frame-no-session")}</h1>
            <div class="notice notice-error" role="alert" data-code=code>
                <p class="notice-message">{move || error_sentence(&error)}</p>
                <button type="button" class="button" on:click=move |_| on_retry.run(())>
                    {move || t("common-try-again")}
                </button>
            </div>
        </main>
    }
}
