use leptos::prelude::*;

use crate::catalogue::KindId;
use crate::error::HearthError;

/// The names of every object of `kind`, suggested in a form (a user's package); none when the
/// key may not list them (the name is then typed, and Hestia checks it).
#[server(prefix = "/api", endpoint = "choices")]
pub async fn list_choices(kind: KindId) -> Result<Vec<String>, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    if !ctx.record().allowed.allows(kind.kind().list.name) {
        return Ok(Vec::new());
    }
    let all = crate::ssr::objects::list(&ctx, kind.kind(), None).await?;
    Ok(all.iter().map(|e| e.key.clone()).collect())
}
