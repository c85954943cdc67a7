use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::error::HearthError;
use crate::text;

/// Shows any error the same way: what happened and what to do. An ended session goes to the
/// login page instead.
#[component]
pub fn ErrorNotice(error: HearthError) -> impl IntoView {
    match error {
        HearthError::SessionExpired => {
            return view! { <Redirect path="/login?ended=1"/> }.into_any()
        }
        HearthError::CredentialsRevoked => {
            return view! { <Redirect path="/login?ended=key"/> }.into_any()
        }
        _ => {}
    }
    let (title, detail) = text::error_message(&error);
    view! {
        <div class="notice error" role="alert">
            <strong class="notice-title">{title}</strong>
            <p>{detail}</p>
        </div>
    }
    .into_any()
}
