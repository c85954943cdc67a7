use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::not_found::{NotAllowedPage, NotFoundPage};
use crate::catalogue::{Section, WEB_DOMAINS};
use crate::components::object::ObjectTable;
use crate::serverfns::web::list_web_domains;
use crate::session::SessionView;

/// A section's page: its list, when the session's key may read it.
#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    let session = expect_context::<SessionView>();
    move || {
        let slug = params.read().get("section").unwrap_or_default();
        let Some(section) = Section::from_slug(&slug) else {
            return view! { <NotFoundPage/> }.into_any();
        };
        if !session.can(section.list_command()) {
            return view! { <NotAllowedPage/> }.into_any();
        }
        let body = match section {
            Section::Web => {
                let rows = Resource::new(|| (), |_| list_web_domains());
                view! { <ObjectTable kind=&WEB_DOMAINS rows/> }.into_any()
            }
        };
        view! {
            <Title text=format!("{} · {}", section.title(), crate::text::PRODUCT)/>
            <h1>{section.title()}</h1>
            {body}
        }
        .into_any()
    }
}
