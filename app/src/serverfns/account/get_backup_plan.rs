use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::HearthError;

/// What "Back up now" does to the archives the account has: Hestia keeps the package's
/// `BACKUPS` newest and deletes the oldest when a new one is made (`v-backup-user`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupPlan {
    /// How many archives the package keeps.
    pub keeps: u64,
    /// How many there are.
    pub stored: usize,
    /// The archives the next backup deletes, oldest first.
    pub replaces: Vec<String>,
}

/// The account's backup plan; `None` when the key may not read the account (`v-list-user`,
/// which the login has cached: no extra Hestia call).
#[server(prefix = "/api", endpoint = "backup-plan")]
pub async fn get_backup_plan() -> Result<Option<BackupPlan>, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    if !ctx
        .record()
        .allowed
        .allows(<hestia::cmd::ListUser as hestia::Command>::NAME)
    {
        return Ok(None);
    }
    let user = ctx
        .run(hestia::cmd::ListUser {
            user: ctx.subject().clone(),
        })
        .await?;
    let hestia::model::Limit::Max(keeps) = user.backups else {
        return Ok(None);
    };
    let kind = crate::catalogue::Section::Backups.kind();
    let mut archives: Vec<_> = crate::ssr::objects::list(&ctx, kind, None)
        .await?
        .iter()
        .map(|e| {
            (
                format!("{} {}", e.get("DATE"), e.get("TIME")),
                e.key.clone(),
            )
        })
        .collect();
    archives.sort();
    let stored = archives.len();
    // Rotation leaves `keeps` archives with the new one among them.
    let deleted = (stored + 1).saturating_sub(usize::try_from(keeps.max(1)).unwrap_or(usize::MAX));
    Ok(Some(BackupPlan {
        keeps,
        stored,
        replaces: archives
            .into_iter()
            .take(deleted)
            .map(|(_, key)| key)
            .collect(),
    }))
}
