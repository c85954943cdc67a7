//! What a key may run, found without ever sending a command to see if it is refused
//! (PROTOCOL.md §3.4, §3.7; DESIGN.md decisions 2 and 3).

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::cmd::{ListAccessKey, ListApis};
use crate::credentials::{AccessKeyId, Credentials, Secret};
use crate::error::Error;
use crate::model::{ProfileRole, Profiles};
use crate::names::UserName;

/// The commands a session may run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Allowed {
    /// Every command: an unrestricted root key, the root password or a legacy key.
    Everything,
    /// Exactly these commands.
    Commands(BTreeSet<String>),
}

impl Allowed {
    /// Whether `command` may be sent.
    pub fn allows(&self, command: &str) -> bool {
        match self {
            Self::Everything => true,
            Self::Commands(set) => set.contains(command),
        }
    }

    /// The union of the commands of `names` that exist in `profiles` (a profile deleted after the
    /// key was made is skipped, as Hestia does).
    pub fn from_profiles<'a>(names: impl IntoIterator<Item = &'a str>, profiles: &Profiles) -> Self {
        Self::Commands(
            names
                .into_iter()
                .filter_map(|name| profiles.get(name))
                .flat_map(|p| p.commands.iter().cloned())
                .collect(),
        )
    }

    /// Forgets a command Hestia refused after all (only needed without a service key).
    pub fn revoke(&mut self, command: &str) {
        if let Self::Commands(set) = self {
            set.remove(command);
        }
    }
}

/// The six profiles Hestia 1.10.3 ships (§3.3), for configurations without a service key that
/// name shipped profiles.
pub fn shipped_profiles() -> Profiles {
    let profile = |role, commands: &[&str]| crate::model::Profile {
        role,
        commands: commands.iter().map(|c| (*c).to_owned()).collect(),
    };
    [
        ("billing", profile(ProfileRole::Admin, &["v-add-user", "v-delete-user", "v-suspend-user", "v-unsuspend-user", "v-change-user-shell", "v-list-user", "v-list-users", "v-make-tmp-file", "v-add-domain", "v-change-user-package", "v-change-user-password"])),
        ("mail-accounts", profile(ProfileRole::User, &["v-list-mail-domains", "v-list-mail-domain", "v-list-mail-account", "v-list-mail-accounts", "v-list-mail-account-autoreply", "v-delete-mail-account", "v-delete-mail-account-alias", "v-delete-mail-account-autoreply", "v-delete-mail-account-forward", "v-delete-mail-account-fwd-only", "v-add-mail-account", "v-add-mail-account-alias", "v-add-mail-account-autoreply", "v-add-mail-account-forward", "v-add-mail-account-fwd-only", "v-change-mail-account-password", "v-change-mail-account-quota", "v-suspend-mail-account", "v-suspend-mail-accounts", "v-unsuspend-mail-account", "v-unsuspend-mail-accounts"])),
        ("phpmyadmin-sso", profile(ProfileRole::Admin, &["v-add-database-temp-user", "v-delete-database-temp-user"])),
        ("purge-nginx-cache", profile(ProfileRole::User, &["v-purge-nginx-cache", "v-list-web-domains", "v-list-web-domain"])),
        ("sync-dns-cluster", profile(ProfileRole::Admin, &["v-list-users", "v-list-sys-config", "v-list-user", "v-add-cron-restart-job", "v-delete-dns-domains-src", "v-insert-dns-domain", "v-insert-dns-record", "v-insert-dns-records", "v-rebuild-dns-domains", "v-rebuild-dns-domain", "v-delete-dns-record", "v-make-tmp-file", "v-delete-dns-domain"])),
        ("update-dns-records", profile(ProfileRole::User, &["v-list-dns-records", "v-change-dns-record"])),
    ]
    .into_iter()
    .map(|(name, p)| (name.to_owned(), p))
    .collect()
}

/// What a key is, once looked up.
#[derive(Debug, Clone)]
pub struct KeyGrant {
    /// The key's owner: the USER argument of every call (§2.4).
    pub owner: UserName,
    /// The profile names on the key.
    pub profiles: Vec<String>,
    /// The commands it may run.
    pub allowed: Allowed,
}

