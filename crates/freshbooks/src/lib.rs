//! A typed FreshBooks API client: the one place in Ledgerline that knows FreshBooks' URLs,
//! JSON and quirks. **No storage, no UI**: tokens are persisted through a [`TokenStore`] the
//! caller implements, and records come back as `ledgerline_model` types.
//!
//! Layout:
//! - [`Client`] (one per signed-in user, cheap to clone) and [`Config`] ([`config`]).
//! - [`auth`]: sign-in ([`SignInRequest`], state checked on return), [`TokenSet`], the
//!   single-flight refresh that saves each new pair before using it, the [`TokenStore`] trait.
//! - [`resources`]: typed handlers and list builders for every resource, e.g.
//!   `client.invoices(&account_id).list().with_lines().updated_since(t).stream()`.
//! - [`page`]: [`Page`] and the all-pages stream (bounded concurrency after page 1).
//! - [`error`]: [`Error`], classified by method (`is_retryable`, `needs_sign_in`, …).
//! - [`time`]: US/Eastern ↔ UTC, DST included.
//! - `wire` (private): FreshBooks' JSON exactly as sent; never part of the public API.
//! - `http` (private): the one send path, with the retry policy (reads only).
//! - [`limiter`]: one limit on requests in flight for the whole client (AIMD on 429s and timeouts).
//!
//! ```no_run
//! # async fn demo(client: ledgerline_freshbooks::Client) -> ledgerline_freshbooks::Result<()> {
//! use futures::TryStreamExt;
//! let me = client.me().await?;
//! // Never pick the first membership silently: let the user choose.
//! let business = &me.memberships[0].business;
//! if let Some(account) = &business.account_id {
//!     let mut invoices = client.invoices(account).list().with_lines().stream_with_raw();
//!     while let Some(invoice) = invoices.try_next().await? {
//!         println!("{} {:?}", invoice.record.id, invoice.record.amount);
//!     }
//! }
//! let unbilled = client.time_entries(business.id).list().billed(false).collect().await?;
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

pub mod auth;
mod client;
pub mod config;
pub mod error;
pub mod health;
mod http;
pub mod limiter;
pub mod page;
mod raw;
pub mod resources;
mod secret;
pub mod time;
mod wire;

pub use auth::{MemoryTokenStore, RefreshLock, SignInRequest, SignInState, TokenSet, TokenStore};
pub use client::Client;
pub use config::{AppCredentials, Config, RetryPolicy};
pub use error::{Error, Result, StoreError};
pub use health::{Pause, SignInHealth};
pub use limiter::{Concurrency, LimiterStats};
pub use page::Page;
pub use raw::{Checked, WithRaw};
pub use secret::{AccessToken, AuthorizationCode, ClientSecret, RefreshToken};
