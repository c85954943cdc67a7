use leptos::prelude::*;

use crate::error::HearthError;

/// Logs in with a legacy API key (unrestricted, legacy mode).
#[server(prefix = "/api", endpoint = "login-legacy-key")]
pub async fn login_with_legacy_key(key: String) -> Result<(), HearthError> {
    use crate::session::LoginMethod;
    super::log_in(crate::ssr::LoginInput {
        method: LoginMethod::LegacyKey,
        key,
        secret: String::new(),
        user: String::new(),
    })
    .await
}
