//! The simulated server's data: Hestia keeps shell-style `KEY='value'` files, so every record
//! here is an ordered map of strings, printed as Hestia's JSON prints them.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant, SystemTime};

use indexmap::IndexMap;

use super::demo;
use crate::model::ProfileRole;
use crate::permissions::shipped_profiles;

/// A record: field name → value, in Hestia's field order.
pub type Record = IndexMap<String, String>;

/// Builds a record from pairs.
pub(crate) fn record(pairs: &[(&str, &str)]) -> Record {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// `hestia.conf` settings the endpoint reads on every request (§2.5).
#[derive(Debug, Clone)]
pub struct SysConfig {
    /// `API`: legacy mode on (`yes`) or off.
    pub api: String,
    /// `API_SYSTEM`: 0 off, 1 root keys only, 2 all keys.
    pub api_system: String,
    /// `API_ALLOWED_IP`: comma-separated addresses or `allow-all`.
    pub api_allowed_ip: String,
    /// `ROOT_USER`.
    pub root_user: String,
    /// `DEMO_MODE`.
    pub demo_mode: bool,
}

/// An account and what it owns.
#[derive(Debug, Clone, Default)]
pub struct SimUser {
    /// The `user.conf` record (without usage counters, which are computed).
    pub record: Record,
    /// The account password.
    pub password: String,
    /// Web domains by name.
    pub web_domains: IndexMap<String, Record>,
    /// DNS zones by name.
    pub dns_domains: IndexMap<String, Record>,
    /// DNS records by zone, then ID.
    pub dns_records: IndexMap<String, IndexMap<String, Record>>,
    /// Mail domains by name.
    pub mail_domains: IndexMap<String, Record>,
    /// Mail accounts by domain, then local part.
    pub mail_accounts: IndexMap<String, IndexMap<String, Record>>,
    /// Mail account passwords by `account@domain` (never listed).
    pub mail_passwords: IndexMap<String, String>,
    /// Autoreply messages by `account@domain`.
    pub autoreplies: IndexMap<String, String>,
    /// Databases by full name.
    pub databases: IndexMap<String, Record>,
    /// Cron jobs by number.
    pub cron_jobs: IndexMap<String, Record>,
    /// Backup archives by name.
    pub backups: IndexMap<String, Record>,
    /// The queued or running backup or restore.
    pub backup_job: Option<BackupJob>,
    /// History lines (`v-list-user-log`) by ID.
    pub history: IndexMap<String, Record>,
    /// Notifications by ID.
    pub notifications: IndexMap<String, Record>,
    /// Login history (`$HESTIA/data/users/<user>/auth.log`, never trimmed), oldest first:
    /// DATE, TIME, IP, ACTION, STATUS, USER_AGENT, SESSION, ACTIVE.
    pub auth_log: Vec<Record>,
}

/// A backup or restore in the queue (`v-schedule-user-backup`, `v-schedule-user-restore`).
#[derive(Debug, Clone)]
pub struct BackupJob {
    /// When the queue runs it: the next tick of [`Knobs::queue_every`].
    pub runs_at: Instant,
    /// Whether it has started.
    pub started: bool,
    /// The archive being restored; `None` for a backup.
    pub restore: Option<String>,
}

/// An access key file (§3.1).
#[derive(Debug, Clone)]
pub struct SimKey {
    /// `SECRET_ACCESS_KEY`.
    pub secret: String,
    /// `USER`.
    pub user: String,
    /// `PERMISSIONS`: profile names.
    pub permissions: Vec<String>,
    /// `COMMENT`.
    pub comment: String,
    /// `DATE`.
    pub date: String,
    /// `TIME`.
    pub time: String,
}

/// A permission profile file (§3.3).
#[derive(Debug, Clone)]
pub struct SimProfile {
    /// `ROLE`.
    pub role: ProfileRole,
    /// `COMMANDS`.
    pub commands: Vec<String>,
}

/// One request as the simulator saw it. Secrets are not recorded.
#[derive(Debug, Clone)]
pub struct LoggedRequest {
    /// When it arrived.
    pub at: SystemTime,
    /// The client address.
    pub ip: IpAddr,
    /// `key`, `password`, `legacy-key` or `none`.
    pub mode: &'static str,
    /// The access key ID, in key mode.
    pub key_id: Option<String>,
    /// `cmd`.
    pub command: String,
    /// The arguments, passwords replaced by `***` (a `/tmp/` path is kept).
    pub args: Vec<String>,
    /// The exit code (or endpoint code) it was answered with.
    pub code: u16,
    /// Whether the endpoint wrote a `failed to login` line against the caller (a command's
    /// lines against its IP argument, as `v-check-user-password` writes, are not this).
    pub failed_login: bool,
}

/// Faults to inject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fault {
    /// None: behave.
    #[default]
    None,
    /// Drop every connection, as a stopped or firewalled server does.
    Down,
    /// Answer every request with nginx's HTML 502 page.
    BadGateway,
    /// Break the JSON of every successful JSON answer.
    MalformedJson,
}

