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
