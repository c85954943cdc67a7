//! Key lookup through a service key (DESIGN.md decision 3, PROTOCOL.md §3.7 option 1).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::client::Client;
use crate::cmd::{CheckUserPassword, Command, ListAccessKey, ListApis, ListUser, MakeTmpFile};
use crate::credentials::{AccessKeyId, Credentials, Secret};
use crate::error::Error;
use crate::model::Profiles;
use crate::names::UserName;
use crate::permissions::Allowed;
use crate::ReturnCode;

/// What a key is, once looked up.
#[derive(Debug, Clone)]
pub struct KeyGrant {
    /// The key's owner: the USER argument of every call (§2.4).
    pub owner: UserName,
    /// The profile names on the key.
    pub profiles: Vec<String>,
    /// The commands it may run.
    pub allowed: Allowed,
    /// The owner's `v-list-user OWNER json` answer, when the service key read it: the
    /// session's first page needs it too.
    pub owner_listing: Option<String>,
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
    /// The key's owner is suspended (known only when the service key may run `v-list-user`).
    #[error("the key's owner is suspended")]
    OwnerSuspended(UserName),
    /// The key's owner account is gone.
    #[error("the key's owner no longer exists")]
    OwnerMissing(UserName),
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
    service_allowed: Mutex<Option<(Instant, Allowed)>>,
}

impl KeyResolver {
    /// A resolver using `service` credentials; `root_user` is Hestia's `ROOT_USER`.
    pub fn new(client: Client, service: Credentials, root_user: UserName) -> Self {
        Self {
            client,
            service,
            root_user,
            profiles_ttl: Duration::from_secs(300),
            profiles: Mutex::new(None),
            service_allowed: Mutex::new(None),
        }
    }

    /// The service key's own ID.
    pub fn service_key_id(&self) -> Option<&AccessKeyId> {
        self.service.key_id()
    }

    /// Looks `id` up, checks `secret`, resolves its profiles to commands, and, when the service
    /// key may run `v-list-user`, checks that the owner is not suspended (which Hestia would
    /// otherwise answer with a `failed to login` line).
    pub async fn check(
        &self,
        id: &AccessKeyId,
        secret: &Secret,
    ) -> Result<KeyGrant, KeyCheckError> {
        let mut grant = self.lookup(id, Some(secret)).await?;
        if self.service_allowed().await?.allows(ListUser::NAME) {
            let owner = ListUser {
                user: grant.owner.clone(),
            };
            match self.client.run_keeping_body(&self.service, &owner).await {
                Ok((user, _)) if user.suspended => {
                    return Err(KeyCheckError::OwnerSuspended(grant.owner))
                }
                Ok((_, body)) => grant.owner_listing = Some(body),
                Err(e)
                    if e.refusal()
                        .is_some_and(|(_, code)| code == ReturnCode::NotExist) =>
                {
                    return Err(KeyCheckError::OwnerMissing(grant.owner))
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(grant)
    }

    /// Whether the service key may run every one of `commands`.
    pub async fn may_run(&self, commands: &[&str]) -> Result<bool, KeyCheckError> {
        let allowed = self.service_allowed().await?;
        Ok(commands.iter().all(|c| allowed.allows(c)))
    }

    /// Runs `command` with the service key.
    pub async fn run<C: Command>(&self, command: &C) -> Result<C::Output, KeyCheckError> {
        Ok(self.client.run(&self.service, command).await?)
    }

    /// Checks `user`'s password as Hestia's own login does (§7.2), passing the browser's `ip`
    /// so that a wrong password counts against that address at Hestia, never the caller's.
    /// The password travels in `/tmp/<tmp_name>`, emptied afterwards however the check went.
    pub async fn check_password(
        &self,
        user: &UserName,
        password: &Secret,
        ip: &str,
        tmp_name: &str,
    ) -> Result<bool, KeyCheckError> {
        let write = MakeTmpFile {
            content: password,
            name: tmp_name,
        };
        self.client.run(&self.service, &write).await?;
        let check = CheckUserPassword {
            user: user.clone(),
            password_file: format!("/tmp/{tmp_name}"),
            ip: ip.to_owned(),
        };
        let result = self.client.run(&self.service, &check).await;
        // Best effort: the file is random-named and the check is over either way.
        let empty = Secret::new("");
        let _emptied = self
            .client
            .run(
                &self.service,
                &MakeTmpFile {
                    content: &empty,
                    name: tmp_name,
                },
            )
            .await;
        match result {
            Ok(()) => Ok(true),
            Err(e)
                if !e.is_failed_login()
                    && e.refusal()
                        .is_some_and(|(_, code)| code == ReturnCode::Password) =>
            {
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// What the service key itself may run (looked up again after the profiles' lifetime: the
    /// operator may change its profile).
    pub async fn service_allowed(&self) -> Result<Allowed, KeyCheckError> {
        let Some(id) = self.service.key_id() else {
            return Ok(Allowed::Everything);
        };
        if let Some((at, allowed)) = lock(&self.service_allowed).as_ref() {
            if at.elapsed() < self.profiles_ttl {
                return Ok(allowed.clone());
            }
        }
        let allowed = self.lookup(id, None).await?.allowed;
        *lock(&self.service_allowed) = Some((Instant::now(), allowed.clone()));
        Ok(allowed)
    }

    async fn lookup(
        &self,
        id: &AccessKeyId,
        secret: Option<&Secret>,
    ) -> Result<KeyGrant, KeyCheckError> {
        let key = match self
            .client
            .run(&self.service, &ListAccessKey { id: id.clone() })
            .await
        {
            Ok(key) => key,
            Err(e)
                if e.refusal()
                    .is_some_and(|(_, code)| code == ReturnCode::NotExist) =>
            {
                return Err(KeyCheckError::UnknownKey)
            }
            Err(e) => return Err(e.into()),
        };
        if secret.is_some_and(|s| !key.secret.constant_time_eq(s)) {
            return Err(KeyCheckError::WrongSecret);
        }
        let owner = if key.key.user.is_empty() {
            self.root_user.clone()
        } else {
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
        Ok(KeyGrant {
            owner,
            profiles: key.key.permissions,
            allowed,
            owner_listing: None,
        })
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
