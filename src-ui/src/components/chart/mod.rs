//! Charts drawn as SVG by our code (no script, no charting library): the layout is plain
//! arithmetic on `Decimal` (testable without a browser), the drawing a Leptos view whose colours
//! come from CSS classes (`style/screens.css`) so both themes keep their contrast.

pub mod aging;
pub mod scale;
