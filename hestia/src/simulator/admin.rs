//! The server-wide commands of PROTOCOL.md §3.6 and §5.1/§5.8 that an administrator runs:
//! users, packages, access keys and services, statefully, with Hestia's rules and messages.

use indexmap::IndexMap;
use serde_json::json;

use super::commands::{keyed, pretty, Outcome};
use super::hosting::{now_stamp, password};
use super::state::{Record, SimKey, SimUser, State};
use crate::cmd::{self, Spec};
use crate::model::ProfileRole;
use crate::names;

/// The commands this module runs.
pub(super) const COMMANDS: &[Spec] = &[
    cmd::LIST_USER_PACKAGES,
    cmd::ADD_USER_PACKAGE,
    cmd::ADD_USER,
    cmd::DELETE_USER,
    cmd::CHANGE_USER_PASSWORD,
    cmd::CHANGE_USER_PACKAGE,
    cmd::CHANGE_USER_CONTACT,
    cmd::CHANGE_USER_SHELL,
    cmd::CHANGE_USER_NAME,
    cmd::COPY_USER_PACKAGE,
    cmd::RENAME_USER_PACKAGE,
    cmd::DELETE_USER_PACKAGE,
    cmd::ADD_ACCESS_KEY,
    cmd::LIST_SYS_SERVICES,
    cmd::RESTART_SERVICE,
];

/// Names `v-add-user` refuses as reserved (a sample of Hestia's list).
const RESERVED: &[&str] = &[
    "aria", "mysql", "sudo", "root", "www-data", "nobody", "postgres",
];
/// Shells `v-change-user-shell` accepts (those in a stock `/etc/shells`, plus nologin).
const SHELLS: &[&str] = &["nologin", "bash", "sh", "dash", "rbash", "zsh"];
/// The package fields a user record takes over.
const PACKAGE_FIELDS: &[&str] = &[
    "WEB_TEMPLATE",
    "PROXY_TEMPLATE",
    "DNS_TEMPLATE",
    "WEB_DOMAINS",
    "WEB_ALIASES",
    "DNS_DOMAINS",
    "DNS_RECORDS",
    "MAIL_DOMAINS",
    "MAIL_ACCOUNTS",
    "DATABASES",
    "CRON_JOBS",
    "DISK_QUOTA",
    "BANDWIDTH",
    "NS",
    "SHELL",
    "BACKUPS",
];

/// Not cryptographic, like Hestia's own `$RANDOM` generator (§3.2); good enough for a simulator.
fn random_string(len: usize, alphabet: &[u8]) -> String {
    use std::hash::{BuildHasher, Hasher};
    let state = std::collections::hash_map::RandomState::new();
    (0..len)
        .map(|i| {
            let mut h = state.build_hasher();
            h.write_usize(i);
            let n = usize::try_from(h.finish() % alphabet.len() as u64).unwrap_or(0);
            char::from(alphabet[n])
        })
        .collect()
}

fn invalid(what: &str, value: &str) -> Outcome {
    Outcome::error(2, format!("invalid {what} format :: {value}"))
}

