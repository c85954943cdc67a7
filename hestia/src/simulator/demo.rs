//! The demo accounts and keys the simulator is seeded with. They exist only in the simulator,
//! which listens on loopback; Hearth's demo mode prints them so a newcomer can log in.

/// A seeded access key.
#[derive(Debug, Clone, Copy)]
pub struct DemoKey {
    /// What it is for, as shown to people.
    pub label: &'static str,
    /// Key ID.
    pub id: &'static str,
    /// Secret.
    pub secret: &'static str,
    /// Owner.
    pub user: &'static str,
    /// Profiles (empty: unrestricted root key).
    pub profiles: &'static [&'static str],
}

impl DemoKey {
    /// `ID:SECRET`, the form Hestia prints and Hearth's login form accepts.
    pub fn pair(&self) -> String {
        format!("{}:{}", self.id, self.secret)
    }
}

/// Hestia's `ROOT_USER`.
pub const ROOT_USER: &str = "admin";
/// The root user's password (legacy password login).
pub const ROOT_PASSWORD: &str = "demo-root-password";
/// A legacy API key (32 characters of `[A-Za-z0-9_-]`).
pub const LEGACY_KEY: &str = "demoLegacyApiKey_0123456789-abcd";
/// The demo end user.
pub const DEMO_USER: &str = "alice";
/// The profile Hearth's service key gets: look keys up, resolve profiles, see if an owner is
/// suspended. Nothing that changes anything.
pub const SERVICE_PROFILE: &str = "hearth-service";
/// The commands of [`SERVICE_PROFILE`].
pub const SERVICE_COMMANDS: &[&str] = &["v-list-access-key", "v-list-apis", "v-list-user"];

/// An unrestricted key of the root user.
pub const ADMIN_KEY: DemoKey = DemoKey {
    label: "admin (unrestricted root key)",
    id: "AdminDemoKey00000001",
    secret: "adminDemoSecret-000000000000000000000001",
    user: ROOT_USER,
    profiles: &[],
};
/// A user key with only the narrow `purge-nginx-cache` profile.
pub const NARROW_KEY: DemoKey = DemoKey {
    label: "alice, purge-nginx-cache only",
    id: "AliceNarrowKey000002",
    secret: "aliceNarrowSecret-0000000000000000000002",
    user: DEMO_USER,
    profiles: &["purge-nginx-cache"],
};
/// A user key with the three shipped user-role profiles.
pub const USER_KEY: DemoKey = DemoKey {
    label: "alice, all user profiles",
    id: "AliceFullKey00000003",
    secret: "aliceFullSecret-000000000000000000000003",
    user: DEMO_USER,
    profiles: &["mail-accounts", "purge-nginx-cache", "update-dns-records"],
};
/// A user key with the `mail-accounts` profile.
pub const MAIL_KEY: DemoKey = DemoKey {
    label: "alice, mail-accounts only",
    id: "AliceMailKey00000004",
    secret: "aliceMailSecret-000000000000000000000004",
    user: DEMO_USER,
    profiles: &["mail-accounts"],
};
/// Hearth's service key (root-owned, [`SERVICE_PROFILE`] only).
pub const SERVICE_KEY: DemoKey = DemoKey {
    label: "Hearth's service key",
    id: "HearthServiceKey0005",
    secret: "hearthServiceSecret-00000000000000000005",
    user: ROOT_USER,
    profiles: &[SERVICE_PROFILE],
};

/// The keys a person logs in with, in the order they are printed.
pub const LOGIN_KEYS: [DemoKey; 4] = [ADMIN_KEY, NARROW_KEY, USER_KEY, MAIL_KEY];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::{AccessKeyId, Secret};

    #[test]
    fn demo_keys_are_well_formed() {
        for k in LOGIN_KEYS.iter().chain([&SERVICE_KEY]) {
            assert!(AccessKeyId::new(k.id).is_ok(), "{}", k.id);
            assert!(
                Secret::new(k.secret).is_access_key_secret_format(),
                "{}",
                k.label
            );
        }
        assert_eq!(LEGACY_KEY.len(), 32);
    }
}
