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

/// Counts a section's objects with its list command (cached, so opening the section after
/// the dashboard costs no second Hestia call).
#[server(prefix = "/api", endpoint = "section-summary")]
pub async fn get_section_summary(section: Section) -> Result<SectionSummary, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let list = crate::ssr::objects::list(&ctx, section.kind(), None).await?;
    Ok(SectionSummary {
        total: list.len(),
        suspended: list
            .iter()
            .filter(|e| crate::catalogue::is_suspended(e))
            .count(),
    })
}
