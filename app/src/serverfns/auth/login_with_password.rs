use leptos::prelude::*;

use crate::error::HearthError;

/// Logs in with a Hestia user name and password; an account with two-factor authentication goes
/// on to the code step.
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
