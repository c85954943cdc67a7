//! Components shared by the pages. They render on the server; the interactive parts are
//! islands (`#[island]`), hydrated in the browser with their props as JSON. Links are plain
//! page loads, and after a change the page loads afresh (see [`reload`]).

pub mod admin;
pub mod backups;
pub mod error_notice;
pub mod layout;
pub mod object;

pub use error_notice::ErrorNotice;

/// After a change the page loads afresh from the server, so every list, fact and count on it
/// is read again; or it goes to `to` (a deleted object's list). Without JavaScript, the
/// form's redirect does the same.
pub fn reload(to: Option<&str>) {
    #[cfg(feature = "hydrate")]
    {
        let location = leptos::prelude::window().location();
        let _ = match to {
            Some(url) => location.set_href(url),
            None => location.reload(),
        };
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = to;
}

/// `on:submit` for a plain `<form>` posting to `action`'s server function: what `ActionForm`
/// does, without its type-erased children (a type-erased view in an island links Leptos's
/// async hydration, ~86 KB of WASM). Form data that does not decode goes as a plain post.
pub fn dispatch_on_submit<S>(
    action: leptos::prelude::ServerAction<S>,
) -> impl Fn(leptos::ev::SubmitEvent) + Clone + 'static
where
    S: leptos::server_fn::ServerFn + leptos::form::FromFormData + Send + Sync + Clone + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    move |ev| {
        if let Ok(input) = S::from_event(&ev) {
            ev.prevent_default();
            action.dispatch(input);
        }
    }
}
