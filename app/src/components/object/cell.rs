use leptos::prelude::*;

use crate::catalogue::Cell;
use crate::text;

/// A cell as HTML.
pub fn render_cell(cell: Cell) -> AnyView {
    match cell {
        Cell::Text(t) | Cell::Code(t) if t.is_empty() => text::UNKNOWN.into_any(),
        Cell::Text(t) => t.into_any(),
        Cell::Code(t) => view! { <code>{t}</code> }.into_any(),
        Cell::Number(Some(n), unit) => view! { <span class="num">{format!("{n} {unit}").trim_end().to_owned()}</span> }.into_any(),
        Cell::Number(None, _) => text::UNKNOWN.into_any(),
        Cell::Badges(badges) => badges
            .into_iter()
            .map(|b| view! { <span class=b.tone.class()>{b.text}</span> })
            .collect_view()
            .into_any(),
        Cell::Lines(lines) if lines.is_empty() => text::UNKNOWN.into_any(),
        Cell::Lines(lines) => {
            view! { <ul class="lines">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
        }
    }
}
