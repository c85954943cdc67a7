use hestia::model::User;
use leptos::prelude::*;

use crate::error::HearthError;

/// The account's package limits and usage (`v-list-user`).
#[server(prefix = "/api", endpoint = "account")]
pub async fn get_account() -> Result<User, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    ctx.run(hestia::cmd::ListUser {
        user: ctx.subject().clone(),
    })
    .await
}
