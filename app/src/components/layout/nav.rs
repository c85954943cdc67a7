use leptos::prelude::*;
use leptos_router::components::A;

use crate::catalogue::Section;
use crate::text;

/// The navigation: the dashboard, the hosting sections and the administration sections the
/// session's key may list, then Hearth's own pages.
#[component]
pub fn Nav(sections: Vec<Section>) -> impl IntoView {
    let link = |s: &Section| {
        let s = *s;
        view! { <li><A href=format!("/{}", s.slug())>{s.title()}</A></li> }
    };
    let (admin, hosting): (Vec<Section>, Vec<Section>) =
        sections.into_iter().partition(|s| s.is_admin());
    view! {
        <nav class="sidebar" aria-label=text::NAV_MAIN>
            <ul>
                <li><A href="/" exact=true>{text::NAV_DASHBOARD}</A></li>
                {hosting.iter().map(link).collect_view()}
            </ul>
            {(!admin.is_empty()).then(|| view! {
                <h2 class="nav-group">"Administration"</h2>
                <ul>{admin.iter().map(link).collect_view()}</ul>
            })}
            <h2 class="nav-group">"Hearth"</h2>
            <ul>
                <li><A href="/sessions">"Sessions"</A></li>
                <li><A href="/audit">"Audit log"</A></li>
            </ul>
        </nav>
    }
}
