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

/// Where a walk round the window with Tab went.
#[derive(Debug, Clone, Default)]
pub struct TabTour {
    /// The focused element after each press, in order ("" for none).
    pub reached: Vec<String>,
    /// The controls on screen the focus never reached.
    pub missed: Vec<String>,
}

/// `Alt` held with `key`, released after it.
pub fn alt(key: &str) -> String {
    format!("{}{key}{}", &*Key::Alt, &*Key::Alt)
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

    /// Tabs through the whole window (until the focus comes back where it started, at most
    /// `max` presses) and returns where the focus went and the controls on screen that it
    /// never reached, each described by its id or its tag, class and text. Controls on screen: links, enabled
    /// buttons, inputs, selects and text areas, and anything with a non-negative `tabindex`,
    /// that are displayed; of a group of radio buttons, one reached is enough.
    pub async fn tab_tour(&self, max: usize) -> Result<TabTour> {
        const MARK: &str = "const el = document.activeElement; \
            if (el && el !== document.body) { el.setAttribute('data-e2e-tab', '1'); } \
            return el && el !== document.body ? (el.id || el.tagName + '.' + el.className) : '';";
        const UNREACHED: &str = r#"
            const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),'
                + ' select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
            const reachedGroups = new Set(
                [...document.querySelectorAll('input[type=radio][data-e2e-tab]')].map(r => r.name));
            const out = [];
            for (const el of document.querySelectorAll(selector)) {
                if (el.hasAttribute('data-e2e-tab') || !el.getClientRects().length) continue;
                if (el.closest('[inert], [aria-hidden=true]')) continue;
                if (el.type === 'radio' && reachedGroups.has(el.name)) continue;
                const text = (el.innerText || el.value || '').trim().slice(0, 40);
                out.push(el.id ? '#' + el.id
                    : el.tagName.toLowerCase() + '.' + el.className + ' "' + text + '"');
            }
            for (const el of document.querySelectorAll('[data-e2e-tab]')) {
                el.removeAttribute('data-e2e-tab');
            }
            return out;
        "#;
        let start = self.client.execute(MARK, Vec::new()).await?;
        let start = start.as_str().unwrap_or_default().to_owned();
        let mut reached = vec![start.clone()];
        for _ in 0..max {
            self.press(&Key::Tab).await?;
            let now = self.client.execute(MARK, Vec::new()).await?;
            let now = now.as_str().unwrap_or_default().to_owned();
            if !start.is_empty() && now == start {
                break;
            }
            reached.push(now);
        }
        let missed = self.client.execute(UNREACHED, Vec::new()).await?;
        let missed = missed
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        Ok(TabTour { reached, missed })
    }
}
