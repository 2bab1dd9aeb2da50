//! Settings: what the app knows about itself, read from the shell.

use ledgerline_model::ipc::{GetAppInfo, NoArgs};
use leptos::prelude::*;

use crate::ipc;

/// The Settings page.
#[component]
pub fn Settings() -> impl IntoView {
    let info = LocalResource::new(|| async { ipc::call::<GetAppInfo>(&NoArgs {}).await });
    view! {
        <section class="page">
            <h1 id="page-title">"Settings"</h1>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || {
                    info.get()
                        .map(|res| match res {
                            Ok(info) => {
                                view! {
                                    <dl class="facts">
                                        <dt>"Version"</dt>
                                        <dd id="app-version">{info.version}</dd>
                                        <dt>"Data folder"</dt>
                                        <dd id="data-dir">{info.data_dir}</dd>
                                        <dt>"System"</dt>
                                        <dd>{info.os}</dd>
                                    </dl>
                                }
                                    .into_any()
                            }
                            Err(err) => {
                                view! {
                                    <div class="error" role="alert">
                                        <p>{err.message}</p>
                                    </div>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}
