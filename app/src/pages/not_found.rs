use leptos::prelude::*;

use crate::text;

/// A 404 page with a real 404 status.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    crate::set_status(404);
    view! {
        <main class="page narrow">
            <h1>{text::NOT_FOUND_TITLE}</h1>
            <p>{text::NOT_FOUND_TEXT}</p>
            <a href="/">{text::BACK_TO_DASHBOARD}</a>
        </main>
    }
}

/// The page for a section the session's key does not allow (403).
#[component]
pub fn NotAllowedPage() -> impl IntoView {
    crate::set_status(403);
    view! {
        <div class="notice error" role="alert">
            <h1 class="notice-title">{text::NOT_ALLOWED_TITLE}</h1>
            <p>{text::NOT_ALLOWED_TEXT}</p>
            <a href="/">{text::BACK_TO_DASHBOARD}</a>
        </div>
    }
}
