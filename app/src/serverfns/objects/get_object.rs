use leptos::prelude::*;

use crate::catalogue::{Entry, KindId};
use crate::error::HearthError;

/// One object of `kind`, from its (cached) listing; `None` when it does not exist.
#[server(prefix = "/api", endpoint = "object")]
pub async fn get_object(
    kind: KindId,
    parent: Option<String>,
    key: String,
) -> Result<Option<Entry>, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let all = crate::ssr::objects::list(&ctx, kind.kind(), parent.as_deref()).await?;
    Ok(all.iter().find(|e| e.key == key).cloned())
}
