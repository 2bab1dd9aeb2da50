//! The FreshBooks app registrations a sign-in can use, and the client each one makes:
//! - built-in: the publisher's, read at build time (`LEDGERLINE_FRESHBOOKS_CLIENT_ID` and
//!   `..._CLIENT_SECRET`, never committed); without them "Sign in to FreshBooks" is not offered;
//! - own: the user's, typed into the guide and kept with the sign-in (keyring or file);
//! - demo: the emulator's default app, at the emulator's address.
//!
//! Built-in and own sign-ins send the relay page as their redirect URI and talk to FreshBooks (or
//! the hosts the launch names).

use std::sync::Arc;

use ledgerline_core::secrets::{AppSecrets, SecretTokenStore, Secrets};
use ledgerline_freshbooks::config::{DEFAULT_API_URL, DEFAULT_AUTH_URL};
use ledgerline_freshbooks::{AppCredentials, Client, ClientSecret, Config};
use ledgerline_model::ipc::{AppChoice, OwnApp};
use tauri::{AppHandle, Runtime};
use url::Url;

use crate::Error;
use crate::state::{Active, AppExt};

/// The emulator's default app (`freshbooks_emulator`'s `DEFAULT_CLIENT_ID`/`..._SECRET`).
pub const DEMO_CLIENT_ID: &str = "demo-client-id";
const DEMO_CLIENT_SECRET: &str = "demo-client-secret";

/// The emulator's relay page path, which it accepts as a redirect URI of its default app.
pub const DEMO_RELAY_PATH: &str = "/oauth/relay";

/// FreshBooks' developer portal, where apps are registered.
pub const PORTAL_URL: &str = "https://my.freshbooks.com/#/developer";

/// The registration this build carries, if any.
pub fn builtin() -> Option<(&'static str, &'static str)> {
    let id = option_env!("LEDGERLINE_FRESHBOOKS_CLIENT_ID")?.trim();
    let secret = option_env!("LEDGERLINE_FRESHBOOKS_CLIENT_SECRET")?.trim();
    (!id.is_empty() && !secret.is_empty()).then_some((id, secret))
}

/// The own app from the form, trimmed; an empty id or secret is refused.
pub fn own_app(form: &OwnApp, redirect_uri: String) -> Result<AppSecrets, Error> {
    let client_id = form.client_id.trim();
    let client_secret = form.client_secret.trim();
    if client_id.is_empty() {
        return Err(Error::EmptyField { field: "client_id" });
    }
    if client_secret.is_empty() {
        return Err(Error::EmptyField {
            field: "client_secret",
        });
    }
    Ok(AppSecrets {
        client_id: client_id.to_owned(),
        client_secret: ClientSecret::new(client_secret),
        redirect_uri,
    })
}

/// Makes the client of a registration and installs it in the active core (tokens from where the
/// active core's sign-in is kept; refreshes locked in its data folder).
pub async fn install<R: Runtime>(
    app: &AppHandle<R>,
    active: &Active,
    choice: AppChoice,
) -> Result<Client, Error> {
    let launch = &app.shell().launch;
    let (credentials, api, auth) = match choice {
        AppChoice::Builtin => {
            let (id, secret) = builtin().ok_or(Error::NoBuiltinApp)?;
            let credentials = AppCredentials {
                client_id: id.to_owned(),
                client_secret: ClientSecret::new(secret),
                redirect_uri: parse_redirect(&launch.relay_url())?,
            };
            (credentials, real_api(launch), real_auth(launch))
        }
        AppChoice::Own => {
            let stored = read_own(active.secrets.clone())
                .await?
                .ok_or(Error::NoOwnApp)?;
            let credentials = AppCredentials {
                client_id: stored.client_id,
                client_secret: stored.client_secret,
                redirect_uri: parse_redirect(&stored.redirect_uri)?,
            };
            (credentials, real_api(launch), real_auth(launch))
        }
        AppChoice::Demo => {
            let base = active.demo_url.clone().ok_or(Error::DemoNotRunning)?;
            let credentials = AppCredentials {
                client_id: DEMO_CLIENT_ID.to_owned(),
                client_secret: ClientSecret::new(DEMO_CLIENT_SECRET),
                redirect_uri: parse_redirect(&format!("{base}{DEMO_RELAY_PATH}"))?,
            };
            (credentials, base.clone(), base)
        }
    };
    let config = Config::with_urls(credentials, &api, &auth)?;
    let store = SecretTokenStore::for_data_dir(active.secrets.clone(), active.slot.core.data_dir());
    let client = Client::new(config, Arc::new(store))?;
    active.slot.core.set_client(client.clone());
    Ok(client)
}

/// The user's own app as saved (a blocking keyring or file read, off the async threads).
pub async fn read_own(secrets: Secrets) -> Result<Option<AppSecrets>, Error> {
    blocking(move || secrets.app()).await
}

fn real_api(launch: &crate::Launch) -> String {
    launch
        .api_url
        .clone()
        .unwrap_or_else(|| DEFAULT_API_URL.to_owned())
}

fn real_auth(launch: &crate::Launch) -> String {
    launch
        .auth_url
        .clone()
        .unwrap_or_else(|| DEFAULT_AUTH_URL.to_owned())
}

fn parse_redirect(raw: &str) -> Result<Url, Error> {
    Url::parse(raw.trim()).map_err(|_| {
        Error::from(ledgerline_freshbooks::Error::Config {
            setting: "redirect_uri",
            problem: "the redirect address is not a URL".into(),
        })
    })
}

/// Runs a blocking keyring or file call on the blocking pool.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ledgerline_core::secrets::SecretsError> + Send + 'static,
) -> Result<T, Error> {
    match tokio::task::spawn_blocking(f).await {
        Ok(res) => Ok(res?),
        Err(join) => Err(Error::Core(ledgerline_core::Error::TaskFailed(join))),
    }
}