/// Knobs tests turn.
#[derive(Debug, Clone)]
pub struct Knobs {
    /// Added before every answer.
    pub latency: Duration,
    /// The fault to inject.
    pub fault: Fault,
    /// How often the backup queue runs, and how long a backup takes. Hestia's cron runs it every
    /// 5 minutes (`*/5 * * * * v-update-sys-queue backup`, on the clock); the demo cannot wait
    /// that long.
    pub queue_every: Duration,
    /// Queued backups fail.
    pub fail_backups: bool,
}

impl Default for Knobs {
    fn default() -> Self {
        Self {
            latency: Duration::ZERO,
            fault: Fault::None,
            queue_every: Duration::from_millis(1500),
            fail_backups: false,
        }
    }
}

/// fail2ban's `hestia-iptables` jail: `maxretry = 5` in a 10 minute find window (§2.6).
pub const BAN_AFTER: usize = 5;
/// The find window and the ban time (fail2ban's defaults).
pub const BAN_WINDOW: Duration = Duration::from_secs(600);

/// Everything the simulated server knows.
#[derive(Debug, Clone)]
pub struct State {
    /// Settings.
    pub config: SysConfig,
    /// Accounts by name.
    pub users: IndexMap<String, SimUser>,
    /// Access keys by ID.
    pub keys: IndexMap<String, SimKey>,
    /// Profiles by name.
    pub profiles: IndexMap<String, SimProfile>,
    /// Hosting packages by name, newest first.
    pub packages: IndexMap<String, Record>,
    /// System services by name.
    pub services: IndexMap<String, Record>,
    /// Legacy API keys.
    pub legacy_keys: Vec<String>,
    /// Files written by `v-make-tmp-file`.
    pub tmp_files: HashMap<String, String>,
    /// `failed to login` lines by address.
    pub failed_logins: HashMap<IpAddr, Vec<Instant>>,
    /// `/var/log/hestia/auth.log` without date and time: `<user> <ip> failed to login`,
    /// `… successfully logged in`, `… failed to login (<reason>)`; `<KEY_ID> <ip> …` for keys
    /// and `api <ip> …` for legacy keys.
    pub auth_log: Vec<String>,
    /// Addresses banned, until when.
    pub bans: HashMap<IpAddr, Instant>,
    /// Every request.
    pub log: Vec<LoggedRequest>,
    /// Injected behaviour.
    pub knobs: Knobs,
}

impl State {
    /// Records a `failed to login` line; the fifth in the window bans the address.
    pub fn record_failed_login(&mut self, ip: IpAddr) {
        let now = Instant::now();
        let lines = self.failed_logins.entry(ip).or_default();
        lines.retain(|t| now.duration_since(*t) < BAN_WINDOW);
        lines.push(now);
        if lines.len() >= BAN_AFTER {
            self.bans.insert(ip, now + BAN_WINDOW);
        }
    }

