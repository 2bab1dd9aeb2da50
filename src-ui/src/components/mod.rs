//! Pieces of the frame, each reading the window state from context (`crate::state`):
//! the business switcher, the sync indicator, the banners, notices, dialogs and copy buttons.

pub mod banners;
pub mod copy_button;
pub mod dialog;
pub mod error_notice;
pub mod frame;
pub mod switcher;
pub mod sync_indicator;