/// Runs an admin command; `None` when `command` is not one of [`COMMANDS`].
pub(crate) fn run(state: &mut State, command: &str, args: &[String]) -> Option<Outcome> {
    let spec = COMMANDS.iter().find(|s| s.name == command)?;
    if let Some(usage) = Outcome::check_args(spec, args) {
        return Some(usage);
    }
    let arg = |i: usize| args.get(i).map_or("", String::as_str);
    let root = state.config.root_user.clone();
    Some(match *spec {
        cmd::LIST_USER_PACKAGES => {
            Outcome::ok(keyed(state.packages.iter().map(|(n, p)| (n, p.clone()))))
        }
        cmd::LIST_SYS_SERVICES => {
            Outcome::ok(keyed(state.services.iter().map(|(n, s)| (n, s.clone()))))
        }
        cmd::RESTART_SERVICE => match state.services.get_mut(arg(0)) {
            Some(s) => {
                s.insert("STATE".into(), "running".into());
                s.insert("RTIME".into(), "0".into());
                Outcome::silent()
            }
            None => Outcome::error(3, format!("service {} doesn't exist", arg(0))),
        },
        cmd::ADD_USER => add_user(state, args),
        cmd::COPY_USER_PACKAGE | cmd::RENAME_USER_PACKAGE => {
            let (from, to) = (arg(0), arg(1));
            if names::package(to).is_err() {
                return Some(invalid("package", to));
            }
            let Some(package) = state.packages.get(from).cloned() else {
                return Some(Outcome::error(3, format!("package {from} doesn't exist")));
            };
            if state.packages.contains_key(to) {
                return Some(Outcome::error(4, format!("package {to} exists")));
            }
            if *spec == cmd::RENAME_USER_PACKAGE {
                state.packages.shift_remove(from);
                for user in state.users.values_mut() {
                    if user.record.get("PACKAGE").is_some_and(|p| p == from) {
                        user.record.insert("PACKAGE".into(), to.to_owned());
                    }
                }
            }
            let (date, time) = now_stamp();
            let mut package = package;
            package.insert("TIME".into(), time);
            package.insert("DATE".into(), date);
            state.packages.shift_insert(0, to.to_owned(), package);
            Outcome::silent()
        }
        cmd::DELETE_USER_PACKAGE => {
            let name = arg(0);
            if !state.packages.contains_key(name) {
                return Some(Outcome::error(3, format!("package {name} doesn't exist")));
            }
            if matches!(name, "default" | "system") {
                return Some(Outcome::error(
                    2,
                    format!("package {name} can't be deleted"),
                ));
            }
            if let Some((user, _)) = state
                .users
                .iter()
                .find(|(_, u)| u.record.get("PACKAGE").is_some_and(|p| p == name))
            {
                return Some(Outcome::error(
                    7,
                    format!("package {name} is used by user {user}"),
                ));
            }
            state.packages.shift_remove(name);
            Outcome::silent()
        }
        cmd::ADD_ACCESS_KEY => add_key(state, args),
        cmd::ADD_USER_PACKAGE => add_package(state, arg(0), arg(1), arg(2) == "yes"),
        _ => change_user(state, spec, args, &root),
    })
}

fn add_user(state: &mut State, args: &[String]) -> Outcome {
    let arg = |i: usize| args.get(i).map_or("", String::as_str);
    let (name, email) = (arg(0), arg(2));
    let package_name = if arg(3).is_empty() { "default" } else { arg(3) };
    if names::new_user(name).is_err() {
        return invalid("user", name);
    }
    if RESERVED.contains(&name) {
        return Outcome::error(2, format!("user {name} is reserved"));
    }
    if state.users.contains_key(name) {
        return Outcome::error(4, format!("user {name} exists"));
    }
    if names::email(email).is_err() {
        return invalid("email", email);
    }
    let Some(secret) = password(state, arg(1)).filter(|p| !p.is_empty()) else {
        return Outcome::error(2, "invalid password format");
    };
    let Some(package) = state.packages.get(package_name).cloned() else {
        return Outcome::error(3, format!("package {package_name} doesn't exist"));
    };
    let full_name = [arg(4), arg(5)]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let mut record = super::state::user_record(&full_name, package_name, "user", email, "0");
    apply_package(&mut record, &package);
    let (date, time) = now_stamp();
    record.insert("TIME".into(), time);
    record.insert("DATE".into(), date);
    state.users.insert(
        name.to_owned(),
        SimUser {
            record,
            password: secret,
            ..SimUser::default()
        },
    );
    Outcome::silent()
}

