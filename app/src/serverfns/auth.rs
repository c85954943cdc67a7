//! Logging in and out, and what a page needs to know before it renders.

mod get_page_context;
mod login_with_code;
mod login_with_key;
mod login_with_legacy_key;
mod login_with_password;
mod logout;

pub use get_page_context::*;
pub use login_with_code::*;
pub use login_with_key::*;
pub use login_with_legacy_key::*;
pub use login_with_password::*;
pub use logout::*;

/// The one login path behind the three forms.
#[cfg(feature = "ssr")]
async fn log_in(input: crate::ssr::LoginInput) -> Result<(), crate::error::HearthError> {
    let gateway = crate::ssr::context_gateway()?;
    let session = crate::ssr::context_session().await?;
    let (ip, agent) = crate::ssr::client_address().await;
    let step = crate::ssr::log_in(&gateway, &session, input, ip, agent).await?;
    went_to(step);
    Ok(())
}

/// Sends the browser on: to the dashboard, or back to the login page for the code.
#[cfg(feature = "ssr")]
fn went_to(step: crate::ssr::LoginStep) {
    leptos_axum::redirect(match step {
        crate::ssr::LoginStep::Done => "/",
        crate::ssr::LoginStep::CodeNeeded => "/login",
    });
}
