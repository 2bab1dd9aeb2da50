//! `auth login|status|logout|configure` and `businesses`, `use`.

use std::io::BufRead;

use crate::error::{Error, Result};
use ledgerline_core::secrets::AppSecrets;
use ledgerline_core::session::SignOut;
use ledgerline_freshbooks::ClientSecret;
use ledgerline_model::ipc::AppChoice;

use crate::args::{ConfigureArgs, LogoutArgs};
use crate::context::Context;

/// `auth login`: the URL alone on stdout's first line, then one line from stdin. The sign-in goes
/// through the core's checked path, as the desktop app's does: the state is remembered in the
/// mirror and the answer checked (shape, state, age, used once) before the code is exchanged.
pub async fn login(ctx: &Context) -> Result<()> {
    // Installs the client in the core (the registration given to the command line is the
    // user's own).
    ctx.client()?;
    let started = ctx.core.begin_sign_in(AppChoice::Own).await?;
    println!("{}", started.authorize_url);
    let port = super::loopback::loopback_port(&ctx.app()?.redirect_uri);
    eprintln!(
        "Open the address above, sign in, then paste here the full address your browser was sent back to:"
    );
    let stdin = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map(|_| line)
    });
    // With a loopback redirect URI the browser's own request is awaited too; the first wins.
    let line = match port {
        Some(port) => {
            let browser = super::loopback::wait_for_redirect(port);
            tokio::pin!(browser);
            tokio::select! {
                res = &mut browser => res?,
                res = stdin => {
                    // An empty or closed stdin leaves it to the browser.
                    let line = read_line(res)?;
                    if line.trim().is_empty() { browser.await? } else { line }
                }
            }
        }
        None => read_line(stdin.await)?,
    };
    let line = line.trim();
    if line.is_empty() {
        return Err(Error::Usage {
            arg: "stdin",
            problem: "no address was given; run `ledgerline-cli auth login` again and paste the address the browser landed on".into(),
        });
    }
    let businesses = ctx.core.complete_sign_in(line).await?;
    println!("Signed in. {} businesses:", businesses.len());
    print_businesses(ctx).await
}

fn read_line(res: Result<std::io::Result<String>, tokio::task::JoinError>) -> Result<String> {
    res?.map_err(|e| Error::Usage {
        arg: "stdin",
        problem: format!("could not read the address ({e}); paste it on one line"),
    })
}

/// `auth status`
pub async fn status(ctx: &Context) -> Result<()> {
    let client = ctx.client()?;
    match client.tokens().await? {
        Some(tokens) => println!(
            "signed in; access token valid until {}",
            tokens.expires_at.format("%Y-%m-%d %H:%M UTC")
        ),
        None => {
            println!("not signed in");
            return Err(ledgerline_freshbooks::Error::NotSignedIn.into());
        }
    }
    let businesses = ctx.core.businesses().await?;
    println!("{} businesses known locally", businesses.len());
    Ok(())
}

/// `auth logout [--remove-offline-copy [--discard-unsent]]`
pub async fn logout(ctx: &Context, args: &LogoutArgs) -> Result<()> {
    ctx.secrets.probe()?;
    let done = ctx
        .core
        .sign_out(SignOut {
            secrets: ctx.secrets.clone(),
            remove_offline_copy: args.remove_offline_copy,
            discard_unsent: args.discard_unsent,
        })
        .await?;
    match (done.offline_copy_removed, done.discarded) {
        (false, _) => println!("signed out"),
        (true, 0) => println!("signed out; the offline copy on this computer was removed"),
        (true, n) => {
            let plural = if n == 1 { "" } else { "s" };
            println!(
                "signed out; the offline copy on this computer was removed ({n} unsent change{plural} discarded)"
            );
        }
    }
    Ok(())
}

/// `auth configure`
pub fn configure(ctx: &Context, args: &ConfigureArgs) -> Result<()> {
    let secret = match &args.client_secret {
        Some(secret) => secret.clone(),
        None => {
            eprintln!("Client secret:");
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| Error::Usage {
                    arg: "stdin",
                    problem: format!("could not read the client secret ({e})"),
                })?;
            line.trim().to_owned()
        }
    };
    if secret.is_empty() {
        return Err(Error::Usage {
            arg: "--client-secret",
            problem: "the client secret is empty; copy it from the FreshBooks developer page"
                .into(),
        });
    }
    ctx.secrets.probe()?;
    ctx.secrets.save_app(&AppSecrets {
        client_id: args.client_id.clone(),
        client_secret: ClientSecret::new(secret),
        redirect_uri: args.redirect_uri.clone(),
    })?;
    println!("app credentials stored");
    Ok(())
}

/// `businesses`: refreshed from FreshBooks when signed in, else as known locally.
pub async fn businesses(ctx: &Context) -> Result<()> {
    let refreshed = match ctx.client() {
        Ok(_) => ctx
            .core
            .refresh_businesses()
            .await
            .map(|_| ())
            .map_err(Into::into),
        Err(e) => Err(e),
    };
    if let Err(e) = refreshed {
        if ctx.core.businesses().await?.is_empty() {
            return Err(e);
        }
        eprintln!("note: showing businesses as last synced ({e})");
    }
    print_businesses(ctx).await
}

/// `use <business>`
pub async fn use_business(ctx: &Context, given: &str) -> Result<()> {
    let chosen = ctx.core.use_business(given).await?;
    println!("now using {} [{}]", chosen.name, chosen.business_id);
    Ok(())
}

/// One line per business: `*` marks the current one, `!` one kept only for its unsent changes
/// (FreshBooks no longer lists it for this sign-in, so it is not synced), with why and what to do.
async fn print_businesses(ctx: &Context) -> Result<()> {
    let current = ctx.core.current_business().await?.map(|m| m.business_id);
    let absent = ctx.core.absent_businesses().await?;
    for m in ctx.core.businesses().await? {
        let line = format!(
            "{}\t{}\t{}\t{}",
            m.business_id, m.account_id, m.role, m.name
        );
        if absent.contains(&m.business_id) {
            let n_unsent = ctx.core.status(m.business_id).await?.open_ops.len();
            let plural = if n_unsent == 1 { "" } else { "s" };
            println!(
                "! {line}\tnot listed for this sign-in, kept only for its {n_unsent} unsent change{plural} and not synced: sign in as one of its users (`ledgerline-cli auth login`) to send them, or undo them (`ledgerline-cli status --business {}`)",
                m.business_id
            );
        } else {
            let mark = if Some(m.business_id) == current {
                "*"
            } else {
                " "
            };
            println!("{mark} {line}");
        }
    }
    Ok(())
}
