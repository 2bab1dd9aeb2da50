//! [`Estimates`]: Estimates (`/accounting/account/{account_id}/estimates/estimates`).

use ledgerline_model::entity::Estimate;
use ledgerline_model::ids::EstimateId;

accounting_resource!(
    /// Estimates (`/accounting/account/{account_id}/estimates/estimates`). A single get always includes the lines.
    Estimates {
        record: Estimate,
        id: EstimateId,
        path: "estimates/estimates",
        single: "estimate",
        list: "estimates",
        wire: crate::wire::invoice::WireEstimate,
        get_includes: &["lines"],
    }
);

impl crate::resources::accounting::AccountingList<Estimates> {
    /// Includes each estimate's lines (`include[]=lines`).
    pub fn with_lines(self) -> Self {
        self.include("lines")
    }

    /// Estimates of one client (`search[customerid]`).
    pub fn client_id(self, client: ledgerline_model::ids::ClientId) -> Self {
        self.search("customerid", client.to_string())
    }
}
