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
/// The SMTP password `v-list-sys-config` prints (tests check it never reaches a browser).
pub const SMTP_PASSWORD: &str = "smtpDemoPassword-never-shown";
/// The demo end user.
pub const DEMO_USER: &str = "alice";
/// [`DEMO_USER`]'s Hestia password (Hearth's password login).
pub const USER_PASSWORD: &str = "alice-password";
/// The demo user with two-factor authentication on.
pub const TWO_FACTOR_USER: &str = "bob";
/// [`TWO_FACTOR_USER`]'s Hestia password.
pub const TWO_FACTOR_PASSWORD: &str = "bob-password";
/// [`TWO_FACTOR_USER`]'s `TWOFA` secret (32 base32 characters, as `v-add-user-2fa` makes);
/// [`super::totp`] gives the current code.
pub const TWO_FACTOR_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
/// The profile Hearth's service key gets, with [`crate::permissions::SERVICE_COMMANDS`].
pub const SERVICE_PROFILE: &str = "hearth-service";

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
/// A user key with only `update-dns-records`, what a dynamic-DNS client gets: it may list
/// and change one zone's records, not list the zones.
pub const DNS_KEY: DemoKey = DemoKey {
    label: "alice, update-dns-records only (dynamic DNS)",
    id: "AliceDnsKey000000007",
    secret: "aliceDnsSecret-0000000000000000000000007",
    user: DEMO_USER,
    profiles: &["update-dns-records"],
};
/// A custom user-role profile with every hosting command and the login history, as an admin
/// would write for end users who run their hosting through Hearth (the shipped user profiles
/// are narrow).
pub const HOSTING_PROFILE: &str = "hearth-user";
/// The end user's everyday key: the [`HOSTING_PROFILE`].
pub const HOSTING_KEY: DemoKey = DemoKey {
    label: "alice, hearth-user (web, DNS, mail, DB, cron, backups)",
    id: "AliceHostingKey00006",
    secret: "aliceHostingSecret-000000000000000000006",
    user: DEMO_USER,
    profiles: &[HOSTING_PROFILE],
};
/// Hearth's service key (root-owned, [`SERVICE_PROFILE`] only).
pub const SERVICE_KEY: DemoKey = DemoKey {
    label: "Hearth's service key",
    id: "HearthServiceKey0005",
    secret: "hearthServiceSecret-00000000000000000005",
    user: ROOT_USER,
    profiles: &[SERVICE_PROFILE],
};

/// The commands of [`HOSTING_PROFILE`].
pub fn hosting_commands() -> Vec<String> {
    use crate::cmd;
    let restarts = [
        cmd::RESTART_WEB,
        cmd::RESTART_PROXY,
        cmd::RESTART_DNS,
        cmd::RESTART_CRON,
    ];
    let others = [
        cmd::LIST_USER,
        cmd::LIST_WEB_DOMAINS,
        cmd::LIST_WEB_DOMAIN,
        cmd::PURGE_NGINX_CACHE,
        cmd::MAKE_TMP_FILE,
        cmd::LIST_USER_AUTH_LOG,
    ];
    super::hosting::commands()
        .filter(|c| !restarts.contains(c))
        .map(|c| c.name)
        .chain(others.map(|c| c.name))
        .map(str::to_owned)
        .collect()
}

/// The demo's hosting objects, created with the simulator's own commands at start.
pub const SEED: &[(crate::cmd::Spec, &[&str])] = &[
    (
        crate::cmd::ADD_DNS_DOMAIN,
        &["alice", "example.test", "203.0.113.10"],
    ),
    (
        crate::cmd::ADD_DNS_DOMAIN,
        &["alice", "blog.example.test", "203.0.113.10"],
    ),
    (
        crate::cmd::ADD_DNS_RECORD,
        &[
            "alice",
            "example.test",
            "shop",
            "CNAME",
            "example.test",
            "",
            "",
            "no",
        ],
    ),
    (crate::cmd::ADD_MAIL_DOMAIN, &["alice", "example.test"]),
    (
        crate::cmd::ADD_MAIL_ACCOUNT,
        &[
            "alice",
            "example.test",
            "info",
            "demo-mail-password",
            "1024",
        ],
    ),
    (
        crate::cmd::ADD_MAIL_ACCOUNT,
        &["alice", "example.test", "sales", "demo-mail-password"],
    ),
    (
        crate::cmd::ADD_MAIL_ACCOUNT_ALIAS,
        &["alice", "example.test", "info", "hello"],
    ),
    (
        crate::cmd::ADD_MAIL_ACCOUNT_FORWARD,
        &["alice", "example.test", "sales", "team@example.org"],
    ),
    (
        crate::cmd::ADD_DATABASE,
        &[
            "alice",
            "wp",
            "wp",
            "demo-db-password",
            "mysql",
            "",
            "UTF8MB4",
        ],
    ),
    (
        crate::cmd::ADD_CRON_JOB,
        &[
            "alice",
            "*/15",
            "*",
            "*",
            "*",
            "*",
            "php /home/alice/web/example.test/public_html/cron.php",
            "",
            "no",
        ],
    ),
    (
        crate::cmd::ADD_CRON_JOB,
        &[
            "alice",
            "30",
            "3",
            "*",
            "*",
            "0",
            "/home/alice/bin/cleanup.sh",
            "",
            "no",
        ],
    ),
];

/// The keys a person logs in with, in the order they are printed.
pub const LOGIN_KEYS: [DemoKey; 6] = [
    HOSTING_KEY,
    ADMIN_KEY,
    NARROW_KEY,
    USER_KEY,
    MAIL_KEY,
    DNS_KEY,
];

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
        assert_eq!(TWO_FACTOR_SECRET.len(), 32);
        assert!(super::super::totp(TWO_FACTOR_SECRET, 0).is_some());
    }
}
