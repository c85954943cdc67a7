//! What a key may run, found without ever sending a command to see if it is refused
//! (PROTOCOL.md §3.4, §3.7; DESIGN.md decisions 2 and 3).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::cmd;
use crate::model::{ProfileRole, Profiles};

/// The commands of Hearth's service key (the `hearth-service` profile, PROTOCOL.md §7.5): look
/// keys up, resolve profiles, see whether an owner is suspended; and for password logins check
/// a password through a `/tmp/` file and a 2FA code, write the account's login history, mint
/// each session's key and delete it when the session ends (listing every key finds those a
/// crash left behind).
pub const SERVICE_COMMANDS: &[&str] = &[
    cmd::LIST_ACCESS_KEY.name,
    cmd::LIST_APIS.name,
    cmd::LIST_USER.name,
    cmd::MAKE_TMP_FILE.name,
    cmd::CHECK_USER_PASSWORD.name,
    cmd::CHECK_USER_2FA.name,
    cmd::LOG_USER_LOGIN.name,
    cmd::LOG_USER_LOGOUT.name,
    cmd::ADD_ACCESS_KEY.name,
    cmd::DELETE_ACCESS_KEY.name,
    cmd::LIST_ACCESS_KEYS.name,
];

/// Of [`SERVICE_COMMANDS`], what password logins need; without one of these only the root user
/// logs in with a password, in Hestia's legacy mode.
pub const PASSWORD_LOGIN_COMMANDS: &[&str] = &[
    cmd::LIST_USER.name,
    cmd::MAKE_TMP_FILE.name,
    cmd::CHECK_USER_PASSWORD.name,
    cmd::ADD_ACCESS_KEY.name,
    cmd::DELETE_ACCESS_KEY.name,
];

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
    pub fn from_profiles<'a>(
        names: impl IntoIterator<Item = &'a str>,
        profiles: &Profiles,
    ) -> Self {
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
        (
            "billing",
            profile(
                ProfileRole::Admin,
                &[
                    "v-add-user",
                    "v-delete-user",
                    "v-suspend-user",
                    "v-unsuspend-user",
                    "v-change-user-shell",
                    "v-list-user",
                    "v-list-users",
                    "v-make-tmp-file",
                    "v-add-domain",
                    "v-change-user-package",
                    "v-change-user-password",
                ],
            ),
        ),
        (
            "mail-accounts",
            profile(
                ProfileRole::User,
                &[
                    "v-list-mail-domains",
                    "v-list-mail-domain",
                    "v-list-mail-account",
                    "v-list-mail-accounts",
                    "v-list-mail-account-autoreply",
                    "v-delete-mail-account",
                    "v-delete-mail-account-alias",
                    "v-delete-mail-account-autoreply",
                    "v-delete-mail-account-forward",
                    "v-delete-mail-account-fwd-only",
                    "v-add-mail-account",
                    "v-add-mail-account-alias",
                    "v-add-mail-account-autoreply",
                    "v-add-mail-account-forward",
                    "v-add-mail-account-fwd-only",
                    "v-change-mail-account-password",
                    "v-change-mail-account-quota",
                    "v-suspend-mail-account",
                    "v-suspend-mail-accounts",
                    "v-unsuspend-mail-account",
                    "v-unsuspend-mail-accounts",
                ],
            ),
        ),
        (
            "phpmyadmin-sso",
            profile(
                ProfileRole::Admin,
                &["v-add-database-temp-user", "v-delete-database-temp-user"],
            ),
        ),
        (
            "purge-nginx-cache",
            profile(
                ProfileRole::User,
                &[
                    "v-purge-nginx-cache",
                    "v-list-web-domains",
                    "v-list-web-domain",
                ],
            ),
        ),
        (
            "sync-dns-cluster",
            profile(
                ProfileRole::Admin,
                &[
                    "v-list-users",
                    "v-list-sys-config",
                    "v-list-user",
                    "v-add-cron-restart-job",
                    "v-delete-dns-domains-src",
                    "v-insert-dns-domain",
                    "v-insert-dns-record",
                    "v-insert-dns-records",
                    "v-rebuild-dns-domains",
                    "v-rebuild-dns-domain",
                    "v-delete-dns-record",
                    "v-make-tmp-file",
                    "v-delete-dns-domain",
                ],
            ),
        ),
        (
            "update-dns-records",
            profile(
                ProfileRole::User,
                &["v-list-dns-records", "v-change-dns-record"],
            ),
        ),
    ]
    .into_iter()
    .map(|(name, p)| (name.to_owned(), p))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_profiles_match_the_fixture() {
        let fixture: Profiles =
            crate::model::parse_json(include_str!("../tests/fixtures/v-list-apis.json")).unwrap();
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
