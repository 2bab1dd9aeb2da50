//! `ledgerline-cli`: a thin command line over `ledgerline-core`.
//!
//! Contract for scripts: results on stdout; on failure one line on stderr that says what to do,
//! and a non-zero exit status: 1 error, 2 bad usage (clap), 3 sign-in needed, 4 FreshBooks
//! unreachable or a sync step failed (retry later), 5 `sync` finished but changes were refused
//! or are in conflict (a person must decide; syncing again will not help).
// A command line prints by design.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod commands;
mod context;
mod error;

use std::process::ExitCode;

use clap::Parser;
use ledgerline_model::entity::VisState;

use args::{
    AuthCommand, Cli, ClientsCommand, Command, ConflictsCommand, InvoiceCommand, TimeCommand,
};
use context::Context;

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("LEDGERLINE_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start ({e}); check the system's thread limits");
            return ExitCode::from(1);
        }
    };
    let res: anyhow::Result<()> = runtime.block_on(async {
        let ctx = Context::open(&cli)?;
        let res = run(&ctx, &cli.command).await;
        ctx.core.shutdown().await;
        Ok(res?)
    });
    // Do not wait for a stdin read still blocked (a loopback sign-in finished without it).
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let code = match e.downcast_ref::<error::Error>() {
                Some(error::Error::Core(core)) if core.needs_sign_in() => 3,
                Some(error::Error::Core(core)) if core.is_retryable() => 4,
                Some(error::Error::Core(core)) if core.needs_user() => 5,
                Some(_) | None => 1,
            };
            let message = if code == 3 {
                format!("{e}. Run `ledgerline-cli auth login`.")
            } else {
                e.to_string()
            };
            // One line, whatever the message holds.
            eprintln!("error: {}", message.replace('\n', " "));
            ExitCode::from(code)
        }
    }
}

async fn run(ctx: &Context, command: &Command) -> error::Result<()> {
    use commands::*;
    match command {
        Command::Auth(AuthCommand::Login) => auth::login(ctx).await,
        Command::Auth(AuthCommand::Status) => auth::status(ctx).await,
        Command::Auth(AuthCommand::Logout(args)) => auth::logout(ctx, args).await,
        Command::Auth(AuthCommand::Configure(args)) => auth::configure(ctx, args),
        Command::Businesses => auth::businesses(ctx).await,
        Command::Use { business } => auth::use_business(ctx, business).await,
        Command::Sync(args) => sync::sync(ctx, args).await,
        Command::Status(business) => status::status(ctx, business).await,
        Command::Undo { change, business } => status::undo(ctx, *change, business.as_deref()).await,
        Command::Clients(ClientsCommand::List {
            archived,
            deleted,
            json,
            business,
        }) => clients::list(ctx, *archived, *deleted, *json, business).await,
        Command::Clients(ClientsCommand::Add(args)) => clients::add(ctx, args).await,
        Command::Clients(ClientsCommand::Edit { id, fields }) => {
            clients::edit(ctx, *id, fields).await
        }
        Command::Clients(ClientsCommand::Archive { id, business }) => {
            clients::set_visibility(ctx, *id, VisState::Archived, business).await
        }
        Command::Clients(ClientsCommand::Restore { id, business }) => {
            clients::set_visibility(ctx, *id, VisState::Active, business).await
        }
        Command::Time(TimeCommand::Unbilled {
            client,
            from,
            to,
            json,
            business,
        }) => {
            time::unbilled(
                ctx,
                *client,
                from.as_deref(),
                to.as_deref(),
                *json,
                business,
            )
            .await
        }
        Command::Time(TimeCommand::Orphans { repair, business }) => {
            time::orphans(ctx, *repair, business).await
        }
        Command::Invoice(InvoiceCommand::Draft(args)) => invoice::draft(ctx, args).await,
        Command::Conflicts(ConflictsCommand::List(business)) => {
            conflicts::list(ctx, business).await
        }
        Command::Conflicts(ConflictsCommand::Resolve {
            id,
            keep_mine,
            business,
            ..
        }) => conflicts::resolve(ctx, *id, *keep_mine, business).await,
        Command::Export(args) => export::export(ctx, args).await,
        Command::BenchQueries {
            iterations,
            business,
        } => bench::queries(ctx, *iterations, business).await,
    }
}
