use leptos::prelude::*;

use crate::error::HearthError;

/// Logs in with an access key (`key` may also hold `ID:SECRET`); `user` names the key's owner
/// when Hearth has no service key to look it up.
#[server(prefix = "/api", endpoint = "login-key")]
pub async fn login_with_key(
    key: String,
    secret: Option<String>,
    user: Option<String>,
) -> Result<(), HearthError> {
    use crate::session::LoginMethod;
    super::log_in(crate::ssr::LoginInput {
        method: LoginMethod::AccessKey,
        key,
        secret: secret.unwrap_or_default(),
        user: user.unwrap_or_default(),
    })
    .await
}
