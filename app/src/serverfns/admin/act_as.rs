use leptos::prelude::*;

use crate::error::HearthError;

/// Acts as `user` (Hestia's "log in as": a root key passes another user's name as USER), or
/// stops acting when `user` is empty. Only the root user's own session may.
#[server(prefix = "/api", endpoint = "act-as")]
pub async fn act_as(#[server(default)] user: String) -> Result<(), HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    if !ctx.is_root() {
        return Err(HearthError::NotAllowed {
            command: "act as another user".to_owned(),
        });
    }
    let user = user.trim();
    let acting_as = if user.is_empty() || user == ctx.owner().as_str() {
        None
    } else {
        let name =
            hestia::UserName::new(user).map_err(|e| HearthError::invalid("user", e.reason))?;
        // Only an account that exists (the listing is cached).
        let users =
            crate::ssr::objects::list(&ctx, crate::catalogue::KindId::User.kind(), None).await?;
        if !users.iter().any(|e| e.key == user) {
            return Err(HearthError::invalid("user", "There is no such user."));
        }
        Some(name)
    };
    let mut record = ctx.record().clone();
    record.acting_as = acting_as.clone();
    ctx.session()
        .insert(crate::ssr::SESSION_KEY, &record)
        .await
        .map_err(|_| HearthError::Internal)?;
    let event = if acting_as.is_some() {
        "hearth:act-as"
    } else {
        "hearth:stop-acting"
    };
    let args = acting_as.iter().map(ToString::to_string).collect();
    ctx.audit(event, args, &Ok::<(), HearthError>(())).await;
    leptos_axum::redirect("/");
    Ok(())
}
