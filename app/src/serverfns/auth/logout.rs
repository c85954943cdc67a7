use leptos::prelude::*;

use crate::error::HearthError;

/// Ends the session on the server: its id and data are gone from the store.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), HearthError> {
    let session = crate::ssr::context_session().await?;
    if let Ok(Some(record)) = session
        .get::<crate::ssr::SessionRecord>(crate::ssr::SESSION_KEY)
        .await
    {
        tracing::info!(user = %record.owner, "logged out");
    }
    session.flush().await.map_err(|e| {
        tracing::error!(error = %e, "session store failed at logout");
        HearthError::Internal
    })?;
    leptos_axum::redirect("/login");
    Ok(())
}
