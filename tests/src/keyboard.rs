//! Driving the window by keyboard alone: keys go to whatever has the focus (WebDriver's "send
//! keys" on the active element, as a person's typing goes to the focused control), Tab moves
//! the focus, and nothing is clicked.

use anyhow::{Result, bail};
use fantoccini::key::Key;

use crate::app::App;

/// How many Tab presses may separate two controls before a test calls one unreachable.
pub const MAX_TABS: usize = 60;

/// `Ctrl` (WebDriver's Control key) held with `key`, released after it.
pub fn ctrl(key: &str) -> String {
    format!("{}{key}{}", &*Key::Control, &*Key::Control)
}

impl App {
    /// Types `keys` (text and WebDriver key codes such as [`Key::Tab`]) into the focused
    /// element, or the page when nothing has the focus.
    pub async fn press(&self, keys: &str) -> Result<()> {
        let focused = self.client.active_element().await?;
        focused.send_keys(keys).await?;
        Ok(())
    }

    /// The id of the focused element ("" when it has none or nothing has the focus).
    pub async fn focused_id(&self) -> Result<String> {
        let id = self
            .client
            .execute(
                "const el = document.activeElement; return el ? (el.id || '') : '';",
                Vec::new(),
            )
            .await?;
        Ok(id.as_str().unwrap_or_default().to_owned())
    }

    /// Whether the focused element shows its focus (`:focus-visible`, which the style sheet
    /// outlines).
    pub async fn focus_is_visible(&self) -> Result<bool> {
        let shown = self
            .client
            .execute(
                "const el = document.activeElement; return !!el && el.matches(':focus-visible');",
                Vec::new(),
            )
            .await?;
        Ok(shown.as_bool().unwrap_or(false))
    }

    /// Presses Tab until the element `id` has the focus, at most [`MAX_TABS`] times. Fails with
    /// the path the focus took when it never gets there. Returns the number of presses.
    pub async fn tab_to(&self, id: &str) -> Result<usize> {
        let mut path = Vec::new();
        for presses in 0..=MAX_TABS {
            let now = self.focused_id().await?;
            if now == id {
                return Ok(presses);
            }
            path.push(if now.is_empty() {
                "(no id)".to_owned()
            } else {
                now
            });
            self.press(&Key::Tab).await?;
        }
        bail!(
            "#{id} never took the focus in {MAX_TABS} Tab presses; the focus went {}",
            path.join(" → ")
        )
    }
}
