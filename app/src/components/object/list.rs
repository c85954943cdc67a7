use std::collections::BTreeSet;

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use leptos_router::params::ParamsMap;

use super::action::{action_panel, Refusal};
use super::render_cell;
use crate::catalogue::{encode_segment, Action, Kind, KindId, Target};
use crate::components::{reload, ErrorNotice};
use crate::serverfns::objects::{list_objects, ActOnMany, ListQuery, ObjectPage};
use crate::session::SessionView;
use crate::text;

/// The list's state in the address (`<slug>.q`, `.sort`, `.desc`, `.page`), so it survives a
/// reload, can be shared, and works as plain links without JavaScript.
fn query_of(map: &ParamsMap, slug: &str) -> ListQuery {
    let get = |name: &str| map.get(&format!("{slug}.{name}")).unwrap_or_default();
    ListQuery {
        q: get("q"),
        sort: get("sort"),
        desc: get("desc") == "1",
        page: get("page").parse().unwrap_or(1),
    }
}

/// The address's query, as pairs (what the browser-side search box gets).
pub(super) fn pairs_of(map: &ParamsMap) -> Vec<(String, String)> {
    map.latest_values()
        .map(|(k, v)| (k.to_string(), v.to_owned()))
        .collect()
}

/// The address with this list's parameters changed. (Keys are written as they are: they are
/// Hearth's own `slug.name`; the router's encoder would escape the dot.)
pub(super) fn href_with(
    path: &str,
    pairs: &[(String, String)],
    slug: &str,
    changes: &[(&str, String)],
) -> String {
    let changed = |k: &str| {
        changes
            .iter()
            .any(|(name, _)| k == format!("{slug}.{name}"))
    };
    let kept = pairs.iter().filter(|(k, _)| !changed(k)).cloned();
    let added = changes
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| (format!("{slug}.{name}"), value.clone()));
    let query: Vec<String> = kept
        .chain(added)
        .map(|(k, v)| format!("{k}={}", encode_segment(&v)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The actions a session may run, of the given targets.
fn allowed(kind: &'static Kind, session: &SessionView, targets: &[Target]) -> Vec<&'static Action> {
    kind.actions
        .iter()
        .filter(|a| targets.contains(&a.target) && session.can(a.command.name))
        .collect()
}

/// A list of objects of one kind: search, sortable columns, pages of 50, a selection with
/// bulk actions, the "add" form, and per-row actions for kinds without a page of their own.
/// Rendered on the server; the search box, the selection and the forms are islands.
#[component]
pub fn ObjectList(kind: &'static Kind, #[prop(optional)] parent: Option<String>) -> impl IntoView {
    let session = expect_context::<SessionView>();
    let params = use_query_map();
    let query = params.with_untracked(|p| query_of(p, kind.slug));
    let source = (query.clone(), parent.clone());
    let rows = Resource::new(
        move || source.clone(),
        move |(query, parent)| list_objects(kind.id, parent, query),
    );
    let creates = allowed(kind, &session, &[Target::New])
        .into_iter()
        .map(|action| action_panel(kind, action, parent.clone(), None, &session, None))
        .collect_view();
    let search = view! {
        <SearchBox
            slug=kind.slug.to_owned()
            value=query.q.clone()
            path=use_location().pathname.get_untracked()
            pairs=params.with_untracked(pairs_of)
        />
    };
    let parent_for_rows = parent.clone();
    let table = move || {
        view! {
            <Transition fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
                {move || {
                    let (parent, query) = (parent_for_rows.clone(), query.clone());
                    Suspend::new(async move {
                        match rows.await {
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                            Ok(page) if page.total == 0 => view! { <p class="empty">{kind.empty}</p> }.into_any(),
                            Ok(page) => view! { <Table kind parent page query/> }.into_any(),
                        }
                    })
                }}
            </Transition>
        }
    };
    let bulk: Vec<String> = allowed(kind, &session, &[Target::OneOrMany])
        .into_iter()
        .filter(|a| a.fields.is_empty())
        .map(|a| a.id.to_owned())
        .collect();
    let listing = if selectable(kind, &session) {
        view! { <Selection kind=kind.id parent=parent.clone() actions=bulk/> {table()} }.into_any()
    } else {
        table().into_any()
    };
    view! {
        <section class="object-list" data-kind=kind.slug>
            <div class="toolbar">
                {search}
                <div class="creates">{creates}</div>
            </div>
            {listing}
        </section>
    }
}

/// Whether rows can be selected for bulk actions.
fn selectable(kind: &'static Kind, session: &SessionView) -> bool {
    !allowed(kind, session, &[Target::OneOrMany]).is_empty()
}

/// The list's search: a GET form (with its button when there is no JavaScript); in the
/// browser, the list follows what the user types, after a pause, keeping the focus (so it
/// wakes at load when there is a search to come back to).
#[island]
fn SearchBox(
    slug: String,
    value: String,
    path: String,
    pairs: Vec<(String, String)>,
) -> impl IntoView {
    let id = format!("{slug}-search");
    let name = format!("{slug}.q");
    let typed = RwSignal::new(0u32);
    let node = NodeRef::<leptos::html::Input>::new();
    // Back from a search: the caret where it was, at the end of what was typed.
    let searching = !value.is_empty();
    Effect::new(move |_| {
        if let Some(input) = node.get().filter(|_| searching) {
            let end = input.value().len() as u32;
            let _ = input.focus();
            let _ = input.set_selection_range(end, end);
        }
    });
    let on_input = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        let n = typed.get_untracked() + 1;
        typed.set(n);
        let href = href_with(&path, &pairs, &slug, &[("q", q), ("page", String::new())]);
        set_timeout(
            move || {
                if typed.get_untracked() == n {
                    let _ = window().location().replace(&href);
                }
            },
            std::time::Duration::from_millis(400),
        );
    };
    view! {
        <form method="get" class="filter" role="search" data-hydrate=searching.then_some("load")>
            <label class="visually-hidden" for=id.clone()>{text::SEARCH}</label>
            <input
                id=id
                node_ref=node
                type="search"
                name=name
                placeholder=text::FILTER_PLACEHOLDER
                value=value
                on:input=on_input
            />
            <noscript><button type="submit" class="button secondary">{text::SEARCH}</button></noscript>
        </form>
    }
}

/// The rows chosen for a bulk action: one selection per page, shared by the bulk bar and the
/// rows' checkboxes. They are separate islands, which share no context (an island around the
/// table would hydrate it as a type-erased child, linking Leptos's async hydration), and
/// wake together (`data-hydrate-group`).
fn page_selection() -> RwSignal<BTreeSet<String>> {
    #[cfg(feature = "hydrate")]
    {
        thread_local! {
            static SELECTED: ArcRwSignal<BTreeSet<String>> = ArcRwSignal::new(BTreeSet::new());
        }
        SELECTED.with(|s| RwSignal::from(s.clone()))
    }
    #[cfg(not(feature = "hydrate"))]
    RwSignal::new(BTreeSet::new())
}

/// The bulk bar over the list's rows.
#[island]
fn Selection(kind: KindId, parent: Option<String>, actions: Vec<String>) -> impl IntoView {
    view! { <BulkBar kind=kind.kind() parent actions selected=page_selection()/> }
}

/// A row's checkbox.
#[island]
fn RowCheck(key: String) -> impl IntoView {
    let selected = page_selection();
    let label = format!("{} {key}", text::SELECT_ROW);
    let (k, k2) = (key.clone(), key);
    view! {
        <input
            type="checkbox"
            data-hydrate-group="selection"
            aria-label=label
            prop:checked=move || selected.with(|s| s.contains(&k))
            on:change=move |ev| {
                let on = event_target_checked(&ev);
                selected.update(|s| if on { s.insert(k2.clone()); } else { s.remove(&k2); });
            }
        />
    }
}

/// The checkbox that selects every row of the page.
#[island]
fn SelectAll(keys: Vec<String>) -> impl IntoView {
    let selected = page_selection();
    let all = keys.clone();
    view! {
        <input
            type="checkbox"
            data-hydrate-group="selection"
            aria-label=text::SELECT_ALL
            prop:checked=move || selected.with(|s| !all.is_empty() && all.iter().all(|k| s.contains(k)))
            on:change=move |ev| {
                let on = event_target_checked(&ev);
                selected.update(|s| for k in &keys {
                    if on { s.insert(k.clone()); } else { s.remove(k); }
                });
            }
        />
    }
}

#[component]
fn Table(
    kind: &'static Kind,
    parent: Option<String>,
    page: ObjectPage,
    query: ListQuery,
) -> impl IntoView {
    let session = expect_context::<SessionView>();
    let pairs = use_query_map().with_untracked(pairs_of);
    let path = use_location().pathname.get_untracked();
    let row_actions = if kind.has_page {
        Vec::new()
    } else {
        allowed(kind, &session, &[Target::One, Target::OneOrMany])
    };
    let selectable = selectable(kind, &session);
    let root = session.root_user.clone();
    let page_keys: Vec<String> = page.rows.iter().map(|e| e.key.clone()).collect();
    let link = |changes: &[(&str, String)]| href_with(&path, &pairs, kind.slug, changes);
    let header = |label: &'static str, field: &'static str| {
        let sorted = query.sort == field;
        let desc = sorted && !query.desc;
        let href = link(&[
            ("sort", field.to_owned()),
            ("desc", if desc { "1".into() } else { String::new() }),
            ("page", String::new()),
        ]);
        let aria_sort = match (sorted, query.desc) {
            (false, _) => "none",
            (true, true) => "descending",
            (true, false) => "ascending",
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <a href=href title=format!("{} {label}", text::SORT_BY)>{label}</a>
            </th>
        }
    };
    let select_all = selectable.then(|| {
        view! { <th scope="col" class="select"><SelectAll keys=page_keys.clone()/></th> }
    });
    let rows = page
        .rows
        .into_iter()
        .map(|entry| {
            let key = entry.key.clone();
            let name = (kind.label.0)(&entry);
            let name_cell = if kind.has_page {
                view! { <a href=kind.href(parent.as_deref(), &key)>{name}</a> }.into_any()
            } else {
                name.into_any()
            };
            let check = selectable.then(|| view! { <td class="select"><RowCheck key=key.clone()/></td> });
            let actions = (!row_actions.is_empty()).then(|| {
                let panels = row_actions
                    .iter()
                    .filter(|a| a.when.holds(&entry, &root))
                    .map(|action| action_panel(kind, action, parent.clone(), Some(entry.clone()), &session, None))
                    .collect_view();
                view! { <td class="row-actions">{panels}</td> }
            });
            view! {
                <tr data-key=key.clone()>
                    {check}
                    <th scope="row">{name_cell}</th>
                    {kind.columns.iter().map(|c| view! { <td>{render_cell(c.cell(&entry))}</td> }).collect_view()}
                    {actions}
                </tr>
            }
        })
        .collect_view();
    let (page_no, pages) = (page.page, page.pages);
    let page_link = |n: usize| link(&[("page", n.to_string())]);
    let count = if page.matched == page.total {
        format!(
            "{} {}",
            page.total,
            if page.total == 1 {
                kind.noun
            } else {
                kind.plural
            }
        )
    } else {
        format!("{} of {} {}", page.matched, page.total, kind.plural)
    };
    view! {
        <table class="objects">
            <caption class="visually-hidden">{kind.plural}</caption>
            <thead>
                <tr>
                    {select_all}
                    {header(kind.noun, kind.label.1)}
                    {kind.columns.iter().map(|c| header(c.label, c.field)).collect_view()}
                    {(!row_actions.is_empty()).then(|| view! { <th scope="col">{text::ACTIONS}</th> })}
                </tr>
            </thead>
            <tbody>
                {if page.matched == 0 {
                    view! { <tr><td colspan=kind.columns.len() + 3>{text::NO_MATCH}</td></tr> }.into_any()
                } else {
                    rows.into_any()
                }}
            </tbody>
        </table>
        <nav class="pager" aria-label=text::PAGE_OF>
            <span class="count">{count}</span>
            {(pages > 1).then(|| view! {
                <span>
                    {(page_no > 1).then(|| view! { <a class="button secondary" rel="prev" href=page_link(page_no - 1)>{text::PREVIOUS}</a> })}
                    " " {format!("{} {page_no} / {pages}", text::PAGE_OF)} " "
                    {(page_no < pages).then(|| view! { <a class="button secondary" rel="next" href=page_link(page_no + 1)>{text::NEXT}</a> })}
                </span>
            })}
        </nav>
    }
}

/// The actions for the selected rows: each asks first when it destroys or suspends, names
/// what it will touch, restarts the service once, and lists what failed.
#[component]
fn BulkBar(
    kind: &'static Kind,
    parent: Option<String>,
    actions: Vec<String>,
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let run = ServerAction::<ActOnMany>::new();
    let asking = RwSignal::new(None::<&'static Action>);
    let result = run.value();
    // Done everywhere: the page loads afresh. Some failed: they stay listed until the
    // user reloads.
    Effect::new(move |_| {
        if let Some(Ok(failures)) = result.get() {
            if failures.is_empty() {
                reload(None);
            }
        }
    });
    let actions: Vec<&'static Action> = actions.iter().filter_map(|id| kind.action(id)).collect();
    let start = {
        let parent = parent.clone();
        move |action: &'static Action| {
            asking.set(None);
            run.dispatch(ActOnMany {
                kind: kind.id,
                action: action.id.to_owned(),
                parent: parent.clone(),
                keys: selected.get_untracked().into_iter().collect(),
            });
        }
    };
    let start_for_confirm = start.clone();
    view! {
        <div class="bulk" data-hydrate-group="selection" role="region" aria-label=text::ACTIONS hidden=move || selected.with(BTreeSet::is_empty) && result.with(|r| !matches!(r, Some(Ok(f)) if !f.is_empty()) && !matches!(r, Some(Err(_))))>
            <span class="count">{move || format!("{} {}", selected.with(BTreeSet::len), text::SELECTED)}</span>
            {actions.into_iter().map(|action| {
                let start = start.clone();
                view! {
                    <button
                        type="button"
                        class=if action.danger { "button danger-outline" } else { "button secondary" }
                        disabled=move || run.pending().get()
                        on:click=move |_| if action.confirm.is_some() { asking.set(Some(action)) } else { start(action) }
                    >{action.label}</button>
                }
            }).collect_view()}
            {move || asking.get().map(|action| {
                let keys: Vec<String> = selected.get().into_iter().collect();
                let start = start_for_confirm.clone();
                let what = format!("{} {}: {}", keys.len(), if keys.len() == 1 { kind.noun } else { kind.plural }, keys.join(", "));
                view! {
                    <div class="confirm-bulk" role="alertdialog" aria-label=action.label>
                        <p class="confirm">{action.confirm.unwrap_or_default().replace("{}", &what)}</p>
                        <button type="button" class=if action.danger { "button danger" } else { "button primary" } on:click=move |_| start(action)>
                            {format!("{} {}", action.label, what)}
                        </button>
                        <button type="button" class="button secondary" on:click=move |_| asking.set(None)>{text::CANCEL}</button>
                    </div>
                }
            })}
            {move || run.pending().get().then(|| view! { <span class="loading">{text::WORKING}</span> })}
            {move || match result.get() {
                Some(Ok(failures)) if !failures.is_empty() => Some(Either::Left(view! {
                    <div class="notice error" role="alert">
                        <strong class="notice-title">{text::BULK_PARTIAL}</strong>
                        <ul>
                            {failures.into_iter().map(|(key, error)| {
                                let (title, detail) = match &error {
                                    crate::error::HearthError::Refused { code, .. } => text::refusal(kind.noun, kind.plural, *code),
                                    other => text::error_message(other),
                                };
                                view! { <li><strong>{key}</strong> ": " {title} " — " {detail}</li> }
                            }).collect_view()}
                        </ul>
                        <button type="button" class="button secondary" on:click=|_| reload(None)>{text::SHOW_LIST_NOW}</button>
                    </div>
                })),
                Some(Err(error)) => Some(Either::Right(view! { <Refusal kind error/> })),
                _ => None,
            }}
        </div>
    }
}