    /// Writes `<who> <ip> <event>` to auth.log; no address (two spaces) when `ip` is `None`, as
    /// Hestia writes an empty IP argument.
    pub(crate) fn log_auth(&mut self, who: &str, ip: Option<IpAddr>, event: &str) {
        let ip = ip.map(|ip| ip.to_string()).unwrap_or_default();
        self.auth_log.push(format!("{who} {ip} {event}"));
    }

    /// Writes `<who> <ip> failed to login` (with ` (<reason>)`) to auth.log, which fail2ban
    /// counts against `ip` (a line without an address counts for nobody).
    pub(crate) fn log_failed_login(&mut self, who: &str, ip: Option<IpAddr>, reason: Option<&str>) {
        match reason {
            Some(reason) => self.log_auth(who, ip, &format!("failed to login ({reason})")),
            None => self.log_auth(who, ip, "failed to login"),
        }
        if let Some(ip) = ip {
            self.record_failed_login(ip);
        }
    }

    /// Failed logins from `ip` in the current window.
    pub fn failed_login_count(&self, ip: IpAddr) -> usize {
        let now = Instant::now();
        self.failed_logins.get(&ip).map_or(0, |l| {
            l.iter()
                .filter(|t| now.duration_since(**t) < BAN_WINDOW)
                .count()
        })
    }

    /// Whether connections from `ip` are dropped (banned, or the server is down).
    pub fn drops(&self, ip: IpAddr) -> bool {
        self.knobs.fault == Fault::Down
            || self
                .bans
                .get(&ip)
                .is_some_and(|until| Instant::now() < *until)
    }

