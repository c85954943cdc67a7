//! The hosting commands of PROTOCOL.md §5.2–5.7 (web, DNS, mail, databases, cron, backups),
//! statefully, with Hestia's argument orders, checks, messages and exit codes: E_ARGS 1,
//! E_INVALID 2, E_NOTEXIST 3, E_EXISTS 4, E_SUSPENDED 5, E_UNSUSPENDED 6, E_LIMIT 8,
//! E_DISABLED 11.

use std::time::{Duration, Instant};

use indexmap::IndexMap;
use serde_json::json;

use super::commands::{keyed, pretty, Outcome};
use super::state::{record, BackupJob, Record, SimUser, State};
use crate::cmd::{self, Spec};

/// What a hosting command works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    Web,
    Dns,
    Mail,
    Databases,
    Cron,
    /// Backups, restores and the history that reports them.
    Backups,
    /// Service restarts after a bulk run (nothing to simulate).
    Restart,
}

/// The hosting commands the simulator runs, by what they work on.
const AREAS: &[(Area, &[Spec])] = &[
    (
        Area::Web,
        &[
            cmd::ADD_WEB_DOMAIN,
            cmd::DELETE_WEB_DOMAIN,
            cmd::SUSPEND_WEB_DOMAIN,
            cmd::UNSUSPEND_WEB_DOMAIN,
            cmd::ADD_WEB_DOMAIN_ALIAS,
            cmd::DELETE_WEB_DOMAIN_ALIAS,
            cmd::ADD_LETSENCRYPT_DOMAIN,
            cmd::DELETE_LETSENCRYPT_DOMAIN,
        ],
    ),
    (
        Area::Dns,
        &[
            cmd::LIST_DNS_DOMAINS,
            cmd::LIST_DNS_RECORDS,
            cmd::ADD_DNS_DOMAIN,
            cmd::DELETE_DNS_DOMAIN,
            cmd::SUSPEND_DNS_DOMAIN,
            cmd::UNSUSPEND_DNS_DOMAIN,
            cmd::ADD_DNS_RECORD,
            cmd::CHANGE_DNS_RECORD,
            cmd::DELETE_DNS_RECORD,
        ],
    ),
    (
        Area::Mail,
        &[
            cmd::LIST_MAIL_DOMAINS,
            cmd::LIST_MAIL_DOMAIN_DKIM_DNS,
            cmd::LIST_MAIL_ACCOUNTS,
            cmd::ADD_MAIL_DOMAIN,
            cmd::DELETE_MAIL_DOMAIN,
            cmd::SUSPEND_MAIL_DOMAIN,
            cmd::UNSUSPEND_MAIL_DOMAIN,
            cmd::ADD_MAIL_ACCOUNT,
            cmd::DELETE_MAIL_ACCOUNT,
            cmd::CHANGE_MAIL_ACCOUNT_PASSWORD,
            cmd::CHANGE_MAIL_ACCOUNT_QUOTA,
            cmd::SUSPEND_MAIL_ACCOUNT,
            cmd::UNSUSPEND_MAIL_ACCOUNT,
            cmd::ADD_MAIL_ACCOUNT_ALIAS,
            cmd::DELETE_MAIL_ACCOUNT_ALIAS,
            cmd::ADD_MAIL_ACCOUNT_FORWARD,
            cmd::DELETE_MAIL_ACCOUNT_FORWARD,
            cmd::ADD_MAIL_ACCOUNT_AUTOREPLY,
            cmd::DELETE_MAIL_ACCOUNT_AUTOREPLY,
        ],
    ),
    (
        Area::Databases,
        &[
            cmd::LIST_DATABASES,
            cmd::ADD_DATABASE,
            cmd::DELETE_DATABASE,
            cmd::SUSPEND_DATABASE,
            cmd::UNSUSPEND_DATABASE,
        ],
    ),
    (
        Area::Cron,
        &[
            cmd::LIST_CRON_JOBS,
            cmd::ADD_CRON_JOB,
            cmd::CHANGE_CRON_JOB,
            cmd::DELETE_CRON_JOB,
            cmd::SUSPEND_CRON_JOB,
            cmd::UNSUSPEND_CRON_JOB,
        ],
    ),
    (
        Area::Backups,
        &[
            cmd::LIST_USER_BACKUPS,
            cmd::SCHEDULE_USER_BACKUP,
            cmd::SCHEDULE_USER_RESTORE,
            cmd::DELETE_USER_BACKUP,
            cmd::LIST_USER_LOG,
            cmd::LIST_USER_NOTIFICATIONS,
        ],
    ),
    (
        Area::Restart,
        &[
            cmd::RESTART_WEB,
            cmd::RESTART_PROXY,
            cmd::RESTART_DNS,
            cmd::RESTART_CRON,
        ],
    ),
];

/// The hosting commands the simulator runs.
pub(super) fn commands() -> impl Iterator<Item = &'static Spec> {
    AREAS.iter().flat_map(|(_, specs)| specs.iter())
}

fn area(command: &str) -> Option<Area> {
    AREAS
        .iter()
        .find(|(_, specs)| specs.iter().any(|s| s.name == command))
        .map(|(area, _)| *area)
}

fn invalid(what: &str, value: &str) -> Outcome {
    Outcome::error(2, format!("invalid {what} format :: {value}"))
}

