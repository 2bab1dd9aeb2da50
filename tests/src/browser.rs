//! Playing the browser: what the user's browser does between the app opening the authorization
//! page and the relay page handing `code` and `state` to `ledgerline://oauth/callback`.

use anyhow::{Context as _, Result, bail};
use url::Url;

/// The deep link the relay page forwards to.
pub const CALLBACK: &str = "ledgerline://oauth/callback";

/// Opens the authorization URL as a browser would, without following the redirect, and returns
/// where FreshBooks (the emulator, approving at once) sends the browser: the relay page with
/// `code` and `state`.
pub async fn authorize(authorization_url: &str) -> Result<Url> {
    let response = crate::http::get(authorization_url).await?;
    if !(300..400).contains(&response.status) {
        bail!(
            "the authorization page answered {}, not a redirect: {}",
            response.status,
            response.body
        );
    }
    let location = response
        .header("location")
        .context("a redirect without a Location")?;
    Url::parse(location).with_context(|| format!("Location {location:?} is not a URL"))
}

/// What the relay page forwards to: the same query on `ledgerline://oauth/callback`.
pub fn deep_link(relay: &Url) -> Result<String> {
    let query = relay.query().context("the relay address has no query")?;
    Ok(format!("{CALLBACK}?{query}"))
}

/// A query parameter of an address.
pub fn query_param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_relay_query_moves_to_the_deep_link_unchanged() {
        let relay = Url::parse("http://127.0.0.1:4010/oauth/relay?code=a%2Fb&state=xyz").unwrap();
        assert_eq!(
            deep_link(&relay).unwrap(),
            "ledgerline://oauth/callback?code=a%2Fb&state=xyz"
        );
        assert_eq!(query_param(&relay, "code").as_deref(), Some("a/b"));
    }
}
