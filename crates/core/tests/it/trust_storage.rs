//! Storage, secrets, identity and payloads (issue 13, items 7, 11, 12 and 13): the business's
//! currency comes from FreshBooks, the outbox's commits survive power loss, the files holding the
//! mirror and the sign-in are private and never half-written, and payloads never guess.

use ledgerline_model::money::CurrencyCode;

use crate::Harness;

/// Item 7: a CAD business is known as CAD from identity, so a draft for a client with no
/// currency of its own can be made in the business's currency instead of a guessed one.
#[tokio::test]
async fn a_cad_business_reads_its_currency_from_identity_instead_of_leaving_it_empty() {
    let h = Harness::start().await;
    let owner = h.owner().await;
    assert_eq!(
        owner.currency_code,
        Some(CurrencyCode::new("CAD").unwrap()),
        "the owner's business is a CAD business in FreshBooks"
    );
    let usd = h
        .businesses()
        .await
        .into_iter()
        .find(|b| b.name.starts_with("Hudson"))
        .expect("the USD business");
    assert_eq!(usd.currency_code, Some(CurrencyCode::new("USD").unwrap()));
    // Kept in the mirror: read back offline.
    let stored = h.core.business(owner.business_id).await.unwrap();
    assert_eq!(
        stored.currency_code,
        Some(CurrencyCode::new("CAD").unwrap())
    );
}
