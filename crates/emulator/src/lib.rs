//! A FreshBooks API emulator: the FreshBooks that Ledgerline tests, demos and benchmarks against.
//!
//! Written from `shared/freshbooks-api.md` only; it depends on no crate of ours, so it catches our
//! client's misreadings instead of sharing them. One loopback base URL serves the OAuth pages, the
//! identity endpoint, the accounting / projects / time tracking / comments families, and a control
//! API under [`CONTROL_PREFIX`] for fault and latency injection.
//!
//! Layout:
//! - [`Config`], [`Scale`] (`config`), [`Faults`] (`faults`): what a server is started with.
//! - [`Emulator`] (in-process server on port 0) and [`serve`] (mini-redis style: listener + shutdown).
//! - [`Control`] (`control`): the in-process handle; the same operations over HTTP under `/_emulator`.
//! - [`ReadDenial`] (`denials`): opt-in 403s on reads of one resource, as for a role or scope without it.
//! - `state`: what every handler shares (`App`): the config, the `store` (businesses, records,
//!   tokens) behind one mutex, and the control knobs; `seed`: deterministic data.
//! - `router`: the route table, wiring the handlers to their URLs over `state`; only `server` uses it.
//! - `oauth`, `identity`, `families/*` (envelopes, error bodies, the generic accounting handlers),
//!   `resources/*` (one per noun).
//! - `injection`: the layer that counts requests and injects latency and faults; `scopes`: the
//!   scope each endpoint needs, and the layer that refuses a token without it (403).
//! - `views`: the filtered, ordered ids of a list, reused across its pages until a write.
//! - `server` + `conn`: the accept loop, which can reset a connection on purpose.

mod bearer;
mod config;
mod conn;
mod control;
mod denials;
mod error;
mod families;
mod faults;
mod filters;
mod identity;
mod injection;
mod oauth;
mod paging;
mod query;
mod resources;
mod router;
mod scopes;
mod seed;
mod server;
mod state;
mod store;
mod timefmt;
mod views;

pub use config::{Config, Scale};
pub use control::{
    CONTROL_PREFIX, Control, DemoBusiness, DemoIdentity, SentEmail, WebhookVerifier,
};
pub use denials::ReadDenial;
pub use error::{Error, Result};
pub use faults::{FaultKind, Faults, parse_rate};
pub use server::{Emulator, serve};
