//! The list's filters: what the address's query says (`?status=overdue&client=12&q=words`, so
//! Home's figures open the list behind them and a reload keeps the filters), and the
//! `list_invoices` arguments they make for a page of rows.

use ledgerline_model::ids::ClientId;
use ledgerline_model::ipc::InvoicePageArgs;
use ledgerline_model::views::{InvoiceQuery, InvoiceStatusFilter};

/// Every status the filter offers, in its order, with its word in the address and the `<select>`.
pub const STATUSES: [(InvoiceStatusFilter, &str); 6] = [
    (InvoiceStatusFilter::All, "all"),
    (InvoiceStatusFilter::Draft, "draft"),
    (InvoiceStatusFilter::Outstanding, "outstanding"),
    (InvoiceStatusFilter::Overdue, "overdue"),
    (InvoiceStatusFilter::Paid, "paid"),
    (InvoiceStatusFilter::Deleted, "deleted"),
];

/// The status a word names (`all` for anything else).
pub fn status_of(word: &str) -> InvoiceStatusFilter {
    STATUSES
        .iter()
        .find(|(_, w)| *w == word.trim())
        .map_or(InvoiceStatusFilter::All, |(s, _)| *s)
}

/// A status's word.
pub fn status_word(status: InvoiceStatusFilter) -> &'static str {
    STATUSES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("all", |(_, w)| w)
}

/// What the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// By state.
    pub status: InvoiceStatusFilter,
    /// One client's invoices.
    pub client: Option<ClientId>,
    /// Words typed in the search box (as typed; trimmed when asked).
    pub search: String,
}

impl Filters {
    /// The filters an address's query names (`get` reads one parameter).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            status: status_of(&get("status").unwrap_or_default()),
            client: get("client")
                .and_then(|c| c.trim().parse::<i64>().ok())
                .map(ClientId),
            search: get("q").unwrap_or_default(),
        }
    }

    /// The query the list asks for (the shell fills in today for "overdue").
    pub fn query(&self) -> InvoiceQuery {
        let words = self.search.trim();
        InvoiceQuery {
            status: self.status,
            client: self.client,
            search: (!words.is_empty()).then(|| words.to_owned()),
            ..InvoiceQuery::default()
        }
    }

    /// `list_invoices`' arguments for `limit` rows from `offset`.
    pub fn page_args(&self, offset: u32, limit: u32) -> InvoicePageArgs {
        InvoicePageArgs {
            query: self.query(),
            offset,
            limit,
        }
    }

    /// The address's query for these filters: `""` for none, else `?status=…&client=…&q=…`
    /// (only those set), the words percent-encoded.
    pub fn to_query(&self, encode: impl Fn(&str) -> String) -> String {
        let mut parts = Vec::new();
        if self.status != InvoiceStatusFilter::All {
            parts.push(format!("status={}", status_word(self.status)));
        }
        if let Some(client) = self.client {
            parts.push(format!("client={}", client.get()));
        }
        let words = self.search.trim();
        if !words.is_empty() {
            parts.push(format!("q={}", encode(words)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}
