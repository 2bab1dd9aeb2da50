//! Pieces of the frame, each reading the window state from context (`crate::state`):
//! the business switcher, the sync indicator, the banners, notices, dialogs and copy buttons;
//! and the screens' building blocks: the virtual list, form fields, badges and SVG charts.

pub mod badge;
pub mod banners;
pub mod business_chooser;
pub mod chart;
pub mod copy_button;
pub mod dialog;
pub mod error_notice;
pub mod field;
pub mod frame;
pub mod saved_file;
pub mod shortcuts;
pub mod switcher;
pub mod sync_indicator;
pub mod virtual_list;
