use leptos::prelude::*;

use crate::error::HearthError;
use crate::session::PageContext;

/// The session (if any) and how logging in works here. Reads only Hearth's own session: no
/// Hestia call.
#[server(prefix = "/api", endpoint = "page-context")]
pub async fn get_page_context() -> Result<PageContext, HearthError> {
    let gateway = crate::ssr::context_gateway()?;
    let session = crate::ssr::context_session().await?;
    let record = crate::ssr::RequestCtx::load(&gateway, &session).await?;
    Ok(PageContext {
        demo: gateway.is_demo(),
        needs_user_name: !gateway.has_service_key(),
        root_user: gateway.root_user().to_string(),
        code_for: match record {
            Some(_) => None,
            None => crate::ssr::waiting_for_code(&session).await,
        },
        session: record.map(|r| r.view(gateway.root_user())),
    })
}
