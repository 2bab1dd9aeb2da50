//! Invoices: the list (`/invoices`, filters in the address's query) and an invoice's page
//! (`/invoices/<id>`, its PDF and sending it by email). Drafting a new one is the drafting
//! wizard's (`/invoices/new`).

pub mod actions;
mod detail;
pub mod filters;
mod list;
pub mod rows;

pub use detail::{InvoicePage, InvoiceView, page_key};
pub use list::{InvoiceListPage, InvoiceTable};