    /// Whether `ip` passes `API_ALLOWED_IP` (§2.5; `0.0.0.0` counts only in key mode).
    pub fn ip_allowed(&self, ip: IpAddr, key_mode: bool) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
            v4 @ IpAddr::V4(_) => v4,
        };
        self.config
            .api_allowed_ip
            .split(',')
            .map(str::trim)
            .any(|entry| {
                entry == "allow-all"
                    || (key_mode && entry == "0.0.0.0")
                    || entry.parse::<IpAddr>().is_ok_and(|e| e == ip)
            })
    }

    /// A user record with its usage counters, as `v-list-user` prints it.
    pub fn user_record(&self, name: &str) -> Option<Record> {
        let user = self.users.get(name)?;
        let mut r = user.record.clone();
        let aliases: usize = user
            .web_domains
            .values()
            .map(|d| {
                d.get("ALIAS")
                    .map_or(0, |a| a.split(',').filter(|s| !s.is_empty()).count())
            })
            .sum();
        let disk: u64 = user
            .web_domains
            .values()
            .filter_map(|d| d.get("U_DISK")?.parse::<u64>().ok())
            .sum();
        let bandwidth: u64 = user
            .web_domains
            .values()
            .filter_map(|d| d.get("U_BANDWIDTH")?.parse::<u64>().ok())
            .sum();
        let ssl = user
            .web_domains
            .values()
            .filter(|d| d.get("SSL").is_some_and(|s| s == "yes"))
            .count();
        // Hestia's scripts keep these counters in user.conf as they add, delete, suspend.
        let suspended = |objects: &mut dyn Iterator<Item = &Record>| {
            objects
                .filter(|o| o.get("SUSPENDED").is_some_and(|s| s == "yes"))
                .count()
                .to_string()
        };
        let inner = |m: &IndexMap<String, IndexMap<String, Record>>| {
            m.values().map(IndexMap::len).sum::<usize>().to_string()
        };
        for (k, v) in [
            ("U_USERS", self.users.len().to_string()),
            ("U_DISK", disk.to_string()),
            ("U_DISK_WEB", disk.to_string()),
            ("U_BANDWIDTH", bandwidth.to_string()),
            ("U_WEB_DOMAINS", user.web_domains.len().to_string()),
            ("U_WEB_SSL", ssl.to_string()),
            ("U_WEB_ALIASES", aliases.to_string()),
            ("U_DNS_DOMAINS", user.dns_domains.len().to_string()),
            ("U_DNS_RECORDS", inner(&user.dns_records)),
            ("U_MAIL_DOMAINS", user.mail_domains.len().to_string()),
            ("U_MAIL_ACCOUNTS", inner(&user.mail_accounts)),
            ("U_DATABASES", user.databases.len().to_string()),
            ("U_CRON_JOBS", user.cron_jobs.len().to_string()),
            ("U_BACKUPS", user.backups.len().to_string()),
            ("SUSPENDED_WEB", suspended(&mut user.web_domains.values())),
            ("SUSPENDED_DNS", suspended(&mut user.dns_domains.values())),
            ("SUSPENDED_MAIL", suspended(&mut user.mail_domains.values())),
            ("SUSPENDED_DB", suspended(&mut user.databases.values())),
            ("SUSPENDED_CRON", suspended(&mut user.cron_jobs.values())),
        ] {
            r.insert(k.to_owned(), v);
        }
        Some(r)
    }

    /// The seeded demo server: an admin, two users with domains, the shipped profiles plus
    /// Hearth's service profile, and the keys of [`demo`].
    pub fn demo() -> Self {
        let mut profiles: IndexMap<String, SimProfile> = shipped_profiles()
            .into_iter()
            .map(|(name, p)| {
                (
                    name,
                    SimProfile {
                        role: p.role,
                        commands: p.commands,
                    },
                )
            })
            .collect();
        profiles.insert(
            demo::SERVICE_PROFILE.to_owned(),
            SimProfile {
                role: ProfileRole::Admin,
                commands: crate::permissions::SERVICE_COMMANDS
                    .iter()
                    .map(|c| (*c).to_owned())
                    .collect(),
            },
        );
        profiles.insert(
            demo::HOSTING_PROFILE.to_owned(),
            SimProfile {
                role: ProfileRole::User,
                commands: demo::hosting_commands(),
            },
        );
        let mut keys = IndexMap::new();
        for k in demo::LOGIN_KEYS.iter().chain([&demo::SERVICE_KEY]) {
            keys.insert(
                k.id.to_owned(),
                SimKey {
                    secret: k.secret.to_owned(),
                    user: k.user.to_owned(),
                    permissions: k.profiles.iter().map(|p| (*p).to_owned()).collect(),
                    comment: k.label.to_owned(),
                    date: "2025-05-02".into(),
                    time: "10:15:42".into(),
                },
            );
        }
        let mut users = IndexMap::new();
        users.insert(
            demo::ROOT_USER.to_owned(),
            SimUser {
                record: user_record(
                    "System Administrator",
                    "system",
                    "admin",
                    "hostmaster@example.test",
                    "unlimited",
                ),
                password: demo::ROOT_PASSWORD.to_owned(),
                web_domains: [web_domain(
                    "admin",
                    "panel.example.test",
                    "",
                    "yes",
                    "no",
                    "12",
                    "40",
                    "2025-01-10",
                )]
                .into_iter()
                .collect(),
                ..SimUser::default()
            },
        );
        users.insert(
            demo::DEMO_USER.to_owned(),
            SimUser {
                record: user_record(
                    "Alice Example",
                    "default",
                    "user",
                    "alice@example.test",
                    "10",
                ),
                password: demo::USER_PASSWORD.into(),
                web_domains: [
                    web_domain(
                        "alice",
                        "example.test",
                        "www.example.test",
                        "yes",
                        "yes",
                        "231",
                        "1204",
                        "2025-03-04",
                    ),
                    web_domain(
                        "alice",
                        "blog.example.test",
                        "",
                        "yes",
                        "yes",
                        "65",
                        "328",
                        "2025-04-11",
                    ),
                    web_domain(
                        "alice",
                        "shop.example.test",
                        "www.shop.example.test,store.example.test",
                        "no",
                        "no",
                        "18",
                        "0",
                        "2025-06-21",
                    ),
                ]
                .into_iter()
                .collect(),
                ..SimUser::default()
            },
        );
        if let Some(shop) = users
            .get_mut(demo::DEMO_USER)
            .and_then(|u| u.web_domains.get_mut("shop.example.test"))
        {
            shop.insert("SUSPENDED".into(), "yes".into());
        }
        let mut bob = user_record("Bob Builder", "default", "user", "bob@example.test", "10");
        bob.insert("TWOFA".into(), demo::TWO_FACTOR_SECRET.into());
        users.insert(
            demo::TWO_FACTOR_USER.to_owned(),
            SimUser {
                record: bob,
                password: demo::TWO_FACTOR_PASSWORD.into(),
                ..SimUser::default()
            },
        );
        let mut state = Self {
            config: SysConfig {
                api: "yes".into(),
                api_system: "2".into(),
                api_allowed_ip: "127.0.0.1,::1".into(),
                root_user: demo::ROOT_USER.into(),
                demo_mode: false,
            },
            users,
            keys,
            profiles,
            packages: super::admin::demo_packages(),
            services: super::admin::demo_services(),
            legacy_keys: vec![demo::LEGACY_KEY.to_owned()],
            tmp_files: HashMap::new(),
            failed_logins: HashMap::new(),
            auth_log: Vec::new(),
            bans: HashMap::new(),
            log: Vec::new(),
            knobs: Knobs::default(),
        };
        // The rest of the demo is made the way a user would make it: by running commands.
        for (command, args) in demo::SEED {
            let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
            let outcome = super::commands::run(&mut state, command.name, &args);
            debug_assert_eq!(
                outcome.code, 0,
                "{} {args:?}: {}",
                command.name, outcome.stdout
            );
        }
        if let Some(alice) = state.users.get_mut(demo::DEMO_USER) {
            alice.backups.insert(
                "alice.2025-05-12_05-10-03.tar".into(),
                record(&[
                    ("TYPE", "local"),
                    ("SIZE", "142"),
                    ("WEB", "example.test,blog.example.test,shop.example.test"),
                    ("DNS", "example.test"),
                    ("MAIL", "example.test"),
                    ("DB", "alice_wp"),
                    ("CRON", "yes"),
                    ("UDIR", ""),
                    ("RUNTIME", "1"),
                    ("TIME", "05:10:03"),
                    ("DATE", "2025-05-12"),
                ]),
            );
        }
        state
    }
}

