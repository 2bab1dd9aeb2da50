//! [`Taxes`]: Taxes (`/accounting/account/{account_id}/taxes/taxes`).

use ledgerline_model::entity::Tax;
use ledgerline_model::ids::TaxId;

accounting_resource!(
    /// Taxes (`/accounting/account/{account_id}/taxes/taxes`).
    Taxes {
        record: Tax,
        id: TaxId,
        path: "taxes/taxes",
        single: "tax",
        list: "taxes",
        wire: crate::wire::accounting::WireTax,
    }
);
