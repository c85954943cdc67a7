use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};

use super::Nav;
use crate::components::ErrorNotice;
use crate::serverfns::auth::{get_page_context, Logout};
use crate::serverfns::objects::RefreshData;
use crate::session::{LoginMethod, SessionView};
use crate::text;

/// Header, navigation and the page. Without a session it sends the browser to the login page;
/// with one it provides the [`SessionView`] to every page below.
#[component]
pub fn ShellLayout() -> impl IntoView {
    let context = Resource::new_blocking(|| (), |_| get_page_context());
    view! {
        <Suspense fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
            {move || Suspend::new(async move {
                match context.await {
                    Ok(ctx) => match ctx.session {
                        Some(session) => {
                            provide_context(session.clone());
                            view! { <Frame session demo=ctx.demo/> }.into_any()
                        }
                        None => view! { <Redirect path="/login"/> }.into_any(),
                    },
                    Err(error) => view! { <main class="page"><ErrorNotice error/></main> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Frame(session: SessionView, demo: bool) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    // Listings are kept for minutes: this reads the page's anew (changes made outside Hearth).
    // A plain form: the server function's redirect loads the page afresh.
    let reread = ServerAction::<RefreshData>::new();
    let via = match session.method {
        LoginMethod::AccessKey => format!(
            "{} {}",
            text::VIA_KEY,
            session.key_id.clone().unwrap_or_default()
        ),
        LoginMethod::Password => text::VIA_PASSWORD.to_owned(),
        LoginMethod::LegacyKey => text::VIA_LEGACY_KEY.to_owned(),
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">{text::PRODUCT}</a>
            {demo.then(|| view! { <span class="badge demo" title=text::DEMO_NOTE>{text::DEMO_BADGE}</span> })}
            <span class="spacer"></span>
            <span class="who">
                {text::SIGNED_IN_AS} " " <strong data-testid="user">{session.user.clone()}</strong>
                <span class="via">" (" {via} ")"</span>
            </span>
            <ActionForm action=reread>
                <button type="submit" class="button secondary" title=text::REFRESH_HINT>{text::REFRESH}</button>
            </ActionForm>
            <ActionForm action=logout>
                <button type="submit" class="button secondary">{text::LOGOUT}</button>
            </ActionForm>
        </header>
        <crate::components::admin::ActingBanner session=session.clone()/>
        <div class="layout">
            <Nav sections=session.sections()/>
            <main class="page">
                <Outlet/>
            </main>
        </div>
    }
}
