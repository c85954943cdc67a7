use leptos::prelude::*;
use leptos_router::components::A;

use crate::catalogue::Section;
use crate::text;

/// The navigation: the dashboard and only the sections the session's key may list.
#[component]
pub fn Nav(sections: Vec<Section>) -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label=text::NAV_MAIN>
            <ul>
                <li><A href="/" exact=true>{text::NAV_DASHBOARD}</A></li>
                {sections
                    .into_iter()
                    .map(|s| view! { <li><A href=format!("/{}", s.slug())>{s.title()}</A></li> })
                    .collect_view()}
            </ul>
        </nav>
    }
}