fn missing(what: &str, name: &str) -> Outcome {
    Outcome::error(3, format!("{what} {name} doesn't exist"))
}

fn exists(what: &str, name: &str) -> Outcome {
    Outcome::error(4, format!("{what} {name} exists"))
}

fn limit(name: &str) -> Outcome {
    Outcome::error(
        8,
        format!("{name} limit is reached :: upgrade user package"),
    )
}

fn is_yes(r: &Record, field: &str) -> bool {
    r.get(field).is_some_and(|v| v == "yes")
}

fn set(r: &mut Record, field: &str, value: impl Into<String>) {
    r.insert(field.to_owned(), value.into());
}

/// `is_domain_format_valid` ([`crate::names::domain`]).
fn domain_ok(d: &str) -> bool {
    crate::names::domain(d).is_ok()
}

fn cron_field_ok(value: &str, max: u32) -> bool {
    value.split(',').all(|part| {
        let (range, step) = part.split_once('/').unwrap_or((part, "1"));
        let step_ok = step.parse::<u32>().is_ok_and(|s| s >= 1 && s <= max);
        let range_ok = range == "*"
            || range
                .split('-')
                .all(|n| n.parse::<u32>().is_ok_and(|n| n <= max))
                && range.split('-').count() <= 2;
        step_ok && range_ok
    })
}

/// A limit from the package (`unlimited` or a number).
fn under_limit(user: &SimUser, field: &str, used: usize) -> bool {
    match user.record.get(field).map(String::as_str) {
        Some("unlimited") | None => true,
        Some(n) => n.parse::<usize>().is_ok_and(|max| used < max),
    }
}

/// The first line of a `/tmp/` password file, or the literal password (§5.0).
pub(crate) fn password(state: &State, value: &str) -> Option<String> {
    if value.starts_with("/tmp/") {
        let file = state.tmp_files.get(value)?;
        return file.lines().next().map(str::to_owned);
    }
    Some(value.to_owned())
}

/// Today and now, UTC, as Hestia prints them (`YYYY-MM-DD`, `HH:MM:SS`).
pub(crate) fn now_stamp() -> (String, String) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        format!("{year:04}-{month:02}-{day:02}"),
        format!("{:02}:{:02}:{:02}", rem / 3600, rem / 60 % 60, rem % 60),
    )
}

fn stamped(pairs: &[(&str, &str)]) -> Record {
    let mut r = record(pairs);
    let (date, time) = now_stamp();
    set(&mut r, "SUSPENDED", "no");
    set(&mut r, "TIME", time);
    set(&mut r, "DATE", date);
    r
}

