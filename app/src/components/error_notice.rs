use leptos::either::Either;
use leptos::prelude::*;

use crate::error::HearthError;
use crate::text;

/// Shows any error the same way: what happened and what to do. An ended session goes to the
/// login page instead (a redirect from the server; in an island, a page load).
#[component]
pub fn ErrorNotice(error: HearthError) -> impl IntoView {
    let ended = match error {
        HearthError::SessionExpired => Some("/login?ended=1"),
        HearthError::CredentialsRevoked => Some("/login?ended=key"),
        _ => None,
    };
    if let Some(path) = ended {
        #[cfg(feature = "ssr")]
        return Either::Left(view! { <leptos_router::components::Redirect path/> });
        #[cfg(not(feature = "ssr"))]
        {
            super::reload(Some(path));
            return Either::Left(());
        }
    }
    // Hearth's own failure is the page's status too, for monitors and load balancers; Hestia's
    // trouble is not (the page is Hearth's, and it explains).
    if matches!(
        error,
        HearthError::DatabaseUnavailable | HearthError::Internal
    ) {
        crate::set_status(error.status());
    }
    let (title, detail) = text::error_message(&error);
    Either::Right(view! {
        <div class="notice error" role="alert">
            <strong class="notice-title">{title}</strong>
            <p>{detail}</p>
        </div>
    })
}
