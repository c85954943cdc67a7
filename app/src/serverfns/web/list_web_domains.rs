use hestia::model::WebDomain;
use leptos::prelude::*;

use crate::error::HearthError;

/// The account's web domains (`v-list-web-domains`).
#[server(prefix = "/api", endpoint = "web-domains")]
pub async fn list_web_domains() -> Result<Vec<WebDomain>, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    ctx.run(hestia::cmd::ListWebDomains {
        user: ctx.owner().clone(),
    })
    .await
}
