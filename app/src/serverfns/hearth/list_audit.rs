use leptos::prelude::*;

use crate::error::HearthError;
use crate::hearth::{AuditEntry, AuditFilter};

/// Audit entries matching `filter`, newest first (at most a page): every entry for the
/// root user, one's own for others.
#[server(prefix = "/api", endpoint = "audit")]
pub async fn list_audit(
    #[server(default)] filter: AuditFilter,
) -> Result<Vec<AuditEntry>, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let only = ctx.records_of();
    ctx.gateway()
        .audit()
        .read(&filter, only.as_deref(), crate::ssr::audit::PAGE)
        .await
}
