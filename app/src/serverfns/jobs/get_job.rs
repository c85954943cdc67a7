use leptos::prelude::*;

use crate::error::HearthError;
use crate::jobs::JobView;

/// The state of the backup or restore this user queued through Hearth, if any, as last checked
/// (the page's first paint; `/events/jobs` streams the changes).
#[server(prefix = "/api", endpoint = "job")]
pub async fn get_job() -> Result<Option<JobView>, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    Ok(crate::ssr::jobs::state(&ctx))
}
