use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_location, use_query_map};

use super::action::action_panel;
use super::list::{href_with, pairs_of, ObjectList};
use super::render_cell;
use crate::catalogue::{Entry, Kind, Target};
use crate::components::ErrorNotice;
use crate::serverfns::objects::get_object;
use crate::session::SessionView;
use crate::text;

/// An object's page: its facts, what can be done to it, and the lists of what it holds (a
/// zone's records, a mail domain's accounts). A delete leaves for the list it was in.
#[component]
pub fn ObjectView(kind: &'static Kind, parent: Option<String>, key: String) -> impl IntoView {
    let session = expect_context::<SessionView>();
    let root = session.root_user.clone();
    let back = match &parent {
        Some(p) => kind.parent.map_or_else(
            || format!("/{}", kind.section.slug()),
            |k| k.kind().href(None, p),
        ),
        None => format!("/{}", kind.section.slug()),
    };
    let (source_parent, source_key) = (parent.clone(), key.clone());
    let actions: Vec<_> = kind
        .actions
        .iter()
        .filter(|a| a.target != Target::New && session.can(a.command.name))
        .collect();
    let children = kind
        .children
        .iter()
        .filter(|c| session.can(c.kind().list.name))
        .map(|child| {
            let child = child.kind();
            let list = if child.on_demand {
                view! { <OnDemandList kind=child parent=key.clone()/> }.into_any()
            } else {
                view! { <ObjectList kind=child parent=key.clone()/> }.into_any()
            };
            view! {
                <h2>{capitalised(child.plural)}</h2>
                {list}
            }
        })
        .collect_view();
    let breadcrumb = view! {
        <p class="breadcrumb"><a href=back.clone()>{"← "}{kind.section.title()}{parent.clone().map(|p| format!(" · {p}"))}</a></p>
    };
    if !session.can(kind.list.name) {
        // Opened by name (a zone's records for `update-dns-records`): only what it holds.
        return view! {
            {breadcrumb}
            <h1>{key} <span class="kind">{kind.noun}</span></h1>
            {children}
        }
        .into_any();
    }
    let object = Resource::new(
        || (),
        move |()| get_object(kind.id, source_parent.clone(), source_key.clone()),
    );
    view! {
        {breadcrumb}
        <Transition fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
            {move || {
                let (parent, actions, key, root, back) = (parent.clone(), actions.clone(), key.clone(), root.clone(), back.clone());
                let session = session.clone();
                Suspend::new(async move {
                    match object.await {
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        Ok(None) => {
                            crate::set_status(404);
                            view! { <h1>{key}</h1><p class="empty">{text::NOT_FOUND_OBJECT}</p> }.into_any()
                        }
                        Ok(Some(entry)) => {
                            let panels = actions
                                .iter()
                                .filter(|a| a.when.holds(&entry, &root))
                                .map(|action| {
                                    // A delete leaves for the list the object was in.
                                    let after = action.danger.then(|| back.clone());
                                    action_panel(kind, action, parent.clone(), Some(entry.clone()), &session, after)
                                })
                                .collect_view();
                            view! {
                                <h1>{(kind.name)(&entry)} <span class="kind">{kind.noun}</span></h1>
                                <div class="actions">{panels}</div>
                                <h2 class="visually-hidden">{text::FACTS}</h2>
                                {facts(kind, &entry)}
                            }
                            .into_any()
                        }
                    }
                })
            }}
        </Transition>
        // What the object holds, outside the object's own suspense: each list loads by itself.
        {children}
    }
    .into_any()
}

/// For a key that may not list a section's objects but may list what one holds: the user
/// names the object to open its page. A GET form, so it works without JavaScript;
/// `?open=<name>` redirects to the page once the name is well formed.
#[component]
pub fn OpenByName(kind: &'static Kind) -> impl IntoView {
    let asked = use_query_map().with_untracked(|p| p.get("open").unwrap_or_default());
    let asked = asked.trim().to_owned();
    // Every kind opened by name today is named by a domain (a DNS zone).
    let problem = if asked.is_empty() {
        None
    } else {
        match crate::catalogue::validate::domain(&asked, &Default::default()) {
            Ok(()) => return view! { <Redirect path=kind.href(None, &asked)/> }.into_any(),
            Err(problem) => Some(problem),
        }
    };
    let id = format!("{}-open", kind.slug);
    view! {
        <p class="hint">{format!("Your access key may not list your {}; name one to open it.", kind.plural)}</p>
        <form method="get" class="open-by-name">
            <label for=id.clone()>{capitalised(kind.noun)}</label>
            <input id=id name="open" value=asked required autocomplete="on" autocapitalize="none" spellcheck="false"
                aria-invalid=problem.is_some().then_some("true") aria-describedby=problem.is_some().then_some("open-problem")/>
            {problem.map(|p| view! { <p id="open-problem" class="field-error">{p}</p> })}
            <button type="submit" class="button">{text::OPEN}</button>
        </form>
    }
    .into_any()
}

/// A list few people need (a mail domain's DKIM records), loaded when asked for. Whether it is
/// open lives in the address (`<slug>.open=1`), so the link works without JavaScript and the
/// list stays open on reload.
#[component]
fn OnDemandList(kind: &'static Kind, parent: String) -> impl IntoView {
    let params = use_query_map();
    let open =
        params.with_untracked(|p| p.get(&format!("{}.open", kind.slug)).as_deref() == Some("1"));
    if open {
        view! { <ObjectList kind parent/> }.into_any()
    } else {
        let show = href_with(
            &use_location().pathname.get_untracked(),
            &params.with_untracked(pairs_of),
            kind.slug,
            &[("open", "1".to_owned())],
        );
        view! { <p><a class="button secondary" href=show>{text::SHOW}" "{kind.plural}</a></p> }
            .into_any()
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// An object's facts, as its kind describes them.
fn facts(kind: &'static Kind, entry: &Entry) -> impl IntoView {
    view! {
        <dl class="facts">
            {kind.details.iter().map(|c| view! {
                <div><dt>{c.label}</dt><dd>{render_cell(c.cell(entry))}</dd></div>
            }).collect_view()}
        </dl>
    }
}
