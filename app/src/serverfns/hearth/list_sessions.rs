use leptos::prelude::*;

use crate::error::HearthError;
use crate::hearth::SessionInfo;

/// The live Hearth sessions: every one for the root user, one's own for others.
#[server(prefix = "/api", endpoint = "sessions")]
pub async fn list_sessions() -> Result<Vec<SessionInfo>, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let only = ctx.records_of();
    let mut sessions = ctx.gateway().sessions().list(only.as_deref()).await?;
    for s in &mut sessions {
        s.current = s.handle == ctx.record().handle;
    }
    Ok(sessions)
}
