use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::catalogue::{Cell, Kind};
use crate::components::ErrorNotice;
use crate::error::HearthError;
use crate::text;

/// A list of objects of one kind, with a filter box, rendered from the kind's description.
#[component]
pub fn ObjectTable<R>(
    kind: &'static Kind<R>,
    rows: Resource<Result<Vec<R>, HearthError>>,
) -> impl IntoView
where
    R: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
{
    let filter = RwSignal::new(String::new());
    view! {
        <div class="toolbar">
            <label class="filter">
                <span class="visually-hidden">{text::FILTER}</span>
                <input
                    type="search"
                    placeholder=text::FILTER_PLACEHOLDER
                    aria-label=text::FILTER
                    bind:value=filter
                />
            </label>
        </div>
        <Transition fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty">{kind.empty}</p> }.into_any(),
                    Ok(list) => view! { <Rows kind list filter=filter.read_only()/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Rows<R>(kind: &'static Kind<R>, list: Vec<R>, filter: ReadSignal<String>) -> impl IntoView
where
    R: Clone + Send + Sync + 'static,
{
    let total = list.len();
    let visible = move || {
        let needle = filter.get().to_lowercase();
        list.iter()
            .filter(|r| {
                needle.is_empty()
                    || (kind.name)(r).to_lowercase().contains(&needle)
                    || (kind.search_text)(r).to_lowercase().contains(&needle)
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    view! {
        <table class="objects">
            <caption class="visually-hidden">{kind.section.title()}</caption>
            <thead>
                <tr>
                    <th scope="col">{kind.noun}</th>
                    {kind.columns.iter().map(|c| view! { <th scope="col">{c.label}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {move || {
                    let rows = visible();
                    if rows.is_empty() {
                        return view! { <tr><td colspan=kind.columns.len() + 1>{text::NO_MATCH}</td></tr> }.into_any();
                    }
                    rows.into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <th scope="row">{(kind.name)(&r)}</th>
                                    {kind.columns.iter().map(|c| view! { <td>{render_cell((c.cell)(&r))}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </tbody>
        </table>
        <p class="count">{format!("{total} {}{}", kind.noun, if total == 1 { "" } else { "s" })}</p>
    }
}

fn render_cell(cell: Cell) -> AnyView {
    match cell {
        Cell::Text(t) if t.is_empty() => text::UNKNOWN.into_any(),
        Cell::Text(t) => t.into_any(),
        Cell::Number(Some(n), unit) => view! { <span class="num">{format!("{n} {unit}")}</span> }.into_any(),
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