/// Appends a line to the user's history (`v-list-user-log`).
pub(crate) fn log(user: &mut SimUser, level: &str, category: &str, message: &str) {
    let id = user
        .history
        .keys()
        .filter_map(|k| k.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let (date, time) = now_stamp();
    user.history.insert(
        id.to_string(),
        record(&[
            ("DATE", &date),
            ("TIME", &time),
            ("LEVEL", level),
            ("CATEGORY", category),
            ("MESSAGE", message),
        ]),
    );
}

/// Suspends or unsuspends a record: 5 when already suspended, 6 when already active.
fn toggle(r: &mut Record, suspend: bool, what: &str, name: &str) -> Outcome {
    match (suspend, is_yes(r, "SUSPENDED")) {
        (true, true) => Outcome::error(5, format!("{what} {name} is suspended")),
        (false, false) => Outcome::error(6, format!("{what} {name} is not suspended")),
        _ => {
            set(r, "SUSPENDED", if suspend { "yes" } else { "no" });
            Outcome::silent()
        }
    }
}

fn add_to_list(r: &mut Record, field: &str, items: &[&str]) {
    let mut list: Vec<String> = r
        .get(field)
        .map(|v| {
            v.split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    for item in items {
        if !list.iter().any(|l| l == item) {
            list.push((*item).to_owned());
        }
    }
    set(r, field, list.join(","));
}

fn remove_from_list(r: &mut Record, field: &str, item: &str) -> bool {
    let list: Vec<&str> = r
        .get(field)
        .map(|v| v.split(',').filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    let kept: Vec<&str> = list.iter().copied().filter(|l| *l != item).collect();
    let found = kept.len() != list.len();
    let joined = kept.join(",");
    set(r, field, joined);
    found
}

fn list_has(r: &Record, field: &str, item: &str) -> bool {
    r.get(field)
        .is_some_and(|v| v.split(',').any(|s| s == item))
}

/// When the queue next runs: the next multiple of `every` on the clock, as cron's `*/5` is.
fn next_queue_run(every: Duration) -> Instant {
    let every_ms = every.as_millis().max(1);
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let wait = every_ms - now_ms % every_ms;
    Instant::now() + Duration::from_millis(u64::try_from(wait).unwrap_or(u64::MAX))
}

/// Moves queued backups along as Hestia's queue does: at the queue's next run the job starts
/// (history line); one [`super::Knobs::queue_every`] later it is done (archive, history line)
/// or failed. A new archive rotates out the oldest beyond the package's `BACKUPS`, as
/// `v-backup-user` does.
pub(crate) fn advance_backups(state: &mut State) {
    let every = state.knobs.queue_every;
    let fail = state.knobs.fail_backups;
    let now = Instant::now();
    for (name, user) in &mut state.users {
        let Some(job) = user.backup_job.clone() else {
            continue;
        };
        if now < job.runs_at {
            continue;
        }
        if !job.started {
            user.backup_job = Some(BackupJob {
                started: true,
                ..job.clone()
            });
            let what = match &job.restore {
                Some(archive) => format!("Restore started (Archive: {archive})."),
                None => "Backup started.".to_owned(),
            };
            log(user, "Info", "Backup", &what);
        }
        if now < job.runs_at + every {
            continue;
        }
        user.backup_job = None;
        if fail {
            log(
                user,
                "Error",
                "Backup",
                "Backup failed (not enough disk space available).",
            );
            continue;
        }
        if let Some(archive) = job.restore {
            log(
                user,
                "Info",
                "Backup",
                &format!("Restore finished (Archive: {archive})."),
            );
            continue;
        }
        let (date, time) = now_stamp();
        let archive = format!("{name}.{date}_{}.tar", time.replace(':', "-"));
        let joined = |keys: Vec<&String>| {
            keys.into_iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(",")
        };
        let backup = record(&[
            ("TYPE", "local"),
            ("SIZE", "12"),
            ("WEB", &joined(user.web_domains.keys().collect())),
            ("DNS", &joined(user.dns_domains.keys().collect())),
            ("MAIL", &joined(user.mail_domains.keys().collect())),
            ("DB", &joined(user.databases.keys().collect())),
            ("CRON", if user.cron_jobs.is_empty() { "" } else { "yes" }),
            ("UDIR", ""),
            ("RUNTIME", "1"),
            ("TIME", &time),
            ("DATE", &date),
        ]);
        user.backups.insert(archive.clone(), backup);
        // `tail -n $BACKUPS backup.conf`: the newest BACKUPS archives stay.
        let keep = user
            .record
            .get("BACKUPS")
            .and_then(|b| b.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        while user.backups.len() > keep {
            user.backups.shift_remove_index(0);
        }
        log(
            user,
            "Info",
            "Backup",
            &format!("Backup created (Archive: {archive})."),
        );
    }
}

/// Where a command takes a password.
fn secret_position(command: &str) -> Option<usize> {
    crate::cmd::find(command)?.secret_positions().next()
}

/// The arguments as the request log keeps them: passwords masked, `/tmp/` paths kept.
pub(crate) fn masked(command: &str, args: &[String]) -> Vec<String> {
    let at = secret_position(command);
    args.iter()
        .enumerate()
        .map(|(i, a)| {
            if Some(i) == at && !a.starts_with("/tmp/") {
                "***".to_owned()
            } else {
                a.clone()
            }
        })
        .collect()
}

/// Runs a hosting command; `None` when it is not one of [`AREAS`].
pub(crate) fn run(state: &mut State, command: &str, args: &[String]) -> Option<Outcome> {
    let area = area(command)?;
    let (options, required) = super::commands::usage(command);
    if args.iter().take(required).filter(|a| !a.is_empty()).count() < required {
        return Some(Outcome::usage(command, options));
    }
    if area == Area::Restart {
        return Some(Outcome::silent());
    }
    // Passwords may come as `/tmp/` files (§5.0).
    let secret = match secret_position(command).map(|i| password(state, &args[i])) {
        Some(None) => return Some(Outcome::error(2, "invalid password format")),
        Some(Some(p)) => p,
        None => String::new(),
    };
    let name = args[0].clone();
    let queue_every = state.knobs.queue_every;
    let Some(user) = state.users.get_mut(&name) else {
        return Some(Outcome::error(3, format!("user {name} doesn't exist")));
    };
    let changes = crate::cmd::find(command).is_some_and(Spec::changes);
    if changes && is_yes(&user.record, "SUSPENDED") {
        return Some(Outcome::error(5, format!("user {name} is suspended")));
    }
    let a = Args(args);
    Some(match area {
        Area::Web => web(user, &name, command, &a),
        Area::Dns => dns(user, command, &a),
        Area::Mail => mail(user, command, &a, &secret),
        Area::Databases => databases(user, &name, command, &a, &secret),
        Area::Cron => cron(user, command, &a),
        Area::Backups | Area::Restart => backups(user, command, &a, queue_every),
    })
}

/// Positional arguments, `""` when absent.
struct Args<'a>(&'a [String]);

impl Args<'_> {
    fn get(&self, i: usize) -> &str {
        self.0.get(i).map_or("", String::as_str)
    }
}

fn web(user: &mut SimUser, name: &str, command: &str, a: &Args<'_>) -> Outcome {
    let domain = a.get(1);
    if command == "v-add-web-domain" {
        let domain = domain.to_lowercase();
        if !domain_ok(&domain) {
            return invalid("domain", &domain);
        }
        let ip = a.get(2);
        if !ip.is_empty() && ip.parse::<std::net::IpAddr>().is_err() {
            return invalid("ip", ip);
        }
        if user.web_domains.contains_key(&domain) {
            return Outcome::error(4, format!("Web domain {domain} exists"));
        }
        if !under_limit(user, "WEB_DOMAINS", user.web_domains.len()) {
            return limit("WEB_DOMAINS");
        }
        let aliases = match a.get(4) {
            "" if domain.matches('.').count() == 1 => format!("www.{domain}"),
            "" | "none" => String::new(),
            list => list.to_lowercase(),
        };
        if let Some(bad) = aliases.split(',').find(|x| !x.is_empty() && !domain_ok(x)) {
            return invalid("alias", bad);
        }
        let (_, mut r) =
            super::state::web_domain(name, &domain, &aliases, "no", "no", "0", "0", "");
        let (date, time) = now_stamp();
        set(
            &mut r,
            "IP",
            if ip.is_empty() { "203.0.113.10" } else { ip },
        );
        set(&mut r, "TIME", time);
        set(&mut r, "DATE", date);
        user.web_domains.insert(domain.clone(), r);
        log(
            user,
            "Info",
            "Web",
            &format!("Added new web domain (Name: {domain})."),
        );
        return Outcome::silent();
    }
    let aliases_used: usize = user
        .web_domains
        .values()
        .map(|d| {
            d.get("ALIAS")
                .map_or(0, |x| x.split(',').filter(|s| !s.is_empty()).count())
        })
        .sum();
    let alias = a.get(2).to_lowercase();
    let alias_taken = user
        .web_domains
        .iter()
        .any(|(d, r)| *d == alias || list_has(r, "ALIAS", &alias));
    let alias_room = under_limit(user, "WEB_ALIASES", aliases_used);
    if command == "v-delete-web-domain" {
        return match user.web_domains.shift_remove(domain) {
            Some(_) => {
                log(
                    user,
                    "Info",
                    "Web",
                    &format!("Deleted web domain (Name: {domain})."),
                );
                Outcome::silent()
            }
            None => missing("web domain", domain),
        };
    }
    let Some(r) = user.web_domains.get_mut(domain) else {
        return missing("web domain", domain);
    };
    let suspended = is_yes(r, "SUSPENDED");
    match command {
        "v-suspend-web-domain" | "v-unsuspend-web-domain" => {
            toggle(r, command == "v-suspend-web-domain", "web domain", domain)
        }
        _ if suspended => Outcome::error(5, format!("web domain {domain} is suspended")),
        "v-add-web-domain-alias" => {
            if !domain_ok(&alias) {
                invalid("alias", &alias)
            } else if alias_taken {
                exists("web alias", &alias)
            } else if !alias_room {
                limit("WEB_ALIASES")
            } else {
                add_to_list(r, "ALIAS", &[&alias]);
                Outcome::silent()
            }
        }
        "v-delete-web-domain-alias" => {
            if remove_from_list(r, "ALIAS", &alias) {
                Outcome::silent()
            } else {
                missing("web alias", &alias)
            }
        }
        "v-add-letsencrypt-domain" => {
            if is_yes(r, "LETSENCRYPT") {
                return exists("letsencrypt certificate for", domain);
            }
            set(r, "SSL", "yes");
            set(r, "LETSENCRYPT", "yes");
            Outcome::silent()
        }
        // v-delete-letsencrypt-domain
        _ => {
            if !is_yes(r, "LETSENCRYPT") {
                return missing("letsencrypt certificate for", domain);
            }
            set(r, "SSL", "no");
            set(r, "LETSENCRYPT", "no");
            Outcome::silent()
        }
    }
}

/// Record types `v-add-dns-record` accepts.
const DNS_TYPES: &[&str] = &[
    "A", "AAAA", "CAA", "CNAME", "DNSKEY", "DS", "IPSECKEY", "KEY", "MX", "NS", "PTR", "SPF",
    "SRV", "TLSA", "TXT",
];

/// `is_dns_record_format_valid`: what Hestia itself checks of a value.
fn dns_value_problem(kind: &str, value: &str) -> Option<&'static str> {
    let host = |v: &str| {
        let v = v.trim_end_matches('.');
        domain_ok(v) || v.split('.').count() == 1
    };
    let ok = match kind {
        "A" => value.parse::<std::net::Ipv4Addr>().is_ok(),
        "AAAA" => value.parse::<std::net::Ipv6Addr>().is_ok(),
        "CNAME" | "NS" | "PTR" | "MX" => host(value),
        "SRV" => value.split_whitespace().count() == 3,
        "CAA" => value.split_whitespace().count() >= 3,
        _ => !value.is_empty(),
    };
    (!ok).then_some("value")
}

fn dns(user: &mut SimUser, command: &str, a: &Args<'_>) -> Outcome {
    let zone = a.get(1).to_lowercase();
    match command {
        "v-list-dns-domains" => {
            return Outcome::ok(keyed(user.dns_domains.iter().map(|(k, r)| (k, r.clone()))))
        }
        "v-list-dns-records" => {
            return match user.dns_records.get(&zone) {
                Some(records) => Outcome::ok(keyed(records.iter().map(|(k, r)| (k, r.clone())))),
                None => missing("dns domain", &zone),
            };
        }
        "v-add-dns-domain" => {
            let ip = a.get(2);
            if !domain_ok(&zone) {
                return invalid("domain", &zone);
            }
            if ip.parse::<std::net::Ipv4Addr>().is_err() {
                return invalid("ip", ip);
            }
            if user.dns_domains.contains_key(&zone) {
                return exists("DNS domain", &zone);
            }
            if !under_limit(user, "DNS_DOMAINS", user.dns_domains.len()) {
                return limit("DNS_DOMAINS");
            }
            let given: Vec<String> = (3..11)
                .map(|i| a.get(i))
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            let ns: Vec<String> = if given.is_empty() {
                user.record
                    .get("NS")
                    .map(|n| n.split(',').map(str::to_owned).collect())
                    .unwrap_or_default()
            } else {
                given
            };
            let mut records = IndexMap::new();
            let mut add = |record: &str, kind: &str, value: String, priority: &str| {
                let id = (records.len() + 1).to_string();
                let mut r = stamped(&[
                    ("RECORD", record),
                    ("TYPE", kind),
                    ("PRIORITY", priority),
                    ("VALUE", &value),
                    ("ID", &id),
                ]);
                set(&mut r, "TTL", "14400");
                records.insert(id, r);
            };
            for n in &ns {
                add("@", "NS", format!("{}.", n.trim_end_matches('.')), "");
            }
            add("@", "A", ip.to_owned(), "");
            add("www", "A", ip.to_owned(), "");
            add("mail", "A", ip.to_owned(), "");
            add("@", "MX", format!("mail.{zone}."), "10");
            add("@", "TXT", format!("\"v=spf1 a mx ip4:{ip} -all\""), "");
            add(
                "_dmarc",
                "TXT",
                "\"v=DMARC1; p=quarantine; pct=100\"".into(),
                "",
            );
            let (date, _) = now_stamp();
            let year: i32 = date[..4].parse().unwrap_or(2026);
            let r = stamped(&[
                ("IP", ip),
                ("TPL", "default"),
                ("TTL", "14400"),
                ("EXP", &format!("{}{}", year + 1, &date[4..])),
                ("SOA", ns.first().map_or("", String::as_str)),
                ("SERIAL", "3000000000"),
                ("DNSSEC", if a.get(12) == "yes" { "yes" } else { "no" }),
                ("SRC", ""),
                ("RECORDS", &records.len().to_string()),
            ]);
            user.dns_domains.insert(zone.clone(), r);
            user.dns_records.insert(zone.clone(), records);
            log(
                user,
                "Info",
                "DNS",
                &format!("Added new DNS domain (Name: {zone})."),
            );
            return Outcome::silent();
        }
        "v-delete-dns-domain" => {
            return match user.dns_domains.shift_remove(&zone) {
                Some(_) => {
                    user.dns_records.shift_remove(&zone);
                    Outcome::silent()
                }
                None => missing("dns domain", &zone),
            };
        }
        _ => {}
    }
    let records_used = user.dns_records.get(&zone).map_or(0, IndexMap::len);
    let room = under_limit(user, "DNS_RECORDS", records_used);
    let (Some(zone_record), Some(records)) = (
        user.dns_domains.get_mut(&zone),
        user.dns_records.get_mut(&zone),
    ) else {
        return missing("dns domain", &zone);
    };
    if let "v-suspend-dns-domain" | "v-unsuspend-dns-domain" = command {
        return toggle(
            zone_record,
            command == "v-suspend-dns-domain",
            "dns domain",
            &zone,
        );
    }
    if is_yes(zone_record, "SUSPENDED") {
        return Outcome::error(5, format!("dns domain {zone} is suspended"));
    }
    let outcome = match command {
        "v-delete-dns-record" => match records.shift_remove(a.get(2)) {
            Some(_) => Outcome::silent(),
            None => missing("dns record", a.get(2)),
        },
        // v-add-dns-record USER DOMAIN RECORD TYPE VALUE [PRIORITY] [ID] [RESTART] [TTL]
        // v-change-dns-record USER DOMAIN ID RECORD TYPE VALUE [PRIORITY] [RESTART] [TTL]
        _ => {
            let change = command == "v-change-dns-record";
            let at = usize::from(change);
            let (record, kind, value) =
                (a.get(2 + at), a.get(3 + at).to_uppercase(), a.get(4 + at));
            let priority = a.get(5 + at);
            let ttl = a.get(8);
            let id = if change {
                a.get(2).to_owned()
            } else if a.get(6).is_empty() {
                (records
                    .keys()
                    .filter_map(|k| k.parse::<u64>().ok())
                    .max()
                    .unwrap_or(0)
                    + 1)
                .to_string()
            } else {
                a.get(6).to_owned()
            };
            if !DNS_TYPES.contains(&kind.as_str()) {
                return invalid("type", &kind);
            }
            if !record
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "@._-*".contains(c))
            {
                return invalid("record", record);
            }
            if kind == "CNAME" && record == "@" {
                return Outcome::error(2, "CNAME on root is not allowed");
            }
            if let Some(what) = dns_value_problem(&kind, value) {
                return invalid(what, value);
            }
            if id.parse::<u64>().is_err() {
                return invalid("id", &id);
            }
            if !ttl.is_empty() && ttl.parse::<u32>().is_err() {
                return invalid("ttl", ttl);
            }
            if !priority.is_empty() && priority.parse::<u16>().is_err() {
                return invalid("priority", priority);
            }
            match (change, records.contains_key(&id)) {
                (true, false) => return missing("dns record", &id),
                (false, true) => return exists("dns record", &id),
                (false, false) if !room => return limit("DNS_RECORDS"),
                _ => {}
            }
            let dotted = |v: &str| {
                if matches!(kind.as_str(), "NS" | "CNAME" | "MX" | "PTR" | "SRV")
                    && !v.ends_with('.')
                    && v.contains('.')
                {
                    format!("{v}.")
                } else {
                    v.to_owned()
                }
            };
            let priority = if matches!(kind.as_str(), "MX" | "SRV") {
                if priority.is_empty() {
                    "10"
                } else {
                    priority
                }
            } else {
                ""
            };
            let value = if kind == "TXT" && value.contains([' ', ';']) && !value.starts_with('"') {
                format!("\"{value}\"")
            } else {
                dotted(value)
            };
            let mut r = stamped(&[
                ("RECORD", record),
                ("TYPE", &kind),
                ("PRIORITY", priority),
                ("VALUE", &value),
                ("ID", &id),
            ]);
            set(&mut r, "TTL", if ttl.is_empty() { "14400" } else { ttl });
            records.insert(id, r);
            Outcome::silent()
        }
    };
    if outcome.code == 0 {
        let serial = zone_record
            .get("SERIAL")
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(3_000_000_000)
            + 1;
        set(zone_record, "SERIAL", serial.to_string());
        set(zone_record, "RECORDS", records.len().to_string());
    }
    outcome
}

/// A made-up but well-formed DKIM public key.
const DKIM_KEY: &str =
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsimulatedDkimKeyForHearthDemo0123456789IDAQAB";

fn mail(user: &mut SimUser, command: &str, a: &Args<'_>, secret: &str) -> Outcome {
    let domain = a.get(1).to_lowercase();
    match command {
        "v-list-mail-domains" => {
            return Outcome::ok(keyed(user.mail_domains.iter().map(|(k, r)| (k, r.clone()))))
        }
        "v-list-mail-accounts" => {
            return match user.mail_accounts.get(&domain) {
                Some(accounts) => Outcome::ok(keyed(accounts.iter().map(|(k, r)| (k, r.clone())))),
                None => missing("mail domain", &domain),
            };
        }
        "v-list-mail-domain-dkim-dns" => {
            return match user.mail_domains.get(&domain) {
                Some(r) if is_yes(r, "DKIM") => Outcome::ok(pretty(&json!({
                    "_domainkey": {"TTL": "3600", "TXT": "\"t=y; o=~;\""},
                    "mail._domainkey": {"TTL": "3600", "TXT": format!("\"v=DKIM1; k=rsa; p={DKIM_KEY}\"")},
                }))),
                Some(_) => Outcome::ok("{\n}"),
                None => missing("mail domain", &domain),
            };
        }
        "v-add-mail-domain" => {
            if !domain_ok(&domain) {
                return invalid("domain", &domain);
            }
            if user.mail_domains.contains_key(&domain) {
                return exists("mail domain", &domain);
            }
            if !under_limit(user, "MAIL_DOMAINS", user.mail_domains.len()) {
                return limit("MAIL_DOMAINS");
            }
            let flag = |i: usize, default: &'static str| match a.get(i) {
                "" => Ok(default),
                "yes" => Ok("yes"),
                "no" => Ok("no"),
                other => Err(other.to_owned()),
            };
            let (antispam, antivirus, dkim, reject) = match (
                flag(2, "yes"),
                flag(3, "yes"),
                flag(4, "yes"),
                flag(7, "no"),
            ) {
                (Ok(s), Ok(v), Ok(d), Ok(r)) => (s, v, d, r),
                (Err(bad), ..) | (_, Err(bad), ..) | (_, _, Err(bad), _) | (.., Err(bad)) => {
                    return invalid("flag", &bad)
                }
            };
            let mut r = stamped(&[
                ("ANTIVIRUS", antivirus),
                ("ANTISPAM", antispam),
                ("REJECT", reject),
                ("RATE_LIMIT", "200"),
                ("DKIM", dkim),
                ("CATCHALL", ""),
                ("ACCOUNTS", "0"),
                ("U_DISK", "0"),
                ("SSL", "no"),
            ]);
            set(&mut r, "WEBMAIL_ALIAS", "webmail");
            set(&mut r, "WEBMAIL", "roundcube");
            user.mail_domains.insert(domain.clone(), r);
            user.mail_accounts.insert(domain.clone(), IndexMap::new());
            log(
                user,
                "Info",
                "Mail",
                &format!("Added new mail domain ({domain})."),
            );
            return Outcome::silent();
        }
        "v-delete-mail-domain" => {
            return match user.mail_domains.shift_remove(&domain) {
                Some(_) => {
                    user.mail_accounts.shift_remove(&domain);
                    Outcome::silent()
                }
                None => missing("mail domain", &domain),
            };
        }
        _ => {}
    }
    let accounts_used = user.mail_accounts.get(&domain).map_or(0, IndexMap::len);
    let room = under_limit(user, "MAIL_ACCOUNTS", accounts_used);
    let (Some(domain_record), Some(accounts)) = (
        user.mail_domains.get_mut(&domain),
        user.mail_accounts.get_mut(&domain),
    ) else {
        return missing("mail domain", &domain);
    };
    if let "v-suspend-mail-domain" | "v-unsuspend-mail-domain" = command {
        return toggle(
            domain_record,
            command == "v-suspend-mail-domain",
            "mail domain",
            &domain,
        );
    }
    if is_yes(domain_record, "SUSPENDED") {
        return Outcome::error(5, format!("mail domain {domain} is suspended"));
    }
    let account = a.get(2).to_lowercase();
    let outcome = if command == "v-add-mail-account" {
        let quota = match a.get(4) {
            "" => "unlimited",
            q if q == "unlimited" || q.parse::<u64>().is_ok() => q,
            q => return invalid("quota", q),
        };
        if crate::names::mail_local_part(&account).is_err() {
            return invalid("account", &account);
        }
        if accounts.contains_key(&account)
            || accounts.values().any(|r| list_has(r, "ALIAS", &account))
        {
            return exists("mail account", &account);
        }
        if !room {
            return limit("MAIL_ACCOUNTS");
        }
        if secret.is_empty() {
            return invalid("password", "");
        }
        let r = stamped(&[
            ("ALIAS", ""),
            ("FWD", ""),
            ("FWD_ONLY", ""),
            ("AUTOREPLY", "no"),
            ("QUOTA", quota),
            ("U_DISK", "0"),
        ]);
        accounts.insert(account.clone(), r);
        user.mail_passwords
            .insert(format!("{account}@{domain}"), secret.to_owned());
        Outcome::silent()
    } else if command == "v-delete-mail-account" {
        match accounts.shift_remove(&account) {
            Some(_) => Outcome::silent(),
            None => missing("mail account", &account),
        }
    } else {
        let taken = |item: &str| {
            accounts.contains_key(item) || accounts.values().any(|r| list_has(r, "ALIAS", item))
        };
        let alias_taken = taken(&a.get(3).to_lowercase());
        let Some(r) = accounts.get_mut(&account) else {
            return missing("mail account", &account);
        };
        let item = a.get(3);
        match command {
            "v-suspend-mail-account" | "v-unsuspend-mail-account" => toggle(
                r,
                command == "v-suspend-mail-account",
                "mail account",
                &account,
            ),
            "v-change-mail-account-password" => {
                user.mail_passwords
                    .insert(format!("{account}@{domain}"), secret.to_owned());
                Outcome::silent()
            }
            "v-change-mail-account-quota" => {
                if item == "unlimited" || item.parse::<u64>().is_ok() {
                    set(r, "QUOTA", item);
                    Outcome::silent()
                } else {
                    invalid("quota", item)
                }
            }
            "v-add-mail-account-alias" => {
                let item = item.to_lowercase();
                if crate::names::mail_local_part(&item).is_err() {
                    invalid("alias", &item)
                } else if alias_taken {
                    exists("mail alias", &item)
                } else {
                    add_to_list(r, "ALIAS", &[&item]);
                    Outcome::silent()
                }
            }
            "v-delete-mail-account-alias" => {
                if remove_from_list(r, "ALIAS", item) {
                    Outcome::silent()
                } else {
                    missing("mail alias", item)
                }
            }
            "v-add-mail-account-forward" => {
                if crate::names::email(item).is_err() {
                    invalid("forward", item)
                } else if list_has(r, "FWD", item) {
                    exists("forward", item)
                } else {
                    add_to_list(r, "FWD", &[item]);
                    Outcome::silent()
                }
            }
            "v-delete-mail-account-forward" => {
                if remove_from_list(r, "FWD", item) {
                    Outcome::silent()
                } else {
                    missing("forward", item)
                }
            }
            "v-add-mail-account-autoreply" => {
                set(r, "AUTOREPLY", "yes");
                user.autoreplies
                    .insert(format!("{account}@{domain}"), item.to_owned());
                Outcome::silent()
            }
            // v-delete-mail-account-autoreply
            _ => {
                if !is_yes(r, "AUTOREPLY") {
                    return missing("autoreply for", &account);
                }
                set(r, "AUTOREPLY", "no");
                user.autoreplies
                    .shift_remove(&format!("{account}@{domain}"));
                Outcome::silent()
            }
        }
    };
    set(domain_record, "ACCOUNTS", accounts.len().to_string());
    outcome
}

