use leptos::prelude::*;

use crate::error::HearthError;

/// Logs in as the root user with the root password (unrestricted, legacy mode).
#[server(prefix = "/api", endpoint = "login-password")]
pub async fn login_with_password(user: String, password: String) -> Result<(), HearthError> {
    use crate::session::LoginMethod;
    super::log_in(crate::ssr::LoginInput {
        method: LoginMethod::Password,
        key: String::new(),
        secret: password,
        user,
    })
    .await
}
