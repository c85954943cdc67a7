//! The commands the simulator runs, with Hestia's argument orders, messages and exit codes.

use indexmap::IndexMap;
use serde_json::json;

use super::state::{Record, State};
use crate::cmd::{self, Spec};
use crate::model::ProfileRole;

/// A finished command: exit code and stdout.
pub(crate) struct Outcome {
    pub(crate) code: u16,
    pub(crate) stdout: String,
}

impl Outcome {
    pub(crate) fn ok(stdout: impl Into<String>) -> Self {
        Self {
            code: 0,
            stdout: stdout.into(),
        }
    }
    pub(crate) fn silent() -> Self {
        Self::ok("")
    }
    pub(crate) fn error(code: u16, message: impl std::fmt::Display) -> Self {
        Self {
            code,
            stdout: format!("Error: {message}"),
        }
    }
    /// Hestia's `check_args`: the usage line when a required argument is missing or empty.
    pub(crate) fn check_args(spec: &Spec, args: &[String]) -> Option<Self> {
        let given = args.iter().take(spec.required());
        (given.filter(|a| !a.is_empty()).count() < spec.required())
            .then(|| Self::usage(spec.name, spec.usage))
    }
    pub(crate) fn usage(command: &str, args: &str) -> Self {
        Self {
            code: 1,
            stdout: format!("Usage: {command} {args}"),
        }
    }
}

/// Scripts that exist in `$HESTIA/bin` as far as the simulator is concerned: the ones it runs
/// plus every command a shipped profile names.
pub(crate) fn exists(state: &State, command: &str) -> bool {
    IMPLEMENTED
        .iter()
        .chain(super::admin::COMMANDS)
        .chain(super::login::COMMANDS)
        .chain(super::hosting::commands())
        .any(|s| s.name == command)
        || state
            .profiles
            .values()
            .any(|p| p.commands.iter().any(|c| c == command))
}

const IMPLEMENTED: &[Spec] = &[
    cmd::CHECK_USER_PASSWORD,
    cmd::LIST_USER,
    cmd::LIST_USERS,
    cmd::LIST_WEB_DOMAINS,
    cmd::LIST_WEB_DOMAIN,
    cmd::PURGE_NGINX_CACHE,
    cmd::LIST_ACCESS_KEY,
    cmd::LIST_ACCESS_KEYS,
    cmd::DELETE_ACCESS_KEY,
    cmd::LIST_APIS,
    cmd::LIST_SYS_INFO,
    cmd::LIST_SYS_CONFIG,
    cmd::SUSPEND_USER,
    cmd::UNSUSPEND_USER,
];

/// The position of the USER argument in the command's usage line, 0 if it has none (§2.4).
/// Commands Hearth does not describe (named only by a shipped profile) take it first.
pub(crate) fn user_arg_position(command: &str) -> usize {
    crate::cmd::find(command).map_or(1, |s| s.user_position().unwrap_or(0))
}

pub(crate) fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

pub(crate) fn keyed<'a>(records: impl IntoIterator<Item = (&'a String, Record)>) -> String {
    let map: IndexMap<&String, Record> = records.into_iter().collect();
    if map.is_empty() {
        // Hestia's empty collection (§5.0).
        return "{\n}".into();
    }
    pretty(&json!(map))
}

pub(crate) fn user_missing(user: &str) -> Outcome {
    Outcome::error(3, format!("user {user} doesn't exist"))
}

