//! Signing in and staying signed in.
//!
//! - [`oauth`]: the authorization URL with a fresh `state`, the code exchange and the refresh,
//!   driven through the `oauth2` crate on our one `reqwest` client.
//! - [`token_set`]: [`TokenSet`], the persisted pair, with its expiry computed from the token
//!   response.
//! - [`tokens`]: the per-user session that refreshes single-flight and hands every new pair to
//!   the store before using it.
//! - [`store`]: the [`TokenStore`] trait the caller implements (OS keyring, a file).

pub mod oauth;
pub mod store;
pub mod token_set;
pub mod tokens;

pub use oauth::{SignInRequest, SignInState};
pub use store::{MemoryTokenStore, RefreshLock, TokenStore};
pub use token_set::TokenSet;
