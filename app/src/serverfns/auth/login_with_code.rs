use leptos::prelude::*;

use crate::error::HearthError;

/// The second step of a password login: the account's two-factor code.
#[server(prefix = "/api", endpoint = "login-code")]
pub async fn login_with_code(code: String) -> Result<(), HearthError> {
    let gateway = crate::ssr::context_gateway()?;
    let session = crate::ssr::context_session().await?;
    let (ip, agent) = crate::ssr::client_address().await;
    let browser = crate::ssr::Browser { ip, agent };
    let step = crate::ssr::log_in_with_code(&gateway, &session, &code, &browser).await?;
    super::went_to(step);
    Ok(())
}
