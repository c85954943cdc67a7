use leptos::prelude::*;

use crate::catalogue::KindId;
use crate::error::HearthError;

/// The names of every object of `kind`, for a form's choice (a user's package).
#[server(prefix = "/api", endpoint = "choices")]
pub async fn list_choices(kind: KindId) -> Result<Vec<String>, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let all = crate::ssr::objects::list(&ctx, kind.kind(), None).await?;
    Ok(all.iter().map(|e| e.key.clone()).collect())
}
