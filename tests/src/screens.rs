//! Steps on the app's screens that several scenarios take: waiting for the first sync, syncing
//! until FreshBooks shows something, choosing the language, filling controls the way their
//! events expect, and a double click.

use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use fantoccini::Locator;
use fantoccini::actions::{InputSource as _, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};

use crate::app::App;

/// How often [`App::synced`] asks for a sync while none runs.
const ASK_EVERY: Duration = Duration::from_secs(5);

impl App {
    /// Waits until the sync indicator shows a finished sync (no progress, "Synced …").
    pub async fn wait_for_first_sync(&self, within: Duration) -> Result<()> {
        self.eventually("the first sync to finish", within, || async {
            if self.has("sync-progress").await? {
                return Ok(None);
            }
            let last = self.content_at("#sync-status .sync-last").await?;
            Ok((!last.trim().is_empty() && !last.contains("Not synced")).then_some(()))
        })
        .await
    }

    /// Waits until `check` answers, pressing the frame's "Sync now" (`#sync-now`) whenever it
    /// is enabled (every 5 s at most). Fails after `within` with the indicator's words and a
    /// screenshot named `shot`.
    pub async fn synced<T, F, Fut>(
        &self,
        what: &str,
        within: Duration,
        shot: &str,
        mut check: F,
    ) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<Option<T>>>,
    {
        let deadline = Instant::now() + within;
        let mut next_press = Instant::now();
        loop {
            if Instant::now() >= next_press {
                if let Some(button) = self.client.find_all(Locator::Id("sync-now")).await?.first()
                    && button.is_enabled().await.unwrap_or(false)
                {
                    // A redraw between finding and clicking only delays the next sync.
                    let _ = button.click().await;
                }
                next_press = Instant::now() + ASK_EVERY;
            }
            let last = match check().await {
                Ok(Some(value)) => return Ok(value),
                Ok(None) => "not yet".to_owned(),
                Err(err) => format!("{err:#}"),
            };
            if Instant::now() >= deadline {
                let shot = self.screenshot(shot).await?;
                let status = self.content_of("sync-status").await.unwrap_or_default();
                bail!(
                    "{what}: not within {within:?} of syncing ({last}); #sync-status says {status:?}; see {}",
                    shot.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }

    /// Chooses the window's language in Settings (`en`, `fr-CA`) and waits until the page
    /// says it (`<html lang>`, `en-CA` for `en`).
    pub async fn set_language(&self, lang: &str) -> Result<()> {
        self.click("nav-settings").await?;
        self.element("settings-language")
            .await?
            .select_by_value(lang)
            .await
            .with_context(|| format!("choosing {lang} in #settings-language"))?;
        // English is written `en-CA`.
        self.eventually(
            &format!("<html lang={lang}…>"),
            Duration::from_secs(10),
            || async {
                let now = self
                    .client
                    .execute("return document.documentElement.lang;", Vec::new())
                    .await?;
                let now = now.as_str().unwrap_or_default();
                Ok((now == lang || now.starts_with(&format!("{lang}-"))).then_some(()))
            },
        )
        .await
    }

    /// Chooses the option of value `value` in the `<select>` `id`, waiting until it is offered.
    pub async fn choose(&self, id: &str, value: &str) -> Result<()> {
        self.eventually(
            &format!("#{id} offering {value:?}"),
            Duration::from_secs(20),
            || async {
                let found = self.client.find_all(Locator::Id(id)).await?;
                let Some(select) = found.first() else {
                    return Ok(None);
                };
                Ok(select.clone().select_by_value(value).await.ok())
            },
        )
        .await
    }

    /// Sets an input's value (a number or date field, which WebDriver's typing does not fill
    /// reliably in WebKit) and fires `input` and `change`, as typing and leaving it would.
    pub async fn set_value(&self, id: &str, value: &str) -> Result<()> {
        self.element(id).await?;
        let script = "const el = document.getElementById(arguments[0]); el.value = arguments[1]; \
             el.dispatchEvent(new Event('input', { bubbles: true })); \
             el.dispatchEvent(new Event('change', { bubbles: true })); return el.value;";
        self.client
            .execute(script, vec![id.into(), value.into()])
            .await
            .with_context(|| format!("setting #{id} to {value:?}"))?;
        Ok(())
    }

    /// Double-clicks an element by id as a mouse does: two presses and releases in a row, no
    /// pause between them (WebDriver actions); where the driver does not perform pointer
    /// actions, two clicks 30 ms apart and a `dblclick` from the page (a real double click's
    /// clicks are further apart). Returns which was done.
    pub async fn double_click(&self, id: &str) -> Result<&'static str> {
        let element = self.element(id).await?;
        let mouse = MouseActions::new("mouse".to_owned())
            .then(PointerAction::MoveToElement {
                element,
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        if self.client.perform_actions(mouse).await.is_ok() {
            let _ = self.client.release_actions().await;
            return Ok("WebDriver pointer actions");
        }
        const SCRIPT: &str = r#"
            const done = arguments[arguments.length - 1];
            const el = document.getElementById(arguments[0]);
            if (!el) { done(false); return; }
            el.click();
            setTimeout(() => {
                el.click();
                el.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, detail: 2 }));
                done(true);
            }, 30);
        "#;
        let done = self
            .client
            .execute_async(SCRIPT, vec![id.into()])
            .await
            .with_context(|| format!("double-clicking #{id}"))?;
        anyhow::ensure!(done == true, "no #{id} to double-click");
        Ok("two clicks 30 ms apart from the page")
    }

    /// A picture of the window at `width` × `height`, from the top of the page, with the
    /// element `id` in view, for the README (the window goes back to its size after).
    pub async fn picture_of(
        &self,
        id: &str,
        name: &str,
        (width, height): (u32, u32),
    ) -> Result<std::path::PathBuf> {
        let (_, _, was_w, was_h) = self.client.get_window_rect().await?;
        self.client.set_window_size(width, height).await?;
        tokio::time::sleep(Duration::from_millis(400)).await;
        // The page from its top; the element brought up under the top bar only when it would
        // start low in the window.
        const SCROLL: &str = r#"
            const el = document.getElementById(arguments[0]);
            for (const s of [document.scrollingElement, ...document.querySelectorAll('*')]) {
                if (s && s.scrollTop > 0) s.scrollTop = 0;
            }
            if (el && el.getBoundingClientRect().top > window.innerHeight * 0.6) {
                el.scrollIntoView({ block: 'start' });
                const bar = document.querySelector('.topbar, header');
                const off = bar ? bar.getBoundingClientRect().bottom + 12 : 0;
                let box = el.parentElement;
                while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
                (box || document.scrollingElement).scrollTop -= off;
            }
        "#;
        self.client.execute(SCROLL, vec![id.into()]).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let shot = self.screenshot(name).await;
        self.client
            .set_window_size(
                u32::try_from(was_w).unwrap_or(1100),
                u32::try_from(was_h).unwrap_or(720),
            )
            .await?;
        shot
    }

    /// The DOM text of every element matching a CSS selector, in document order.
    pub async fn contents(&self, selector: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for element in self.client.find_all(Locator::Css(selector)).await? {
            out.push(
                element
                    .prop("textContent")
                    .await?
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            );
        }
        Ok(out)
    }

    /// An attribute of every element matching a CSS selector, in document order.
    pub async fn attrs(&self, selector: &str, name: &str) -> Result<Vec<Option<String>>> {
        let mut out = Vec::new();
        for element in self.client.find_all(Locator::Css(selector)).await? {
            out.push(element.attr(name).await?);
        }
        Ok(out)
    }
}