pub(crate) fn user_record(
    name: &str,
    package: &str,
    role: &str,
    contact: &str,
    limit: &str,
) -> Record {
    let disk = if limit == "unlimited" {
        "unlimited"
    } else {
        "2048"
    };
    // Per-domain limits are bigger in Hestia's default package.
    let per_domain = if limit == "unlimited" {
        "unlimited"
    } else {
        "100"
    };
    let bandwidth = if limit == "unlimited" {
        "unlimited"
    } else {
        "10240"
    };
    record(&[
        ("NAME", name),
        ("PACKAGE", package),
        ("WEB_TEMPLATE", "default"),
        ("BACKEND_TEMPLATE", "PHP-8_3"),
        ("PROXY_TEMPLATE", "default"),
        ("DNS_TEMPLATE", "default"),
        ("WEB_DOMAINS", limit),
        ("WEB_ALIASES", limit),
        ("DNS_DOMAINS", limit),
        ("DNS_RECORDS", per_domain),
        ("MAIL_DOMAINS", limit),
        ("MAIL_ACCOUNTS", per_domain),
        ("DATABASES", limit),
        ("CRON_JOBS", limit),
        ("DISK_QUOTA", disk),
        ("BANDWIDTH", bandwidth),
        ("HOME", "/home"),
        ("NS", "ns1.example.test,ns2.example.test"),
        ("SHELL", "nologin"),
        // Hestia's default package keeps one backup.
        ("BACKUPS", "1"),
        ("CONTACT", contact),
        ("CRON_REPORTS", "yes"),
        ("RKEY", "simulatedResetKey"),
        ("TWOFA", ""),
        ("QRCODE", ""),
        ("ROLE", role),
        ("SUSPENDED", "no"),
        ("SUSPENDED_USERS", "0"),
        ("SUSPENDED_WEB", "0"),
        ("SUSPENDED_DNS", "0"),
        ("SUSPENDED_MAIL", "0"),
        ("SUSPENDED_DB", "0"),
        ("SUSPENDED_CRON", "0"),
        ("IP_AVAIL", "1"),
        ("IP_OWNED", "0"),
        ("U_USERS", "0"),
        ("U_DISK", "0"),
        ("U_DISK_DIRS", "0"),
        ("U_DISK_WEB", "0"),
        ("U_DISK_MAIL", "0"),
        ("U_DISK_DB", "0"),
        ("U_BANDWIDTH", "0"),
        ("U_WEB_DOMAINS", "0"),
        ("U_WEB_SSL", "0"),
        ("U_WEB_ALIASES", "0"),
        ("U_DNS_DOMAINS", "0"),
        ("U_DNS_RECORDS", "0"),
        ("U_MAIL_DOMAINS", "0"),
        ("U_MAIL_DKIM", "0"),
        ("U_MAIL_ACCOUNTS", "0"),
        ("U_DATABASES", "0"),
        ("U_CRON_JOBS", "0"),
        ("U_BACKUPS", "0"),
        ("BACKUPS_INCREMENTAL", "no"),
        ("LANGUAGE", "en"),
        ("THEME", ""),
        ("NOTIFICATIONS", "no"),
        ("PREF_UI_SORT", "name"),
        ("LOGIN_DISABLED", "no"),
        ("LOGIN_USE_IPLIST", "no"),
        ("LOGIN_ALLOW_IPS", ""),
        ("PHPCLI", "8.3"),
        ("TIME", "14:02:11"),
        ("DATE", "2025-03-04"),
    ])
}

