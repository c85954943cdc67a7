use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::HearthError;

/// A key just made: shown once, never stored by Hearth.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewKey {
    /// Its ID.
    pub id: String,
    /// Its secret.
    pub secret: String,
    /// Its owner.
    pub user: String,
}

impl std::fmt::Debug for NewKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewKey")
            .field("id", &self.id)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// Creates an access key for `user` with `profiles`. The root user's session may create one
/// for anyone (admin profiles only for the root user itself); others only for themselves.
/// The answer is the one time the secret leaves the server.
#[server(prefix = "/api", endpoint = "create-key")]
pub async fn create_access_key(
    user: String,
    #[server(default)] profiles: Vec<String>,
    comment: String,
) -> Result<NewKey, HearthError> {
    use crate::catalogue::{validate, Values};
    let ctx = crate::ssr::RequestCtx::extract().await?;
    ctx.require(<hestia::cmd::AddAccessKey as hestia::Command>::NAME)?;
    let user = user.trim();
    let owner = if ctx.is_root() {
        user
    } else {
        ctx.owner().as_str()
    };
    if owner != user {
        return Err(HearthError::invalid(
            "user",
            "You can create keys only for yourself.",
        ));
    }
    let owner = hestia::UserName::new(owner).map_err(|e| HearthError::invalid("user", e.reason))?;
    let comment = comment.trim().to_owned();
    if comment.is_empty() {
        return Err(HearthError::invalid("comment", crate::text::REQUIRED));
    }
    validate::key_comment(&comment, &Values::default())
        .map_err(|p| HearthError::invalid("comment", p))?;
    let choices = super::list_key_profiles(owner.to_string()).await?;
    let mut chosen = Vec::new();
    for p in profiles.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !choices.iter().any(|c| c.name == p) {
            return Err(HearthError::invalid(
                "profiles",
                format!("There is no profile {p} for this user."),
            ));
        }
        if !chosen.iter().any(|c| c == p) {
            chosen.push(p.to_owned());
        }
    }
    if chosen.is_empty() {
        return Err(HearthError::invalid(
            "profiles",
            "Choose at least one profile.",
        ));
    }
    let key = ctx
        .run(hestia::cmd::AddAccessKey {
            user: owner.clone(),
            profiles: chosen,
            comment,
        })
        .await?;
    tracing::info!(user = %owner, key = %key.key.access_key_id, "created an access key");
    Ok(NewKey {
        id: key.key.access_key_id.clone(),
        secret: key.secret.expose().to_owned(),
        user: owner.to_string(),
    })
}
