//! Clients: the list (`/clients`) and a client's page (`/clients/new`, `/clients/<id>`), the form
//! they share with its checks, and the "Undo" notice after a change.

mod edit;
pub mod form;
mod list;
pub mod undo;

pub use edit::ClientEdit;
pub use list::{ClientList, ROW_HEIGHT};
