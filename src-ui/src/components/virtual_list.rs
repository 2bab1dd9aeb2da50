//! A list that stays smooth with thousands of rows: every row has the same height, and only the
//! rows in view (plus [`OVERSCAN`] on each side) are in the DOM, keyed so scrolling reuses the
//! rows that stay. The space of the rows left out is held by two spacers whose height is an SVG
//! presentation attribute (the CSP forbids inline styles).
//!
//! Keyboard: the list is one tab stop (`role="listbox"`, the active row named by
//! `aria-activedescendant`); arrows move, Page Up/Down move a screenful, Home/End go to the ends,
//! Enter opens the active row. A click opens a row too.
//!
//! The container's height comes from CSS (`.virtual-list` in `style/screens.css`); the row height
//! given here must match the CSS one (`.vl-row`).

use std::hash::Hash;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

/// Rows rendered beyond each edge of the view, so a fast scroll shows no gap.
pub const OVERSCAN: usize = 4;

/// The rows to render for a scroll position: `first..end` of `len` rows of `row_height` pixels,
/// seen through a viewport of `viewport` pixels.
pub fn window(len: usize, row_height: u32, scroll_top: i32, viewport: i32) -> (usize, usize) {
    let row_height = row_height.max(1) as usize;
    let top = usize::try_from(scroll_top.max(0)).unwrap_or(0);
    let height = usize::try_from(viewport.max(0)).unwrap_or(0);
    let first_seen = top / row_height;
    let last_seen = (top + height).div_ceil(row_height);
    let first = first_seen.saturating_sub(OVERSCAN).min(len);
    let end = (last_seen + OVERSCAN).min(len).max(first);
    (first, end)
}

/// Where to scroll so row `index` is fully in view (unchanged when it already is).
pub fn scroll_to_show(index: usize, row_height: u32, scroll_top: i32, viewport: i32) -> i32 {
    let row_height = i32::try_from(row_height).unwrap_or(i32::MAX);
    let top = i32::try_from(index)
        .unwrap_or(i32::MAX)
        .saturating_mul(row_height);
    let bottom = top.saturating_add(row_height);
    if top < scroll_top {
        top
    } else if bottom > scroll_top + viewport {
        (bottom - viewport).max(0)
    } else {
        scroll_top
    }
}

/// The list. `row_id` names each row's element (stable ids for tests and
/// `aria-activedescendant`), `key` keys it, `row` draws its content.
#[component]
pub fn VirtualList<T, K, KF, IF, RF, IV>(
    /// The list's element id.
    id: &'static str,
    /// What the list is, for assistive technology.
    #[prop(into)]
    label: Signal<String>,
    /// The rows.
    #[prop(into)]
    items: Signal<Vec<T>>,
    /// Every row's height in pixels (as the CSS draws it).
    row_height: u32,
    /// A row's key.
    key: KF,
    /// A row's element id.
    row_id: IF,
    /// A row's content.
    row: RF,
    /// Opens a row (Enter or a click).
    #[prop(into)]
    on_open: Callback<T>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    K: Clone + Eq + Hash + Send + Sync + 'static,
    KF: Fn(&T) -> K + Clone + Send + Sync + 'static,
    IF: Fn(&T) -> String + Clone + Send + Sync + 'static,
    RF: Fn(T) -> IV + Clone + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let node = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0_i32);
    let viewport = RwSignal::new(0_i32);
    let active = RwSignal::new(None::<usize>);

    let measure = move || {
        if let Some(el) = node.get_untracked() {
            scroll_top.set(el.scroll_top());
            viewport.set(el.client_height());
        }
    };
    Effect::new(move || {
        if node.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // A shorter list (a new search) keeps the active row only if it still exists.
    Effect::new(move || {
        let len = items.with(Vec::len);
        if active.get_untracked().is_some_and(|i| i >= len) {
            active.set(None);
        }
    });

    let range = Memo::new(move |_| {
        window(
            items.with(Vec::len),
            row_height,
            scroll_top.get(),
            viewport.get(),
        )
    });
    let spacer = move |rows: usize| (rows * row_height as usize).to_string();
    let top_space = move || spacer(range.get().0);
    let bottom_space = move || spacer(items.with(Vec::len) - range.get().1);

    let key_of = key.clone();
    let active_key = Memo::new(move |_| {
        let i = active.get()?;
        items.with(|v| v.get(i).map(&key_of))
    });
    let id_of = row_id.clone();
    let active_id = move || {
        let i = active.get()?;
        items.with(|v| v.get(i).map(&id_of))
    };

    let move_to = move |index: usize| {
        active.set(Some(index));
        let target = scroll_to_show(
            index,
            row_height,
            scroll_top.get_untracked(),
            viewport.get_untracked(),
        );
        if target != scroll_top.get_untracked() {
            if let Some(el) = node.get_untracked() {
                el.set_scroll_top(target);
            }
            scroll_top.set(target);
        }
    };
    let on_keydown = move |ev: ev::KeyboardEvent| {
        let len = items.with_untracked(Vec::len);
        if len == 0 {
            return;
        }
        let page = usize::try_from(viewport.get_untracked()).unwrap_or(0) / row_height as usize;
        let page = page.max(1);
        let at = active.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowDown" => Some(at.map_or(0, |i| (i + 1).min(len - 1))),
            "ArrowUp" => Some(at.map_or(0, |i| i.saturating_sub(1))),
            "PageDown" => Some(at.map_or(0, |i| (i + page).min(len - 1))),
            "PageUp" => Some(at.map_or(0, |i| i.saturating_sub(page))),
            "Home" => Some(0),
            "End" => Some(len - 1),
            "Enter" => {
                if let Some(item) = at.and_then(|i| items.with_untracked(|v| v.get(i).cloned())) {
                    ev.prevent_default();
                    on_open.run(item);
                }
                None
            }
            _ => None,
        };
        if let Some(next) = next {
            ev.prevent_default();
            move_to(next);
        }
    };

    let visible = move || {
        let (first, end) = range.get();
        items.with(|v| {
            v.get(first..end)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(offset, item)| (first + offset, item.clone()))
                .collect::<Vec<_>>()
        })
    };
    let key_for = key.clone();
    let key_row = key.clone();
    let draw = move |(_, item): (usize, T)| {
        let my_key = key(&item);
        let is_active = Memo::new(move |_| active_key.with(|k| k.as_ref() == Some(&my_key)));
        let element_id = row_id(&item);
        let content = row(item.clone());
        let key_for = key_for.clone();
        view! {
            <div
                id=element_id
                class="vl-row"
                class:active=is_active
                role="option"
                aria-selected=move || if is_active.get() { "true" } else { "false" }
                on:click=move |_| {
                    // The index may have moved since the row was drawn: find it again.
                    let at = items
                        .with_untracked(|v| v.iter().position(|t| key_for(t) == key_for(&item)));
                    active.set(at);
                    on_open.run(item.clone());
                }
            >
                {content}
            </div>
        }
    };
    let row_key = move |(_, item): &(usize, T)| key_row(item);
    view! {
        <div
            id=id
            class="virtual-list"
            role="listbox"
            tabindex="0"
            aria-label=move || label.get()
            aria-activedescendant=active_id
            node_ref=node
            on:scroll=move |_| measure()
            on:keydown=on_keydown
        >
            <svg class="vl-spacer" aria-hidden="true" width="1" height=top_space></svg>
            <For each=visible key=row_key children=draw />
            <svg class="vl-spacer" aria-hidden="true" width="1" height=bottom_space></svg>
        </div>
    }
}