/// Charsets `v-add-database` accepts.
const CHARSETS: &[&str] = &[
    "BIG5", "CP1250", "CP1251", "CP1256", "CP1257", "CP850", "CP852", "CP866", "CP932", "EUCJPMS",
    "EUCKR", "GB2312", "GBK", "GEOSTD8", "GREEK", "HEBREW", "KOI8R", "KOI8U", "LATIN1", "LATIN2",
    "LATIN5", "LATIN7", "MACCE", "MACROMAN", "SJIS", "SWE7", "TIS620", "UCS2", "UJIS", "UTF8",
    "UTF8MB4",
];

fn databases(user: &mut SimUser, name: &str, command: &str, a: &Args<'_>, secret: &str) -> Outcome {
    match command {
        "v-list-databases" => {
            Outcome::ok(keyed(user.databases.iter().map(|(k, r)| (k, r.clone()))))
        }
        "v-add-database" => {
            let kind = if a.get(4).is_empty() {
                "mysql"
            } else {
                a.get(4)
            };
            if !["mysql", "pgsql"].contains(&kind) {
                return invalid("type", kind);
            }
            let charset = if a.get(6).is_empty() {
                "UTF8MB4"
            } else {
                a.get(6)
            };
            if !CHARSETS.contains(&charset.to_uppercase().as_str()) {
                return invalid("charset", charset);
            }
            let fix = |n: &str| {
                let full = format!("{name}_{n}");
                if kind == "pgsql" {
                    full.to_lowercase()
                } else {
                    full
                }
            };
            let (database, dbuser) = (fix(a.get(1)), fix(a.get(2)));
            if crate::names::database(&database).is_err() {
                return invalid("database", &database);
            }
            if crate::names::database_user(&dbuser).is_err() {
                return invalid("dbuser", &dbuser);
            }
            if user.databases.contains_key(&database) {
                return exists("database", &database);
            }
            if !under_limit(user, "DATABASES", user.databases.len()) {
                return limit("DATABASES");
            }
            if secret.is_empty() {
                return invalid("password", "");
            }
            let r = stamped(&[
                ("DATABASE", &database),
                ("DBUSER", &dbuser),
                ("HOST", "localhost"),
                ("TYPE", kind),
                ("CHARSET", &charset.to_uppercase()),
                ("U_DISK", "0"),
            ]);
            user.databases.insert(database.clone(), r);
            log(
                user,
                "Info",
                "Databases",
                &format!("Added new database ({database})."),
            );
            Outcome::silent()
        }
        "v-delete-database" => match user.databases.shift_remove(a.get(1)) {
            Some(_) => Outcome::silent(),
            None => missing("database", a.get(1)),
        },
        _ => match user.databases.get_mut(a.get(1)) {
            Some(r) => toggle(r, command == "v-suspend-database", "database", a.get(1)),
            None => missing("database", a.get(1)),
        },
    }
}