/// `v-add-user-package TMPFILE PACKAGE [REWRITE]`: a package from a `KEY='value'` file
/// (written with `v-make-tmp-file`, as Hestia's UI does); with REWRITE the package is replaced
/// and its users get the new limits.
fn add_package(state: &mut State, file: &str, name: &str, rewrite: bool) -> Outcome {
    if names::package(name).is_err() {
        return invalid("package", name);
    }
    let Some(text) = state.tmp_files.get(file).cloned() else {
        return Outcome::error(3, format!("file {file} doesn't exist"));
    };
    let mut package = Record::new();
    for line in text.lines() {
        if let Some((key, value)) = line.split_once('=') {
            package.insert(
                key.trim().to_owned(),
                value.trim().trim_matches('\'').to_owned(),
            );
        }
    }
    for field in PACKAGE_FIELDS {
        let value = package.get(*field).map_or("", String::as_str);
        let is_limit = !field.ends_with("TEMPLATE") && !matches!(*field, "NS" | "SHELL");
        let bad = value.is_empty()
            || (is_limit && value != "unlimited" && value.parse::<u64>().is_err())
            || (*field == "SHELL" && !SHELLS.contains(&value));
        if bad {
            return invalid(&field.to_lowercase(), value);
        }
    }
    let exists = state.packages.contains_key(name);
    if exists && !rewrite {
        return Outcome::error(4, format!("package {name} exists"));
    }
    for (field, default) in [
        ("CPU_QUOTA", "unlimited"),
        ("CPU_QUOTA_PERIOD", "unlimited"),
        ("MEMORY_LIMIT", "unlimited"),
        ("SWAP_LIMIT", "unlimited"),
    ] {
        package
            .entry(field.to_owned())
            .or_insert_with(|| default.to_owned());
    }
    let (date, time) = now_stamp();
    package.insert("TIME".into(), time);
    package.insert("DATE".into(), date);
    if exists {
        for user in state.users.values_mut() {
            if user.record.get("PACKAGE").is_some_and(|p| p == name) {
                apply_package(&mut user.record, &package);
            }
        }
        state.packages.insert(name.to_owned(), package);
    } else {
        state.packages.shift_insert(0, name.to_owned(), package);
    }
    Outcome::silent()
}

fn apply_package(user: &mut Record, package: &Record) {
    for field in PACKAGE_FIELDS {
        if let Some(v) = package.get(*field) {
            user.insert((*field).to_owned(), v.clone());
        }
    }
}

fn change_user(state: &mut State, spec: &Spec, args: &[String], root: &str) -> Outcome {
    let arg = |i: usize| args.get(i).map_or("", String::as_str);
    let name = arg(0).to_owned();
    if !state.users.contains_key(&name) {
        return Outcome::error(3, format!("user {name} doesn't exist"));
    }
    if *spec == cmd::DELETE_USER {
        if name == root {
            return Outcome::error(2, format!("user {name} can't be deleted"));
        }
        // The user's access keys stay: still listed, refused at use (`user … doesn't exist`),
        // deletable (§7.4).
        state.users.shift_remove(&name);
        return Outcome::silent();
    }
    let secret = if *spec == cmd::CHANGE_USER_PASSWORD {
        match password(state, arg(1)).filter(|p| !p.is_empty()) {
            Some(p) => p,
            None => return Outcome::error(2, "invalid password format"),
        }
    } else {
        String::new()
    };
    let package = state.packages.get(arg(1)).cloned();
    let Some(user) = state.users.get_mut(&name) else {
        return Outcome::error(3, format!("user {name} doesn't exist"));
    };
    let value = arg(1);
    match *spec {
        cmd::CHANGE_USER_PASSWORD => {
            if user.record.get("SUSPENDED").is_some_and(|s| s == "yes") {
                return Outcome::error(5, format!("user {name} is suspended"));
            }
            user.password = secret;
        }
        cmd::CHANGE_USER_PACKAGE => {
            let Some(package) = package else {
                return Outcome::error(3, format!("package {value} doesn't exist"));
            };
            apply_package(&mut user.record, &package);
            user.record.insert("PACKAGE".into(), value.to_owned());
        }
        cmd::CHANGE_USER_CONTACT => {
            if names::email(value).is_err() {
                return invalid("email", value);
            }
            user.record.insert("CONTACT".into(), value.to_owned());
        }
        cmd::CHANGE_USER_SHELL => {
            if !SHELLS.contains(&value) {
                return invalid("shell", value);
            }
            user.record.insert("SHELL".into(), value.to_owned());
        }
        _ => {
            let full = [value, arg(2)]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            user.record.insert("NAME".into(), full);
        }
    }
    Outcome::silent()
}

