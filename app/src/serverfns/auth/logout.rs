use leptos::prelude::*;

use crate::error::HearthError;

/// Ends the session on the server: its id and data are gone from the store.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), HearthError> {
    let session = crate::ssr::context_session().await?;
    if let Ok(ctx) = crate::ssr::RequestCtx::extract().await {
        tracing::info!(user = %ctx.owner(), "logged out");
        ctx.audit("hearth:logout", Vec::new(), &Ok::<(), HearthError>(()))
            .await;
        let ending = crate::ssr::sessions::Ending::One(ctx.record().handle.clone());
        let _ = ctx.gateway().sessions().end(ending, None).await;
    }
    session
        .flush()
        .await
        .map_err(crate::ssr::session_store_error)?;
    leptos_axum::redirect("/login");
    Ok(())
}
