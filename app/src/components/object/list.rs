use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use super::action::{ActionPanel, Refresh, Refusal};
use super::render_cell;
use crate::catalogue::{encode_segment, Action, Kind, Target};
use crate::components::ErrorNotice;
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

/// The address with this list's parameters changed. (Keys are written as they are: they are
/// Hearth's own `slug.name`; the router's encoder would escape the dot.)
pub(super) fn href_with(
    path: &str,
    map: &ParamsMap,
    slug: &str,
    changes: &[(&str, String)],
) -> String {
    let mut pairs: Vec<(String, String)> = map
        .latest_values()
        .map(|(k, v)| (k.to_string(), v.to_owned()))
        .filter(|(k, _)| {
            !changes
                .iter()
                .any(|(name, _)| *k == format!("{slug}.{name}"))
        })
        .collect();
    for (name, value) in changes {
        if !value.is_empty() {
            pairs.push((format!("{slug}.{name}"), value.clone()));
        }
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_segment(v)))
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
#[component]
pub fn ObjectList(kind: &'static Kind, #[prop(optional)] parent: Option<String>) -> impl IntoView {
    let session = expect_context::<SessionView>();
    let refresh = expect_context::<Refresh>();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| query_of(p, kind.slug)));
    let source_parent = parent.clone();
    let rows = Resource::new(
        move || (query.get(), refresh.track(), source_parent.clone()),
        move |(query, _, parent)| list_objects(kind.id, parent, query),
    );
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let creates = allowed(kind, &session, &[Target::New])
        .into_iter()
        .map(|action| {
            view! { <ActionPanel kind action parent=parent.clone().unwrap_or_default()/> }
                .into_any()
        })
        .collect_view();
    let path = use_location().pathname;
    let navigate = use_navigate();
    let search_name = format!("{}.q", kind.slug);
    let on_search = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        let href = params.with_untracked(|p| {
            href_with(
                &path.get_untracked(),
                p,
                kind.slug,
                &[("q", q), ("page", String::new())],
            )
        });
        navigate(
            &href,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let parent_for_rows = parent.clone();
    view! {
        <section class="object-list" data-kind=kind.slug>
            <div class="toolbar">
                <form method="get" class="filter" role="search">
                    <label class="visually-hidden" for=format!("{}-search", kind.slug)>{text::SEARCH}</label>
                    <input
                        id=format!("{}-search", kind.slug)
                        type="search"
                        name=search_name
                        placeholder=text::FILTER_PLACEHOLDER
                        value=move || query.with(|q| q.q.clone())
                        on:input=on_search
                    />
                    <noscript><button type="submit" class="button secondary">{text::SEARCH}</button></noscript>
                </form>
                <div class="creates">{creates}</div>
            </div>
            <BulkBar kind parent=parent.clone() selected/>
            <Transition fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
                {move || {
                    let parent = parent_for_rows.clone();
                    Suspend::new(async move {
                        match rows.await {
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                            Ok(page) if page.total == 0 => view! { <p class="empty">{kind.empty}</p> }.into_any(),
                            Ok(page) => view! { <Table kind parent page query selected/> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Table(
    kind: &'static Kind,
    parent: Option<String>,
    page: ObjectPage,
    query: Memo<ListQuery>,
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let session = expect_context::<SessionView>();
    let params = use_query_map();
    let path = use_location().pathname;
    let row_actions = if kind.has_page {
        Vec::new()
    } else {
        allowed(kind, &session, &[Target::One, Target::OneOrMany])
    };
    let selectable = !allowed(kind, &session, &[Target::OneOrMany]).is_empty();
    let root = session.root_user.clone();
    let page_keys: Vec<String> = page.rows.iter().map(|e| e.key.clone()).collect();
    let sort_link = move |field: &'static str| {
        let q = query.get();
        let desc = q.sort == field && !q.desc;
        params.with(|p| {
            href_with(
                &path.get(),
                p,
                kind.slug,
                &[
                    ("sort", field.to_owned()),
                    ("desc", if desc { "1".into() } else { String::new() }),
                    ("page", String::new()),
                ],
            )
        })
    };
    let aria_sort = move |field: &'static str| {
        let q = query.get();
        if q.sort != field {
            "none"
        } else if q.desc {
            "descending"
        } else {
            "ascending"
        }
    };
    let header = |label: &'static str, field: &'static str| {
        view! {
            <th scope="col" aria-sort=move || aria_sort(field)>
                <a href=move || sort_link(field) title=format!("{} {label}", text::SORT_BY)>{label}</a>
            </th>
        }
    };
    let all_keys = page_keys.clone();
    let select_all = selectable.then(|| {
        let keys = all_keys.clone();
        view! {
            <th scope="col" class="select">
                <input
                    type="checkbox"
                    aria-label=text::SELECT_ALL
                    prop:checked=move || selected.with(|s| !keys.is_empty() && keys.iter().all(|k| s.contains(k)))
                    on:change={
                        let keys = all_keys.clone();
                        move |ev| {
                            let on = event_target_checked(&ev);
                            selected.update(|s| for k in &keys {
                                if on { s.insert(k.clone()); } else { s.remove(k); }
                            });
                        }
                    }
                />
            </th>
        }
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
            let check = selectable.then(|| {
                let k = key.clone();
                let k2 = key.clone();
                view! {
                    <td class="select">
                        <input
                            type="checkbox"
                            aria-label=format!("{} {}", text::SELECT_ROW, k)
                            prop:checked=move || selected.with(|s| s.contains(&k))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.update(|s| if on { s.insert(k2.clone()); } else { s.remove(&k2); });
                            }
                        />
                    </td>
                }
            });
            let actions = (!row_actions.is_empty()).then(|| {
                let panels = row_actions
                    .iter()
                    .filter(|a| a.when.holds(&entry, &root))
                    .map(|action| view! { <ActionPanel kind action=*action parent=parent.clone().unwrap_or_default() entry=entry.clone()/> })
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
    let page_link = move |n: usize| {
        params.with(|p| href_with(&path.get(), p, kind.slug, &[("page", n.to_string())]))
    };
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
                    {(page_no > 1).then(|| view! { <a class="button secondary" rel="prev" href=move || page_link(page_no - 1)>{text::PREVIOUS}</a> })}
                    " " {format!("{} {page_no} / {pages}", text::PAGE_OF)} " "
                    {(page_no < pages).then(|| view! { <a class="button secondary" rel="next" href=move || page_link(page_no + 1)>{text::NEXT}</a> })}
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
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let session = expect_context::<SessionView>();
    let refresh = expect_context::<Refresh>();
    let run = ServerAction::<ActOnMany>::new();
    let asking = RwSignal::new(None::<&'static Action>);
    let result = run.value();
    Effect::new(move |_| {
        if let Some(Ok(_)) = result.get() {
            selected.set(BTreeSet::new());
            refresh.bump();
        }
    });
    let actions = allowed(kind, &session, &[Target::OneOrMany])
        .into_iter()
        .filter(|a| a.fields.is_empty())
        .collect::<Vec<_>>();
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
        <div class="bulk" role="region" aria-label=text::ACTIONS hidden=move || selected.with(BTreeSet::is_empty) && result.with(|r| !matches!(r, Some(Ok(f)) if !f.is_empty()) && !matches!(r, Some(Err(_))))>
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
                Some(Ok(failures)) if !failures.is_empty() => Some(view! {
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
                    </div>
                }.into_any()),
                Some(Err(error)) => Some(view! { <Refusal kind error/> }.into_any()),
                _ => None,
            }}
        </div>
    }
}
