//! `v-list-user` and `v-list-users` (PROTOCOL.md §5.1).

use serde::{Deserialize, Serialize};

use super::de::{self, Limit};
use super::Keyed;

/// A Hestia account with its package limits and usage. `RKEY`, `QRCODE` and the `TWOFA` secret
/// are not kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "SCREAMING_SNAKE_CASE")]
pub struct User {
    /// The account name (the collection key).
    #[serde(rename = "USER")]
    pub user: String,
    /// The person's name.
    #[serde(deserialize_with = "de::text")]
    pub name: String,
    /// The hosting package.
    #[serde(deserialize_with = "de::text")]
    pub package: String,
    /// `admin` or `user`.
    #[serde(deserialize_with = "de::text")]
    pub role: String,
    /// Contact email.
    #[serde(deserialize_with = "de::text")]
    pub contact: String,
    /// Login shell.
    #[serde(deserialize_with = "de::text")]
    pub shell: String,
    /// Whether the account is suspended.
    #[serde(deserialize_with = "de::flag")]
    pub suspended: bool,
    /// `LOGIN_DISABLED`: Hestia's own login refuses the account (PROTOCOL.md §7.1).
    #[serde(deserialize_with = "de::flag")]
    pub login_disabled: bool,
    /// `LOGIN_USE_IPLIST`: only the addresses of [`Self::login_allow_ips`] may log in.
    #[serde(rename = "LOGIN_USE_IPLIST", deserialize_with = "de::flag")]
    pub login_use_ip_list: bool,
    /// `LOGIN_ALLOW_IPS`: comma-separated addresses (no ranges).
    #[serde(deserialize_with = "de::text")]
    pub login_allow_ips: String,
    /// Whether two-factor authentication is on (`TWOFA` holds a secret, which is not kept).
    #[serde(
        rename = "TWO_FACTOR",
        alias = "TWOFA",
        deserialize_with = "de::present"
    )]
    pub two_factor: bool,
    /// Limit of web domains.
    pub web_domains: Limit,
    /// Limit of web aliases.
    pub web_aliases: Limit,
    /// Limit of DNS zones.
    pub dns_domains: Limit,
    /// Limit of DNS records.
    pub dns_records: Limit,
    /// Limit of mail domains.
    pub mail_domains: Limit,
    /// Limit of mail accounts.
    pub mail_accounts: Limit,
    /// Limit of databases.
    pub databases: Limit,
    /// Limit of cron jobs.
    pub cron_jobs: Limit,
    /// Disk quota, MB.
    pub disk_quota: Limit,
    /// Monthly bandwidth, MB.
    pub bandwidth: Limit,
    /// Number of backups kept.
    pub backups: Limit,
    /// Web domains in use.
    #[serde(deserialize_with = "de::count")]
    pub u_web_domains: Option<u64>,
    /// Web aliases in use.
    #[serde(deserialize_with = "de::count")]
    pub u_web_aliases: Option<u64>,
    /// DNS zones in use.
    #[serde(deserialize_with = "de::count")]
    pub u_dns_domains: Option<u64>,
    /// DNS records in use.
    #[serde(deserialize_with = "de::count")]
    pub u_dns_records: Option<u64>,
    /// Mail domains in use.
    #[serde(deserialize_with = "de::count")]
    pub u_mail_domains: Option<u64>,
    /// Mail accounts in use.
    #[serde(deserialize_with = "de::count")]
    pub u_mail_accounts: Option<u64>,
    /// Databases in use.
    #[serde(deserialize_with = "de::count")]
    pub u_databases: Option<u64>,
    /// Cron jobs in use.
    #[serde(deserialize_with = "de::count")]
    pub u_cron_jobs: Option<u64>,
    /// Disk in use, MB.
    #[serde(deserialize_with = "de::count")]
    pub u_disk: Option<u64>,
    /// Bandwidth used this month, MB.
    #[serde(deserialize_with = "de::count")]
    pub u_bandwidth: Option<u64>,
    /// Backups kept.
    #[serde(deserialize_with = "de::count")]
    pub u_backups: Option<u64>,
    /// Web domains suspended.
    #[serde(deserialize_with = "de::count")]
    pub suspended_web: Option<u64>,
    /// DNS zones suspended.
    #[serde(deserialize_with = "de::count")]
    pub suspended_dns: Option<u64>,
    /// Mail domains suspended.
    #[serde(deserialize_with = "de::count")]
    pub suspended_mail: Option<u64>,
    /// Databases suspended.
    #[serde(deserialize_with = "de::count")]
    pub suspended_db: Option<u64>,
    /// Cron jobs suspended.
    #[serde(deserialize_with = "de::count")]
    pub suspended_cron: Option<u64>,
    /// Creation date, `YYYY-MM-DD`.
    #[serde(deserialize_with = "de::text")]
    pub date: String,
}

impl User {
    /// Why Hestia's own login would refuse this account after a right password (§7.1 step 4),
    /// in Hestia's words, for a browser at `ip`.
    pub fn login_refusal(&self, ip: &str) -> Option<&'static str> {
        if self.login_disabled {
            return Some("Login disabled for this user");
        }
        let listed = || !ip.is_empty() && self.login_allow_ips.split(',').any(|a| a.trim() == ip);
        (self.login_use_ip_list && !listed()).then_some("IP address not in allowed list")
    }
}

impl Keyed for User {
    fn set_key(&mut self, key: String) {
        self.user = key;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse_keyed, parse_single};
    use super::*;

    #[test]
    fn fixture_v_list_user() {
        let body = include_str!("../../tests/fixtures/v-list-user.json");
        let u: User = parse_single(body).unwrap();
        assert_eq!(u.user, "alice");
        assert_eq!(u.package, "default");
        assert_eq!(u.web_domains, Limit::Unlimited);
        assert_eq!(u.u_web_domains, Some(2));
        assert_eq!(u.u_disk, Some(418));
        assert!(!u.suspended);
        assert!(!u.two_factor);
        let json = serde_json::to_string(&u).unwrap();
        for sensitive in ["RKEY", "TWOFA", "QRCODE", "q7Lm2Xv9Rt4Kb8Np"] {
            assert!(!json.contains(sensitive), "{sensitive} leaked: {json}");
        }
        assert_eq!(serde_json::from_str::<User>(&json).unwrap(), u);
    }

    #[test]
    fn fixture_v_list_users() {
        let users: Vec<User> =
            parse_keyed(include_str!("../../tests/fixtures/v-list-users.json")).unwrap();
        assert!(users.iter().any(|u| u.user == "admin" && u.role == "admin"));
        assert!(users.len() >= 2);
    }
}
