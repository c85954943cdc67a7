//! What the session store holds for a logged-in user: small, serialisable (so a shared store
//! can come later), and with the secret sealed.

use hestia::{AccessKeyId, Allowed, Credentials, UserName};
use serde::{Deserialize, Serialize};

use super::sealer::Sealer;
use crate::session::{LoginMethod, SessionView};

/// The session entry's key in tower-sessions.
pub const SESSION_KEY: &str = "hearth";

/// A logged-in session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The Hestia server's id.
    pub server: String,
    /// How it logged in.
    pub method: LoginMethod,
    /// The account it acts for (the key's owner, or the root user).
    pub owner: UserName,
    /// The access key ID: the one logged in with, or the one Hearth made for a password
    /// session (DESIGN.md decision 17).
    pub key_id: Option<AccessKeyId>,
    /// The secret (key secret, password or legacy key), sealed.
    pub sealed_secret: String,
    /// The commands it may run.
    pub allowed: Allowed,
    /// Login time, Unix seconds (the absolute lifetime counts from here).
    pub logged_in_at: i64,
    /// The browser's address at login.
    pub client_ip: String,
    /// The browser's User-Agent at login.
    pub user_agent: String,
    /// This session's entry in Hearth's list of sessions ([`super::sessions`]): random, not
    /// the cookie. Ending the entry ends the session.
    #[serde(default)]
    pub handle: String,
    /// The user a root session is acting as (their name goes in every USER argument).
    #[serde(default)]
    pub acting_as: Option<UserName>,
}

impl SessionRecord {
    /// The credentials to call Hestia with, or `None` if the seal cannot be opened (another
    /// server key, or a tampered store).
    pub fn credentials(&self, sealer: &Sealer) -> Option<Credentials> {
        let secret = sealer.open(&self.sealed_secret)?;
        Some(match (&self.key_id, self.method) {
            (Some(id), _) => Credentials::AccessKey {
                id: id.clone(),
                secret,
            },
            (None, LoginMethod::Password) => Credentials::Password {
                user: self.owner.clone(),
                password: secret,
            },
            (None, LoginMethod::LegacyKey) => Credentials::LegacyKey(secret),
            (None, LoginMethod::AccessKey) => return None,
        })
    }

    /// The account the session's commands act for.
    pub fn subject(&self) -> &UserName {
        self.acting_as.as_ref().unwrap_or(&self.owner)
    }

    /// What the browser may know of it.
    pub fn view(&self, root_user: &UserName) -> SessionView {
        SessionView {
            user: self.owner.to_string(),
            acting_as: self.acting_as.as_ref().map(ToString::to_string),
            root_user: root_user.to_string(),
            method: self.method,
            key_id: self.key_id.as_ref().map(ToString::to_string),
            allowed: self.allowed.clone(),
            server_time: time::OffsetDateTime::now_utc().unix_timestamp(),
        }
    }
}
