//! Ledgerline's domain records, converted from FreshBooks' wire shapes by `ledgerline-freshbooks`,
//! and [`Entity`], the kinds of record the mirror holds.
//!
//! One file per noun. These types are *ours*: their serde shape is the IPC/storage shape, not
//! FreshBooks' (no `vis_state` integers, no US/Eastern strings: timestamps are UTC, money is
//! [`crate::money::Money`]). The create/update payloads (`New…`, `…Update`) live beside each record;
//! an update only sends the fields that are `Some`.

pub mod business;
pub mod client;
pub mod estimate;
pub mod expense;
pub mod invoice;
pub mod item;
pub mod kind;
pub mod payment;
pub mod project;
pub mod service;
pub mod task;
pub mod tax;
pub mod time_entry;
pub mod vis_state;

pub use business::{Business, Identity, Membership, Role, UserBusiness};
pub use client::{Address, Client, ClientUpdate, NewClient};
pub use estimate::Estimate;
pub use expense::Expense;
pub use invoice::{
    Invoice, InvoiceLine, InvoiceStatus, InvoiceUpdate, LineKind, LineTax, NewInvoice,
    NewInvoiceLine,
};
pub use item::Item;
pub use kind::{Entity, UnknownEntity};
pub use payment::Payment;
pub use project::{NewProject, Project, ProjectUpdate};
pub use service::{Service, ServiceRate};
pub use task::Task;
pub use tax::Tax;
pub use time_entry::{NewTimeEntry, TimeEntry, TimeEntryUpdate, Timer};
pub use vis_state::VisState;