/// Runs `command` with `args` (already trimmed, in order).
pub(crate) fn run(state: &mut State, command: &str, args: &[String]) -> Outcome {
    super::hosting::advance_backups(state);
    if let Some(outcome) = super::hosting::run(state, command, args) {
        return outcome;
    }
    if let Some(outcome) = super::admin::run(state, command, args) {
        return outcome;
    }
    if let Some(outcome) = super::login::run(state, command, args) {
        return outcome;
    }
    let arg = |i: usize| args.get(i).map(String::as_str);
    let Some(spec) = cmd::find(command) else {
        return not_modelled(command);
    };
    match *spec {
        cmd::CHECK_USER_PASSWORD => check_user_password(state, args),
        cmd::LIST_USER => {
            let Some(user) = arg(0) else {
                return Outcome::usage(command, "USER [FORMAT]");
            };
            match state.user_record(user) {
                Some(r) => Outcome::ok(pretty(&json!({ user: r }))),
                None => user_missing(user),
            }
        }
        cmd::LIST_USERS => {
            let names: Vec<String> = state.users.keys().cloned().collect();
            let records: Vec<(String, Record)> = names
                .into_iter()
                .filter_map(|n| state.user_record(&n).map(|r| (n, r)))
                .collect();
            Outcome::ok(keyed(records.iter().map(|(n, r)| (n, r.clone()))))
        }
        cmd::LIST_WEB_DOMAINS => {
            let Some(user) = arg(0) else {
                return Outcome::usage(command, "USER [FORMAT]");
            };
            match state.users.get(user) {
                Some(u) => Outcome::ok(keyed(u.web_domains.iter().map(|(d, r)| (d, r.clone())))),
                None => user_missing(user),
            }
        }
        cmd::LIST_WEB_DOMAIN | cmd::PURGE_NGINX_CACHE => {
            let (Some(user), Some(domain)) = (arg(0), arg(1)) else {
                return Outcome::usage(command, "USER DOMAIN [FORMAT]");
            };
            let Some(u) = state.users.get(user) else {
                return user_missing(user);
            };
            let Some(d) = u.web_domains.get(domain) else {
                return Outcome::error(3, format!("web domain {domain} doesn't exist"));
            };
            if *spec == cmd::PURGE_NGINX_CACHE {
                return Outcome::silent();
            }
            Outcome::ok(pretty(&json!({ domain: d })))
        }
        cmd::LIST_ACCESS_KEY => {
            let Some(id) = arg(0) else {
                return Outcome::usage(command, "ACCESS_KEY_ID [FORMAT]");
            };
            match state.keys.get(id) {
                Some(k) => Outcome::ok(pretty(&json!({
                    "ACCESS_KEY_ID": id,
                    "SECRET_ACCESS_KEY": k.secret,
                    "USER": k.user,
                    "PERMISSIONS": k.permissions,
                    "COMMENT": k.comment,
                    "TIME": k.time,
                    "DATE": k.date,
                }))),
                None => Outcome::error(3, format!("key {id} doesn't exist")),
            }
        }
        cmd::LIST_ACCESS_KEYS => {
            let user = arg(0).unwrap_or("");
            let map: IndexMap<&String, serde_json::Value> = state
                .keys
                .iter()
                // Only files named like a key ID; a deleted user's keys are still listed (§7.4).
                .filter(|(id, k)| is_key_id(id) && (user.is_empty() || k.user == user))
                .map(|(id, k)| {
                    (
                        id,
                        json!({"ACCESS_KEY_ID": id, "USER": k.user, "PERMISSIONS": k.permissions,
                                "COMMENT": k.comment, "TIME": k.time, "DATE": k.date}),
                    )
                })
                .collect();
            Outcome::ok(if map.is_empty() {
                "{\n}".into()
            } else {
                pretty(&json!(map))
            })
        }
        cmd::DELETE_ACCESS_KEY => {
            let Some(id) = arg(0).filter(|a| !a.is_empty()) else {
                return Outcome::usage(command, "ACCESS_KEY_ID");
            };
            if !is_key_id(id) {
                return Outcome::error(2, format!("invalid access_key_id format :: {id}"));
            }
            match state.keys.shift_remove(id) {
                Some(_) => Outcome::silent(),
                None => Outcome::error(3, format!("key {id} doesn't exist")),
            }
        }
        cmd::LIST_APIS => {
            let map: IndexMap<&String, serde_json::Value> = state
                .profiles
                .iter()
                .map(|(name, p)| {
                    let role = match p.role {
                        ProfileRole::Admin => "admin",
                        ProfileRole::User => "user",
                    };
                    (name, json!({"COMMANDS": p.commands, "ROLE": role}))
                })
                .collect();
            Outcome::ok(pretty(&json!(map)))
        }
        cmd::LIST_SYS_INFO => Outcome::ok(pretty(&json!({"sysinfo": {
            "HOSTNAME": "hestia.example.test", "OS": "Debian", "VERSION": "12", "ARCH": "x86_64",
            "HESTIA": "1.10.3", "RELEASE": "release", "UPTIME": "4242", "LOADAVERAGE": "0.31 / 0.27 / 0.22"
        }}))),
        cmd::LIST_SYS_CONFIG => {
            let c = &state.config;
            Outcome::ok(pretty(&json!({"config": {
                "API": c.api, "API_SYSTEM": c.api_system, "API_ALLOWED_IP": c.api_allowed_ip,
                "ROOT_USER": c.root_user, "VERSION": "1.10.3", "BACKEND_PORT": "8083",
                "DEMO_MODE": if c.demo_mode { "yes" } else { "no" },
                "USE_SERVER_SMTP": "true", "SERVER_SMTP_HOST": "smtp.example.test",
                "SERVER_SMTP_PORT": "587", "SERVER_SMTP_SECURITY": "tls",
                "SERVER_SMTP_USER": "hestia@example.test", "SERVER_SMTP_PASSWD": super::demo::SMTP_PASSWORD,
            }})))
        }
        cmd::SUSPEND_USER | cmd::UNSUSPEND_USER => {
            let Some(user) = arg(0) else {
                return Outcome::usage(command, "USER [RESTART]");
            };
            let suspend = *spec == cmd::SUSPEND_USER;
            if user == state.config.root_user {
                // Hestia's script exits 0 without touching the root user (§5.1).
                return Outcome::silent();
            }
            let Some(u) = state.users.get_mut(user) else {
                return user_missing(user);
            };
            let now = u.record.get("SUSPENDED").is_some_and(|s| s == "yes");
            match (suspend, now) {
                (true, true) => Outcome::error(5, format!("user {user} is suspended")),
                (false, false) => Outcome::error(6, format!("user {user} is not suspended")),
                _ => {
                    u.record.insert(
                        "SUSPENDED".into(),
                        if suspend { "yes" } else { "no" }.into(),
                    );
                    Outcome::silent()
                }
            }
        }
        _ => not_modelled(command),
    }
}

