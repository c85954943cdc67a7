//! What the browser knows of its session: who is logged in and what they may do. Never a
//! secret.

use hestia::Allowed;
use serde::{Deserialize, Serialize};

use crate::catalogue::Section;

/// How the session authenticates to Hestia.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LoginMethod {
    /// Access key ID and secret.
    AccessKey,
    /// A Hestia user name and password.
    Password,
    /// A legacy API key.
    LegacyKey,
}

/// The logged-in session as pages see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    /// The Hestia account that logged in (the key's owner, or the root user).
    pub user: String,
    /// The account an administrator is acting as (Hestia's "log in as"), if any.
    #[serde(default)]
    pub acting_as: Option<String>,
    /// Hestia's root user (never offered for suspension or deletion).
    #[serde(default)]
    pub root_user: String,
    /// How it logged in.
    pub method: LoginMethod,
    /// The access key ID (not secret), if any.
    pub key_id: Option<String>,
    /// The commands the key may run.
    pub allowed: Allowed,
    /// The server's clock when the page was made (Unix seconds), for schedule previews.
    #[serde(default)]
    pub server_time: i64,
}

impl SessionView {
    /// The account whose hosting the pages show: the one acted as, or the session's own.
    pub fn subject(&self) -> &str {
        self.acting_as.as_deref().unwrap_or(&self.user)
    }

    /// Whether the session belongs to the root user (it may act as others and sees every
    /// session and audit entry).
    pub fn is_root(&self) -> bool {
        self.user == self.root_user
    }

    /// Whether the key may run `command`.
    pub fn can(&self, command: &str) -> bool {
        self.allowed.allows(command)
    }

    /// Whether the key may list the section's objects.
    pub fn lists(&self, section: Section) -> bool {
        self.can(section.list_command())
    }

    /// Whether the section is open to the session: its key may list the section's objects or,
    /// failing that, what one of them holds — a zone's records for the `update-dns-records`
    /// profile, whose user names the zone. While acting as a user, only that user's hosting.
    pub fn opens(&self, section: Section) -> bool {
        let holds = || {
            section
                .kind()
                .children
                .iter()
                .any(|c| self.can(c.kind().list.name))
        };
        (self.lists(section) || holds()) && !(section.is_admin() && self.acting_as.is_some())
    }

    /// The sections open to the session, in navigation order.
    pub fn sections(&self) -> Vec<Section> {
        Section::ALL
            .into_iter()
            .filter(|s| self.opens(*s))
            .collect()
    }
}

/// What every page needs before it renders: the session (if any) and how the login works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageContext {
    /// Running on the embedded simulator.
    pub demo: bool,
    /// No service key: the login form must ask whose key it is.
    pub needs_user_name: bool,
    /// The root user's name, for the password form.
    pub root_user: String,
    /// The session, when logged in.
    pub session: Option<SessionView>,
    /// The account whose password was right and whose two-factor code is asked next.
    #[serde(default)]
    pub code_for: Option<String>,
}
