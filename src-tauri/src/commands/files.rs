//! Commands that reach outside the window: exports into the Downloads folder, the file manager
//! on Ledgerline's own folders, and the browser on FreshBooks' and Ledgerline's own pages.

use std::path::{Path, PathBuf};

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{AddressArgs, ExportArgs, ExportDone, ExportList, NoArgs, RevealArgs};
use ledgerline_model::views::TimeQuery;
use tauri::{AppHandle, Manager, Runtime};
use url::Url;

use super::home::today;
use super::screens::current;
use crate::state::AppExt;
use crate::{Error, export};

/// FreshBooks' hosts the window may open (its sign-in portal and its site).
const FRESHBOOKS_HOSTS: &[&str] = &["my.freshbooks.com", "www.freshbooks.com"];

/// Where exports go: the launch's folder (tests), else the user's Downloads folder when there
/// is one, else the data folder.
pub(crate) fn export_dir<R: Runtime>(app: &AppHandle<R>) -> PathBuf {
    let shell = app.shell();
    if let Some(dir) = &shell.launch.export_dir {
        return dir.clone();
    }
    match app.path().download_dir() {
        Ok(dir) if dir.is_dir() => dir,
        _ => shell.data_dir.clone(),
    }
}

/// `export_list`: writes a list of the current business as CSV or JSON.
#[tauri::command]
pub async fn export_list<R: Runtime>(
    app: AppHandle<R>,
    args: ExportArgs,
) -> Result<ExportDone, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    let id = business.business_id;
    let fail = |e: ledgerline_core::Error| e.to_payload();
    let table = match args.list {
        ExportList::Clients { query } => {
            export::clients(&core.list_clients(id, query).await.map_err(fail)?)?
        }
        ExportList::TimeEntries { query } => {
            let query = TimeQuery {
                limit: None,
                offset: 0,
                ..query
            };
            export::time_entries(&core.list_time(id, query).await.map_err(fail)?.rows)?
        }
        ExportList::Invoices { mut query } => {
            query.today = query.today.or_else(|| Some(today()));
            export::invoices(&core.list_invoices(id, query).await.map_err(fail)?)?
        }
    };
    let dir = export_dir(&app);
    let format = args.format;
    let name = business.name.clone();
    let written =
        tokio::task::spawn_blocking(move || export::write(&dir, &name, today(), &table, format))
            .await
            .map_err(|join| Error::Core(ledgerline_core::Error::TaskFailed(join)))??;
    let (path, rows) = written;
    tracing::info!(rows, "a list was exported");
    Ok(ExportDone {
        path: path.display().to_string(),
        rows,
    })
}

/// `reveal_path`: shows a file or folder under the Downloads or the data folder in the file
/// manager; anything else is refused.
#[tauri::command]
pub fn reveal_path<R: Runtime>(app: AppHandle<R>, args: RevealArgs) -> Result<(), ErrorPayload> {
    let refused = || -> ErrorPayload {
        Error::PathRefused {
            path: args.path.clone(),
        }
        .into()
    };
    let path = std::fs::canonicalize(&args.path).map_err(|_| refused())?;
    let roots = [export_dir(&app), app.shell().data_dir.clone()];
    let inside = roots
        .iter()
        .filter_map(|root| std::fs::canonicalize(root).ok())
        .any(|root| path.starts_with(root));
    if !inside {
        return Err(refused());
    }
    let shown = match app.try_state::<tauri_plugin_opener::Opener<R>>() {
        Some(opener) => opener.reveal_item_in_dir(&path).map_err(|e| e.to_string()),
        None => Err("no file manager is available".to_owned()),
    };
    shown.map_err(|reason| Error::OpenFolder { path, reason }.into())
}

/// `open_data_folder`: shows the data folder in the file manager.
#[tauri::command]
pub fn open_data_folder<R: Runtime>(app: AppHandle<R>, args: NoArgs) -> Result<(), ErrorPayload> {
    let NoArgs {} = args;
    let dir = app.shell().data_dir.clone();
    open_folder(&app, &dir)
}

fn open_folder<R: Runtime>(app: &AppHandle<R>, dir: &Path) -> Result<(), ErrorPayload> {
    let opened = match app.try_state::<tauri_plugin_opener::Opener<R>>() {
        Some(opener) => opener
            .open_path(dir.display().to_string(), None::<&str>)
            .map_err(|e| e.to_string()),
        None => Err("no file manager is available".to_owned()),
    };
    opened.map_err(|reason| {
        Error::OpenFolder {
            path: dir.to_owned(),
            reason,
        }
        .into()
    })
}

/// `open_address`: opens an https address on FreshBooks' own hosts or Ledgerline's relay and
/// help pages in the browser; refuses every other.
#[tauri::command]
pub fn open_address<R: Runtime>(app: AppHandle<R>, args: AddressArgs) -> Result<(), ErrorPayload> {
    let relay = app.shell().launch.relay_url();
    let url = allowed_address(&args.url, &relay)?;
    let opened = match app.try_state::<tauri_plugin_opener::Opener<R>>() {
        Some(opener) => opener
            .open_url(url.as_str(), None::<&str>)
            .map_err(|e| e.to_string()),
        None => Err("no browser is available".to_owned()),
    };
    opened.map_err(|reason| {
        Error::OpenBrowser {
            url: url.to_string(),
            reason,
        }
        .into()
    })
}

/// The address, when it is https on FreshBooks' hosts or the relay's host (Ledgerline's own
/// pages), with no user name, password or port of its own.
fn allowed_address(given: &str, relay: &str) -> Result<Url, Error> {
    let refuse = |reason| Error::AddressRefused {
        url: given.to_owned(),
        reason,
    };
    let url = Url::parse(given.trim()).map_err(|_| refuse("it is not a web address"))?;
    if url.scheme() != "https" {
        return Err(refuse("only https addresses are opened"));
    }
    if !url.username().is_empty() || url.password().is_some() || url.port().is_some() {
        return Err(refuse("the address carries a user name, password or port"));
    }
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let relay_host = Url::parse(relay)
        .ok()
        .filter(|r| r.scheme() == "https")
        .and_then(|r| r.host_str().map(str::to_ascii_lowercase));
    let ours = FRESHBOOKS_HOSTS.contains(&host.as_str()) || relay_host.as_deref() == Some(&host);
    if !ours {
        return Err(refuse("it is neither FreshBooks' site nor Ledgerline's"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELAY: &str = "https://ledgerline.app/oauth/relay/";

    #[test]
    fn only_https_on_our_hosts() {
        for ok in [
            "https://my.freshbooks.com/#/developer",
            "https://www.freshbooks.com/api",
            "https://ledgerline.app/help/",
            "HTTPS://MY.FRESHBOOKS.COM/",
        ] {
            assert!(allowed_address(ok, RELAY).is_ok(), "{ok}");
        }
        for refused in [
            "http://my.freshbooks.com/",
            "https://my.freshbooks.com.evil.example/",
            "https://evil.example/?my.freshbooks.com",
            "https://user@my.freshbooks.com/",
            "https://my.freshbooks.com:8443/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "not an address",
        ] {
            assert!(
                matches!(
                    allowed_address(refused, RELAY),
                    Err(Error::AddressRefused { .. })
                ),
                "{refused}"
            );
        }
        // A relay that is not https lends its host nothing.
        assert!(allowed_address("https://127.0.0.1/", "http://127.0.0.1:9/relay").is_err());
    }
}