/// Hestia's access key ID format: 20 ASCII letters and digits.
pub(crate) fn is_key_id(id: &str) -> bool {
    id.len() == 20 && id.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A real script the simulator does not model (yet).
fn not_modelled(command: &str) -> Outcome {
    Outcome::error(1, format!("the simulator does not implement {command}"))
}

/// `v-check-user-password USER PASSWORD [IP] [RETURN_HASH]` (PROTOCOL.md §7.2): a `/tmp/` path is
/// read as the password; a wrong password, unknown or suspended user is "password missmatch"
/// (9) and a `failed to login` line against the IP *argument* (127.0.0.1 when omitted, no
/// address when empty), never the caller's. `LOGIN_DISABLED`, the IP list and `TWOFA` are not
/// looked at. Every outcome is an auth.log line, except with RETURN_HASH (§7.2).
fn check_user_password(state: &mut State, args: &[String]) -> Outcome {
    let (Some(user), Some(password)) = (args.first(), args.get(1)) else {
        return Outcome::usage(
            cmd::CHECK_USER_PASSWORD.name,
            cmd::CHECK_USER_PASSWORD.usage,
        );
    };
    if crate::names::UserName::new(user.as_str()).is_err() {
        return Outcome::error(2, format!("invalid user format :: {user}"));
    }
    let ip = match args.get(2).map(String::as_str) {
        None => Some(std::net::IpAddr::from([127, 0, 0, 1])),
        Some("") => None,
        Some(text) => match text.parse() {
            Ok(ip) => Some(ip),
            Err(_) => return Outcome::error(2, format!("invalid IP format :: {text}")),
        },
    };
    let password = match state.tmp_files.get(password.as_str()) {
        Some(file) if password.starts_with("/tmp/") && !password.contains("../") => {
            file.lines().next().unwrap_or("").to_owned()
        }
        _ => password.clone(),
    };
    let known = state.users.contains_key(user.as_str());
    let accepted = state.users.get(user.as_str()).is_some_and(|u| {
        u.password == password && u.record.get("SUSPENDED").is_none_or(|s| s != "yes")
    });
    let return_hash = args.get(3).is_some_and(|a| !a.is_empty());
    if accepted {
        if return_hash {
            return Outcome::ok("$y$j9T$simulated$hash");
        }
        state.log_auth(user, ip, "successfully logged in");
        return Outcome::silent();
    }
    // RETURN_HASH hides wrong passwords; unknown users and empty passwords fail earlier.
    if !return_hash || password.is_empty() || !known {
        state.log_failed_login(user, ip, None);
    }
    Outcome::error(9, "password missmatch")
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::demo;
    use super::*;

    /// Runs `spec` with `args` on `state`: the exit code and stdout.
    pub(in crate::simulator) fn call(
        state: &mut State,
        spec: Spec,
        args: &[&str],
    ) -> (u16, String) {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        let outcome = run(state, spec.name, &args);
        (outcome.code, outcome.stdout)
    }

    #[test]
    fn access_keys_are_listed_without_secrets_and_outlive_their_user() {
        let mut state = State::demo();
        let (code, out) = call(&mut state, cmd::LIST_ACCESS_KEYS, &["", "json"]);
        assert_eq!(code, 0);
        let all: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(all.as_object().unwrap().len(), state.keys.len());
        assert_eq!(all[demo::ADMIN_KEY.id]["USER"], demo::ROOT_USER);
        assert!(!out.contains("SECRET_ACCESS_KEY") && !out.contains(demo::ADMIN_KEY.secret));
        let (_, none) = call(&mut state, cmd::LIST_ACCESS_KEYS, &["nosuchuser", "json"]);
        assert_eq!(none, "{\n}");
        // v-delete-user leaves the keys (§7.4): still listed, still deletable.
        let (code, out) = call(
            &mut state,
            cmd::ADD_USER,
            &["carol", "carol-pw-1", "carol@example.test"],
        );
        assert_eq!(code, 0, "{out}");
        let (_, key) = call(
            &mut state,
            cmd::ADD_ACCESS_KEY,
            &["carol", "mail-accounts", "c1", "json"],
        );
        let key: serde_json::Value = serde_json::from_str(&key).unwrap();
        let id = key["ACCESS_KEY_ID"].as_str().unwrap();
        assert_eq!(call(&mut state, cmd::DELETE_USER, &["carol"]).0, 0);
        let (_, listed) = call(&mut state, cmd::LIST_ACCESS_KEYS, &["carol", "json"]);
        assert!(listed.contains(id), "{listed}");
        assert_eq!(
            call(&mut state, cmd::DELETE_ACCESS_KEY, &[id]),
            (0, String::new())
        );
        assert_eq!(
            call(&mut state, cmd::DELETE_ACCESS_KEY, &[id]),
            (3, format!("Error: key {id} doesn't exist"))
        );
        assert_eq!(
            call(&mut state, cmd::DELETE_ACCESS_KEY, &["abc"]),
            (2, "Error: invalid access_key_id format :: abc".into())
        );
    }
}
