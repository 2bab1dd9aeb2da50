//! What every command starts from: the data directory, the core, where secrets live, and (for
//! commands that talk to FreshBooks) a signed-in client.

use std::path::PathBuf;
use std::sync::Arc;

use crate::error::{Error, Result};
use ledgerline_core::secrets::{AppSecrets, SecretTokenStore, Secrets};
use ledgerline_core::{Core, CoreConfig, Schedule};
use ledgerline_freshbooks::{AppCredentials, Client, ClientSecret, Config};
use ledgerline_model::entity::UserBusiness;

use crate::args::{BusinessArg, Cli};

/// The desktop app's identifier: Tauri keeps its data under `<OS data dir>/<identifier>`, and the
/// CLI uses the same directory so both see one mirror.
const APP_IDENTIFIER: &str = "app.ledgerline.desktop";

/// The command's surroundings.
pub struct Context {
    pub core: Core,
    pub secrets: Secrets,
}

impl Context {
    /// Opens the core in the chosen data directory.
    pub fn open(cli: &Cli) -> Result<Context> {
        let data_dir = match &cli.data_dir {
            Some(dir) => dir.clone(),
            None => default_data_dir()?,
        };
        let core = Core::open(CoreConfig {
            data_dir,
            schedule: Schedule::default(),
        })?;
        let secrets = match &cli.token_file {
            Some(file) => Secrets::File(file.clone()),
            None => Secrets::Keyring,
        };
        Ok(Context { core, secrets })
    }

    /// The FreshBooks app's credentials: from the environment, else as stored by `auth configure`.
    pub fn app(&self) -> Result<AppSecrets> {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        if let (Some(client_id), Some(secret), Some(redirect_uri)) = (
            env("FRESHBOOKS_CLIENT_ID"),
            env("FRESHBOOKS_CLIENT_SECRET"),
            env("FRESHBOOKS_REDIRECT_URI"),
        ) {
            return Ok(AppSecrets {
                client_id,
                client_secret: ClientSecret::new(secret),
                redirect_uri,
            });
        }
        self.secrets.probe()?;
        self.secrets.app()?.ok_or(Error::Usage {
            arg: "FreshBooks app",
            problem: "no app credentials: set FRESHBOOKS_CLIENT_ID, FRESHBOOKS_CLIENT_SECRET and FRESHBOOKS_REDIRECT_URI, or run `ledgerline-cli auth configure`".into(),
        })
    }

    /// A client for FreshBooks (or the host named by FRESHBOOKS_API_URL), with tokens from the
    /// keyring or the token file. Installed in the core too.
    pub fn client(&self) -> Result<Client> {
        let app = self.app()?;
        self.secrets.probe()?;
        let redirect_uri = app.redirect_uri.parse().map_err(|_| Error::Usage {
            arg: "FRESHBOOKS_REDIRECT_URI",
            problem: format!(
                "“{}” is not a URL; give the redirect URI registered for the app",
                app.redirect_uri
            ),
        })?;
        let credentials = AppCredentials {
            client_id: app.client_id,
            client_secret: app.client_secret,
            redirect_uri,
        };
        let config = Config::from_env(credentials)?;
        let client = Client::new(
            config,
            Arc::new(SecretTokenStore::for_data_dir(
                self.secrets.clone(),
                self.core.data_dir(),
            )),
        )?;
        self.core.set_client(client.clone());
        Ok(client)
    }

    /// The business a `--business` option names, or the current one.
    pub async fn business(&self, arg: &BusinessArg) -> Result<UserBusiness> {
        self.business_named(arg.business.as_deref()).await
    }

    /// The business named, or the current one.
    pub async fn business_named(&self, given: Option<&str>) -> Result<UserBusiness> {
        match given {
            Some(given) => Ok(self.core.find_business(given).await?),
            None => Ok(self.core.require_current().await?),
        }
    }
}

fn default_data_dir() -> Result<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)).ok_or(Error::Usage {
            arg: "--data-dir",
        problem: "this system has no per-user data directory; pass --data-dir DIR or set LEDGERLINE_DATA_DIR".into(),
    })
}
