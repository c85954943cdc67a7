use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::HearthError;

/// A profile a new key may get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileChoice {
    /// Its name.
    pub name: String,
    /// `admin` profiles go only to root-user keys.
    pub admin: bool,
    /// The commands it grants.
    pub commands: Vec<String>,
}

/// The profiles (from `v-list-apis`) a key for `user` may get: user-role ones, and admin
/// ones too when `user` is the root user (PROTOCOL.md §3.3). Through the session's key when
/// it may run `v-list-apis`, else through Hearth's service key.
#[server(prefix = "/api", endpoint = "key-profiles")]
pub async fn list_key_profiles(user: String) -> Result<Vec<ProfileChoice>, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    ctx.require(hestia::cmd::ADD_ACCESS_KEY.name)?;
    let profiles = if ctx.record().allowed.allows(hestia::cmd::LIST_APIS.name) {
        ctx.run(hestia::cmd::ListApis).await?
    } else {
        if !ctx.gateway().has_service_key() {
            return Err(HearthError::NotAllowed {
                command: hestia::cmd::LIST_APIS.name.to_owned(),
            });
        }
        ctx.gateway()
            .with_service_key(|resolver| async move {
                resolver
                    .profiles()
                    .await
                    .map_err(hestia::resolver::KeyCheckError::from)
            })
            .await?
    };
    // Admin profiles only for the root user's own keys, which only a root session creates.
    let for_root = ctx.is_root() && user.trim() == ctx.gateway().root_user().as_str();
    Ok(profiles
        .into_iter()
        .map(|(name, p)| ProfileChoice {
            admin: p.role == hestia::model::ProfileRole::Admin,
            name,
            commands: p.commands,
        })
        .filter(|p| for_root || !p.admin)
        .collect())
}
