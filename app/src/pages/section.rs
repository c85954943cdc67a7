use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::not_found::{NotAllowedPage, NotFoundPage};
use crate::catalogue::{decode_segment, KindId, Section};
use crate::components::admin::{ActAsButton, NewKeyPanel, ServerOverviewPanel, ServiceKeyCheck};
use crate::components::backups::BackupPlanNote;
use crate::components::object::{JobStatus, ObjectList, ObjectView, OpenByName};
use crate::session::SessionView;

/// A section's pages: `/<section>` lists its objects, `/<section>/<key>` shows one,
/// `/<section>/<parent>/<kind>/<key>` one of its children (a mail account). Everything is
/// drawn from the catalogue; a key that may not read the section gets a 403 page.
#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    let session = expect_context::<SessionView>();
    move || {
        let (slug, key, sub, subkey) = params.with(|p| {
            let get = |n: &str| p.get(n).map(|v| decode_segment(&v));
            (
                get("section").unwrap_or_default(),
                get("key"),
                get("sub"),
                get("subkey"),
            )
        });
        let Some(section) = Section::from_slug(&slug) else {
            return view! { <NotFoundPage/> }.into_any();
        };
        if !session.opens(section) {
            return view! { <NotAllowedPage/> }.into_any();
        }
        let root = section.kind();
        let title = format!("{} · {}", section.title(), crate::text::PRODUCT);
        let body = match (key, sub, subkey) {
            (None, ..) if !session.lists(section) => view! {
                <h1>{section.title()}</h1>
                <OpenByName kind=root/>
            }
            .into_any(),
            (None, ..) => {
                // Each part type-erased: the whole page as one type is too deep for rustc.
                let part =
                    |shown: bool, part: fn(&SessionView) -> AnyView| shown.then(|| part(&session));
                view! {
                    <h1>{section.title()}</h1>
                    {part(root.live_jobs, |_| view! { <JobStatus/> }.into_any())}
                    {part(section == Section::Backups, |_| view! { <BackupPlanNote/> }.into_any())}
                    {part(section == Section::Server, |_| view! { <ServerOverviewPanel/> <h2>"Services"</h2> }.into_any())}
                    {part(
                        section == Section::Keys && session.can(hestia::cmd::ADD_ACCESS_KEY.name),
                        |s| view! { <NewKeyPanel user=s.user.clone() root=s.is_root()/> }.into_any(),
                    )}
                    <ObjectList kind=root/>
                    {part(section == Section::Server && session.is_root(), |_| view! { <ServiceKeyCheck/> }.into_any())}
                }
                .into_any()
            }
            (Some(key), None, None) if root.has_page => {
                // The root user may open a user's panel as that user.
                let act_as =
                    (section == Section::Users && session.is_root() && key != session.user)
                        .then(|| view! { <ActAsButton user=key.clone()/> });
                view! { {act_as} <ObjectView kind=root parent=None key/> }.into_any()
            }
            (Some(parent), Some(sub), Some(key)) => match KindId::from_slug(&sub).map(KindId::kind)
            {
                Some(child) if child.parent == Some(root.id) && child.has_page => {
                    if !session.can(child.list.name) {
                        return view! { <NotAllowedPage/> }.into_any();
                    }
                    view! { <ObjectView kind=child parent=Some(parent) key/> }.into_any()
                }
                _ => view! { <NotFoundPage/> }.into_any(),
            },
            _ => view! { <NotFoundPage/> }.into_any(),
        };
        view! { <Title text=title/> {body} }.into_any()
    }
}
