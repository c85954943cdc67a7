use leptos::prelude::*;

use crate::catalogue::KindId;
use crate::error::HearthError;

/// Runs `action` on every selected object: the service restarts once, at the end. Yields
/// the objects that could not be changed, with the reason.
#[server(prefix = "/api", endpoint = "act-on-many")]
pub async fn act_on_many(
    kind: KindId,
    action: String,
    parent: Option<String>,
    keys: Vec<String>,
) -> Result<Vec<(String, HearthError)>, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let kind = kind.kind();
    let action = kind
        .action(&action)
        .ok_or_else(|| HearthError::invalid("action", "There is no such action."))?;
    if keys.is_empty() || keys.len() > 1000 {
        return Err(HearthError::invalid(
            "keys",
            "Select between 1 and 1000 objects.",
        ));
    }
    crate::ssr::objects::run_bulk(&ctx, kind, action, parent.as_deref(), &keys).await
}
