//! [`Payment`]: money received against an invoice.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::VisState;
use crate::ids::{ClientId, InvoiceId, PaymentId};
use rust_decimal::Decimal;

use crate::money::CurrencyCode;

/// A payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// FreshBooks' id (`id`, also `paymentid`).
    pub id: PaymentId,
    /// The invoice paid.
    pub invoice_id: Option<InvoiceId>,
    /// The client who paid.
    pub client_id: Option<ClientId>,
    /// The amount, in [`Self::currency_code`].
    pub amount: Decimal,
    /// The amount's currency; `None` where FreshBooks sends none (a null `code`), never guessed.
    pub currency_code: Option<CurrencyCode>,
    /// When it was paid.
    pub date: Option<NaiveDate>,
    /// How it was paid (`Check`, `Credit Card`, …).
    pub kind: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Active, archived or deleted.
    pub vis_state: VisState,
    /// When FreshBooks last changed it (UTC).
    pub updated: Option<DateTime<Utc>>,
}