fn cron(user: &mut SimUser, command: &str, a: &Args<'_>) -> Outcome {
    match command {
        "v-list-cron-jobs" => {
            Outcome::ok(keyed(user.cron_jobs.iter().map(|(k, r)| (k, r.clone()))))
        }
        "v-add-cron-job" => {
            let fields = [
                ("min", 59),
                ("hour", 23),
                ("day", 31),
                ("month", 12),
                ("wday", 7),
            ];
            for (i, (what, max)) in fields.iter().enumerate() {
                if !cron_field_ok(a.get(1 + i), *max) {
                    return invalid(what, a.get(1 + i));
                }
            }
            let job = if a.get(7).is_empty() {
                (user
                    .cron_jobs
                    .keys()
                    .filter_map(|k| k.parse::<u64>().ok())
                    .max()
                    .unwrap_or(0)
                    + 1)
                .to_string()
            } else {
                a.get(7).to_owned()
            };
            if job.parse::<u64>().is_err() {
                return invalid("job", &job);
            }
            if user.cron_jobs.contains_key(&job) {
                return exists("cron job", &job);
            }
            if !under_limit(user, "CRON_JOBS", user.cron_jobs.len()) {
                return limit("CRON_JOBS");
            }
            let r = stamped(&[
                ("MIN", a.get(1)),
                ("HOUR", a.get(2)),
                ("DAY", a.get(3)),
                ("MONTH", a.get(4)),
                ("WDAY", a.get(5)),
                ("CMD", a.get(6)),
                ("JOB", &job),
            ]);
            user.cron_jobs.insert(job, r);
            Outcome::silent()
        }
        "v-change-cron-job" => {
            let fields = [
                ("min", 59),
                ("hour", 23),
                ("day", 31),
                ("month", 12),
                ("wday", 7),
            ];
            for (i, (what, max)) in fields.iter().enumerate() {
                if !cron_field_ok(a.get(2 + i), *max) {
                    return invalid(what, a.get(2 + i));
                }
            }
            let Some(r) = user.cron_jobs.get_mut(a.get(1)) else {
                return missing("cron job", a.get(1));
            };
            for (i, field) in ["MIN", "HOUR", "DAY", "MONTH", "WDAY", "CMD"]
                .iter()
                .enumerate()
            {
                set(r, field, a.get(2 + i));
            }
            Outcome::silent()
        }
        "v-delete-cron-job" => match user.cron_jobs.shift_remove(a.get(1)) {
            Some(_) => Outcome::silent(),
            None => missing("cron job", a.get(1)),
        },
        _ => match user.cron_jobs.get_mut(a.get(1)) {
            Some(r) => toggle(r, command == "v-suspend-cron-job", "cron job", a.get(1)),
            None => missing("cron job", a.get(1)),
        },
    }
}

