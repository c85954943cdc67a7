use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::HearthError;

/// What Hearth's service key can do, checked now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceKeyReport {
    /// A service key is configured.
    pub configured: bool,
    /// Its ID (never its secret).
    pub key_id: Option<String>,
    /// Each command Hearth needs, and whether the key may run it.
    pub commands: Vec<(String, bool)>,
    /// Whether it may run every command password logins need.
    pub password_logins: bool,
    /// What went wrong when Hestia was asked, in words.
    pub problem: Option<String>,
}

pub use hestia::permissions::SERVICE_COMMANDS;

/// Checks the configured service key against Hestia: it looks itself up and resolves its
/// profiles, as every login does. Root user only.
#[server(prefix = "/api", endpoint = "check-service-key")]
pub async fn check_service_key() -> Result<ServiceKeyReport, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    if !ctx.is_root() {
        return Err(HearthError::NotAllowed {
            command: "check the service key".to_owned(),
        });
    }
    let Some(resolver) = ctx.gateway().resolver() else {
        return Ok(ServiceKeyReport {
            configured: false,
            key_id: None,
            commands: Vec::new(),
            password_logins: false,
            problem: None,
        });
    };
    let key_id = resolver.service_key_id().map(ToString::to_string);
    let allowed = ctx
        .gateway()
        .with_service_key(|resolver| resolver.service_allowed())
        .await;
    Ok(match allowed {
        Ok(allowed) => ServiceKeyReport {
            configured: true,
            key_id,
            commands: SERVICE_COMMANDS
                .iter()
                .map(|c| ((*c).to_owned(), allowed.allows(c)))
                .collect(),
            password_logins: hestia::permissions::PASSWORD_LOGIN_COMMANDS
                .iter()
                .all(|c| allowed.allows(c)),
            problem: None,
        },
        Err(e) => ServiceKeyReport {
            configured: true,
            key_id,
            commands: Vec::new(),
            password_logins: false,
            problem: Some(format!("Hestia did not accept the service key: {e}")),
        },
    })
}