/// Why a key was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum KeyCheckError {
    /// No key has this ID.
    #[error("unknown access key")]
    UnknownKey,
    /// The secret does not match.
    #[error("wrong secret")]
    WrongSecret,
    /// A key of a user other than the root user with no profile can run nothing (§3.4).
    #[error("the key has no permissions")]
    NoPermissions,
    /// Hestia's listing named an owner that is not a valid user name.
    #[error("the key's owner is unreadable")]
    BadOwner,
    /// The lookup itself failed.
    #[error(transparent)]
    Hestia(#[from] Error),
}

/// Looks keys up with a service key that may run `v-list-access-key` and `v-list-apis`
/// (DESIGN.md decision 3). The secret is compared here, in constant time, so a mistyped
/// secret never reaches Hestia's own check and its fail2ban jail.
#[derive(Debug)]
pub struct KeyResolver {
    client: Client,
    service: Credentials,
    root_user: UserName,
    profiles_ttl: Duration,
    profiles: Mutex<Option<(Instant, Profiles)>>,
}

impl KeyResolver {
    /// A resolver using `service` credentials; `root_user` is Hestia's `ROOT_USER`.
    pub fn new(client: Client, service: Credentials, root_user: UserName) -> Self {
        Self { client, service, root_user, profiles_ttl: Duration::from_secs(300), profiles: Mutex::new(None) }
    }

    /// The service key's own ID.
    pub fn service_key_id(&self) -> Option<&AccessKeyId> {
        self.service.key_id()
    }

    /// Looks `id` up, checks `secret`, and resolves its profiles to commands.
    pub async fn check(&self, id: &AccessKeyId, secret: &Secret) -> Result<KeyGrant, KeyCheckError> {
        let key = match self.client.run(&self.service, &ListAccessKey { id: id.clone() }).await {
            Ok(key) => key,
            Err(e) if e.refusal().is_some_and(|(_, code)| code == crate::ReturnCode::NotExist) => {
                return Err(KeyCheckError::UnknownKey)
            }
            Err(e) => return Err(e.into()),
        };
        if !key.secret.constant_time_eq(secret) {
            return Err(KeyCheckError::WrongSecret);
        }
        let owner = if key.key.user.is_empty() { self.root_user.clone() } else {
            UserName::new(key.key.user.clone()).map_err(|_| KeyCheckError::BadOwner)?
        };
        let allowed = if key.key.permissions.is_empty() {
            if owner != self.root_user {
                return Err(KeyCheckError::NoPermissions);
            }
            Allowed::Everything
        } else {
            let profiles = self.profiles().await?;
            Allowed::from_profiles(key.key.permissions.iter().map(String::as_str), &profiles)
        };
        Ok(KeyGrant { owner, profiles: key.key.permissions, allowed })
    }

    /// `v-list-apis`, cached: profiles change only when an administrator edits their files.
    pub async fn profiles(&self) -> Result<Profiles, Error> {
        if let Some((at, profiles)) = lock(&self.profiles).as_ref() {
            if at.elapsed() < self.profiles_ttl {
                return Ok(profiles.clone());
            }
        }
        let fresh = self.client.run(&self.service, &ListApis).await?;
        *lock(&self.profiles) = Some((Instant::now(), fresh.clone()));
        Ok(fresh)
    }
}

/// A cache is still usable after a panic elsewhere: take the value either way.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_profiles_match_the_fixture() {
        let fixture: Profiles = crate::model::parse_json(include_str!("../tests/fixtures/v-list-apis.json")).unwrap();
        let shipped = shipped_profiles();
        assert_eq!(shipped.len(), fixture.len());
        for (name, p) in &fixture {
            let ours: BTreeSet<_> = shipped[name].commands.iter().collect();
            let theirs: BTreeSet<_> = p.commands.iter().collect();
            assert_eq!(ours, theirs, "{name}");
            assert_eq!(shipped[name].role, p.role, "{name}");
        }
    }

    #[test]
    fn allowed_sets() {
        let p = shipped_profiles();
        let narrow = Allowed::from_profiles(["purge-nginx-cache", "deleted-profile"], &p);
        assert!(narrow.allows("v-list-web-domains"));
        assert!(!narrow.allows("v-list-user"));
        assert!(Allowed::Everything.allows("v-anything"));
        let mut a = narrow;
        a.revoke("v-list-web-domains");
        assert!(!a.allows("v-list-web-domains"));
    }
}
