use leptos::prelude::*;

use crate::catalogue::{KindId, Values};
use crate::error::HearthError;

/// Runs one action of `kind` on the object `key` (or creates one when `key` is absent) with
/// the form's `values`. Works as a plain HTML form post too.
#[server(prefix = "/api", endpoint = "act")]
pub async fn act(
    kind: KindId,
    action: String,
    parent: Option<String>,
    key: Option<String>,
    #[server(default)] values: Values,
) -> Result<(), HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let kind = kind.kind();
    let action = kind
        .action(&action)
        .ok_or_else(|| HearthError::invalid("action", "There is no such action."))?;
    let blank = |v: Option<String>| v.filter(|s| !s.is_empty());
    let (parent, key) = (blank(parent), blank(key));
    crate::ssr::objects::Run {
        kind,
        action,
        parent: parent.as_deref(),
        key: key.as_deref(),
        values: &values,
    }
    .run(&ctx, "")
    .await?;
    if action.id == "add" && kind.live_jobs {
        crate::ssr::jobs::queued(&ctx);
    }
    Ok(())
}
