use leptos::prelude::*;

use crate::error::HearthError;

/// Forgets the session's cached listings, so the page reads them from Hestia again (listings
/// are kept for minutes; Hearth's own changes drop theirs at once, changes made elsewhere show
/// after a refresh). Listings read in the last few seconds are kept: pressing Refresh again and
/// again costs Hestia nothing more.
#[server(prefix = "/api", endpoint = "refresh")]
pub async fn refresh_data() -> Result<(), HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    ctx.gateway()
        .forget_for_refresh(ctx.subject().as_str(), ctx.is_root())
        .await;
    Ok(())
}