/// `v-add-access-key` with §3.5's rules, printing the new key as `v-list-access-key` does.
fn add_key(state: &mut State, args: &[String]) -> Outcome {
    let arg = |i: usize| args.get(i).map_or("", String::as_str);
    let user = arg(0);
    let comment = arg(2);
    if !state.users.contains_key(user) {
        return Outcome::error(3, format!("user {user} doesn't exist"));
    }
    let root = user == state.config.root_user;
    let mut permissions: Vec<String> = Vec::new();
    for name in arg(1).split(',') {
        // Whitespace and path prefixes are stripped; `*` drops out (§3.5).
        let name = name.trim().rsplit('/').next().unwrap_or("").to_owned();
        if name.is_empty() || name == "*" || permissions.contains(&name) {
            continue;
        }
        match state.profiles.get(&name) {
            None => return Outcome::error(3, format!("API {name} doesn't exist")),
            Some(p) if p.role == ProfileRole::Admin && !root => {
                return Outcome::error(2, "Only the admin can run this API")
            }
            Some(_) => permissions.push(name),
        }
    }
    if permissions.is_empty() && !root {
        return Outcome::error(2, "Non-admin users need a permission list");
    }
    if !comment.is_empty() && names::key_comment(comment).is_err() {
        return invalid("comment", comment);
    }
    const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const SECRET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-=";
    let id = loop {
        let id = random_string(20, ALNUM);
        if !state.keys.contains_key(&id) {
            break id;
        }
    };
    let (date, time) = now_stamp();
    let key = SimKey {
        secret: random_string(40, SECRET),
        user: user.to_owned(),
        permissions,
        comment: comment.to_owned(),
        date,
        time,
    };
    let shown = if arg(3) == "plain" {
        format!("{id}:{}", key.secret)
    } else {
        pretty(&json!({
            "ACCESS_KEY_ID": id, "SECRET_ACCESS_KEY": key.secret, "USER": key.user,
            "PERMISSIONS": key.permissions, "COMMENT": key.comment, "TIME": key.time, "DATE": key.date,
        }))
    };
    state.keys.insert(id, key);
    Outcome::ok(shown)
}

/// The demo's packages: Hestia's shipped `default` and `system`, and a small `starter`.
pub(super) fn demo_packages() -> IndexMap<String, Record> {
    let package = |limit: &str, per_domain: &str, disk: &str, backups: &str| {
        super::state::record(&[
            ("WEB_TEMPLATE", "default"),
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
            ("CPU_QUOTA", "unlimited"),
            ("CPU_QUOTA_PERIOD", "unlimited"),
            ("MEMORY_LIMIT", "unlimited"),
            ("SWAP_LIMIT", "unlimited"),
            (
                "BANDWIDTH",
                if disk == "unlimited" {
                    "unlimited"
                } else {
                    "10240"
                },
            ),
            ("NS", "ns1.example.test,ns2.example.test"),
            ("SHELL", "nologin"),
            ("BACKUPS", backups),
            ("TIME", "10:44:19"),
            ("DATE", "2025-02-01"),
        ])
    };
    [
        ("starter", package("3", "50", "1024", "1")),
        ("default", package("10", "100", "2048", "1")),
        (
            "system",
            package("unlimited", "unlimited", "unlimited", "5"),
        ),
    ]
    .into_iter()
    .map(|(n, p)| (n.to_owned(), p))
    .collect()
}

/// The demo's services, as `v-list-sys-services` prints a typical Hestia stack.
pub(super) fn demo_services() -> IndexMap<String, Record> {
    [
        ("nginx", "reverse proxy", "0.1", "48", "20811"),
        ("apache2", "web server", "0.4", "211", "20811"),
        ("php8.3-fpm", "php interpreter", "0.1", "96", "20812"),
        ("bind9", "dns server", "0", "37", "20815"),
        ("exim4", "mail server", "0", "22", "20815"),
        ("dovecot", "imap/pop3 server", "0", "12", "20815"),
        ("clamav-daemon", "email antivirus", "0.2", "1201", "20810"),
        ("spamassassin", "email antispam", "0", "118", "20810"),
        ("mariadb", "database server", "0.3", "187", "20816"),
        ("vsftpd", "ftp server", "0", "3", "20816"),
        ("cron", "job scheduler", "0", "3", "20819"),
        ("ssh", "ssh server", "0", "7", "20819"),
        ("hestia-iptables", "firewall", "0", "0", "20819"),
        ("fail2ban", "brute-force monitor", "0.1", "31", "20818"),
    ]
    .into_iter()
    .map(|(name, system, cpu, mem, rtime)| {
        (
            name.to_owned(),
            super::state::record(&[
                ("SYSTEM", system),
                ("STATE", "running"),
                ("CPU", cpu),
                ("MEM", mem),
                ("RTIME", rtime),
            ]),
        )
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_have_the_length_asked_for() {
        let id = random_string(20, b"ab");
        assert_eq!(id.len(), 20);
    }
}