fn backups(user: &mut SimUser, command: &str, a: &Args<'_>, queue_every: Duration) -> Outcome {
    match command {
        "v-list-user-backups" => {
            Outcome::ok(keyed(user.backups.iter().map(|(k, r)| (k, r.clone()))))
        }
        "v-list-user-log" => Outcome::ok(keyed(user.history.iter().map(|(k, r)| (k, r.clone())))),
        "v-list-user-notifications" => Outcome::ok(keyed(
            user.notifications.iter().map(|(k, r)| (k, r.clone())),
        )),
        "v-schedule-user-backup" => {
            if user.record.get("BACKUPS").is_some_and(|b| b == "0") {
                return Outcome::error(11, "user backup is disabled");
            }
            if user.backup_job.is_some() {
                return Outcome::error(4, "backup is already scheduled");
            }
            user.backup_job = Some(BackupJob {
                runs_at: next_queue_run(queue_every),
                started: false,
                restore: None,
            });
            Outcome::silent()
        }
        "v-schedule-user-restore" => {
            let archive = a.get(1);
            if !user.backups.contains_key(archive) {
                return missing("backup", archive);
            }
            if user.backup_job.is_some() {
                return Outcome::error(4, "restore is already scheduled");
            }
            user.backup_job = Some(BackupJob {
                runs_at: next_queue_run(queue_every),
                started: false,
                restore: Some(archive.to_owned()),
            });
            Outcome::silent()
        }
        // v-delete-user-backup
        _ => match user.backups.shift_remove(a.get(1)) {
            Some(_) => Outcome::silent(),
            None => missing("backup", a.get(1)),
        },
    }
}