/// A web domain record as `v-list-web-domains` prints it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn web_domain(
    user: &str,
    domain: &str,
    aliases: &str,
    ssl: &str,
    letsencrypt: &str,
    disk: &str,
    bandwidth: &str,
    date: &str,
) -> (String, Record) {
    let root = format!("/home/{user}/web/{domain}/public_html/");
    let r = record(&[
        ("IP", "203.0.113.10"),
        ("IP6", ""),
        ("DOCUMENT_ROOT", &root),
        ("U_DISK", disk),
        ("U_BANDWIDTH", bandwidth),
        ("TPL", "default"),
        ("ALIAS", aliases),
        ("STATS", ""),
        ("STATS_USER", ""),
        ("SSL", ssl),
        ("SSL_HOME", "same"),
        ("LETSENCRYPT", letsencrypt),
        ("FTP_USER", ""),
        ("FTP_PATH", ""),
        ("AUTH_USER", ""),
        ("BACKEND", "PHP-8_3"),
        ("PROXY", "default"),
        ("PROXY_EXT", "css,htm,html,js,json,xml,png,jpg,svg"),
        ("SUSPENDED", "no"),
        ("TIME", "14:10:33"),
        ("DATE", date),
    ]);
    (domain.to_owned(), r)
}

/// A fresh web domain record for `user` (tests and benchmarks seed big accounts with it).
pub fn web_domain_record(user: &str, domain: &str) -> (String, Record) {
    web_domain(user, domain, "", "no", "no", "1", "2", "2025-01-01")
}
