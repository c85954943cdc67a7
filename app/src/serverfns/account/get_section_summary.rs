use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalogue::Section;
use crate::error::HearthError;

/// How many objects a section holds, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionSummary {
    /// Objects in all.
    pub total: usize,
    /// Of which suspended.
    pub suspended: usize,
}

/// Counts a section's objects. Hosting sections read the counters Hestia keeps in the account
/// (`v-list-user`, which the dashboard's usage table reads too: one call for the whole page);
/// the others, and keys that may not read the account, count the section's list (cached, so
/// opening the section next costs no second call).
#[server(prefix = "/api", endpoint = "section-summary")]
pub async fn get_section_summary(section: Section) -> Result<SectionSummary, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let list_user = <hestia::cmd::ListUser as hestia::Command>::NAME;
    if ctx.record().allowed.allows(list_user) {
        let user = ctx
            .run(hestia::cmd::ListUser {
                user: ctx.subject().clone(),
            })
            .await?;
        let counters = match section {
            Section::Web => Some((user.u_web_domains, user.suspended_web)),
            Section::Dns => Some((user.u_dns_domains, user.suspended_dns)),
            Section::Mail => Some((user.u_mail_domains, user.suspended_mail)),
            Section::Databases => Some((user.u_databases, user.suspended_db)),
            Section::Cron => Some((user.u_cron_jobs, user.suspended_cron)),
            Section::Backups => Some((user.u_backups, Some(0))),
            Section::Users | Section::Packages | Section::Keys | Section::Server => None,
        };
        if let Some((Some(total), Some(suspended))) = counters {
            let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
            return Ok(SectionSummary {
                total: count(total),
                suspended: count(suspended),
            });
        }
    }
    let list = crate::ssr::objects::list(&ctx, section.kind(), None).await?;
    Ok(SectionSummary {
        total: list.len(),
        suspended: list
            .iter()
            .filter(|e| crate::catalogue::is_suspended(e))
            .count(),
    })
}
