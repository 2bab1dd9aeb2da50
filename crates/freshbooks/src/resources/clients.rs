//! [`Clients`]: accounting clients (`users/clients`), their filters and writes.

use ledgerline_model::entity::{Client, ClientUpdate, NewClient};
use ledgerline_model::ids::ClientId;

use crate::error::Result;
use crate::raw::WithRaw;
use crate::resources::accounting::{Accounting, AccountingList};
use crate::wire::client::{WireClient, client_update_body, new_client_body};

accounting_resource!(
    /// Clients (`/accounting/account/{account_id}/users/clients`).
    Clients {
        record: Client,
        id: ClientId,
        path: "users/clients",
        single: "client",
        list: "clients",
        wire: WireClient,
    }
);

impl Accounting<Clients> {
    /// Creates a client. FreshBooks needs an organization or a first/last name.
    pub async fn create(&self, new: &NewClient) -> Result<WithRaw<Client>> {
        self.post(new_client_body(new)).await
    }

    /// Changes the fields of a client that are `Some` in `update`.
    pub async fn update(&self, id: ClientId, update: &ClientUpdate) -> Result<WithRaw<Client>> {
        self.put(id, client_update_body(update)).await
    }
}

impl AccountingList<Clients> {
    /// Clients with exactly this email (`search[email]`).
    pub fn email(self, email: &str) -> Self {
        self.search("email", email)
    }

    /// Clients whose organization contains this text (`search[organization_like]`).
    pub fn organization_like(self, text: &str) -> Self {
        self.search("organization_like", text)
    }

    /// Only these clients (`search[userids][]`).
    pub fn ids(self, ids: &[ClientId]) -> Self {
        self.search_in("userids", ids.iter().map(|id| id.to_string()))
    }

    /// Adds each client's outstanding balance (`include[]=outstanding_balance`).
    pub fn with_outstanding_balance(self) -> Self {
        self.include("outstanding_balance")
    }
}
