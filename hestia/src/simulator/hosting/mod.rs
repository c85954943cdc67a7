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

mod backups;
mod cron;
mod databases;
mod dns;
mod mail;
mod web;

pub(crate) use backups::advance_backups;
use backups::backups;
use cron::cron;
use databases::databases;
use dns::dns;
use mail::mail;
use web::web;

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
    /// The server's templates (no USER argument).
    Templates,
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
            cmd::CHANGE_WEB_DOMAIN_BACKEND_TPL,
            cmd::CHANGE_WEB_DOMAIN_TPL,
            cmd::CHANGE_WEB_DOMAIN_PROXY_TPL,
        ],
    ),
    (
        Area::Templates,
        &[
            cmd::LIST_WEB_TEMPLATES_BACKEND,
            cmd::LIST_WEB_TEMPLATES,
            cmd::LIST_WEB_TEMPLATES_PROXY,
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

/// The area of a hosting command, and its description.
fn area(command: &str) -> Option<(Area, &'static Spec)> {
    AREAS.iter().find_map(|(area, specs)| {
        specs
            .iter()
            .find(|s| s.name == command)
            .map(|spec| (*area, spec))
    })
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

/// Today and now, as Hestia prints them ([`crate::model::date_and_time`]).
pub(crate) fn now_stamp() -> (String, String) {
    crate::model::date_and_time(time::OffsetDateTime::now_utc().unix_timestamp())
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

/// Parent objects and what each holds — zones and their records, mail domains and their
/// accounts — kept as Hestia keeps them: the children are listed and deleted with their parent,
/// and a change to them needs the parent present and active.
struct Family {
    /// What a parent is called in Hestia's messages ("dns domain").
    what: &'static str,
    /// The commands that suspend and unsuspend a parent.
    toggles: [Spec; 2],
}

/// Parents by name.
type Parents = IndexMap<String, Record>;
/// Each parent's children by key.
type Children = IndexMap<String, IndexMap<String, Record>>;

impl Family {
    /// What `parent` holds, as its list command prints it.
    fn list(&self, children: &Children, parent: &str) -> Outcome {
        match children.get(parent) {
            Some(held) => Outcome::ok(keyed(held.iter().map(|(k, r)| (k, r.clone())))),
            None => missing(self.what, parent),
        }
    }

    /// Deletes `parent` and what it holds.
    fn delete(&self, parents: &mut Parents, children: &mut Children, parent: &str) -> Outcome {
        match parents.shift_remove(parent) {
            Some(_) => {
                children.shift_remove(parent);
                Outcome::silent()
            }
            None => missing(self.what, parent),
        }
    }

    /// `parent`'s record and children, for `command` to change them; `Err` is Hestia's answer
    /// when the parent is missing or suspended, or when `command` suspends or unsuspends it.
    fn open<'a>(
        &self,
        parents: &'a mut Parents,
        children: &'a mut Children,
        parent: &str,
        command: &Spec,
    ) -> Result<(&'a mut Record, &'a mut IndexMap<String, Record>), Outcome> {
        let (Some(record), Some(held)) = (parents.get_mut(parent), children.get_mut(parent)) else {
            return Err(missing(self.what, parent));
        };
        let [suspend, unsuspend] = self.toggles;
        if *command == suspend || *command == unsuspend {
            return Err(toggle(record, *command == suspend, self.what, parent));
        }
        if is_yes(record, "SUSPENDED") {
            return Err(Outcome::error(
                5,
                format!("{} {parent} is suspended", self.what),
            ));
        }
        Ok((record, held))
    }
}

/// The next free number among numbered objects (cron jobs, a zone's records), as Hestia picks it.
fn next_id(numbered: &IndexMap<String, Record>) -> String {
    let last = numbered.keys().filter_map(|k| k.parse::<u64>().ok()).max();
    (last.unwrap_or(0) + 1).to_string()
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

/// The arguments as the request log keeps them: passwords masked, `/tmp/` paths kept.
pub(crate) fn masked(command: &str, args: &[String]) -> Vec<String> {
    let at = crate::cmd::find(command).and_then(|s| s.secret_positions().next());
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
    let (area, spec) = area(command)?;
    if let Some(usage) = Outcome::check_args(spec, args) {
        return Some(usage);
    }
    if area == Area::Restart {
        return Some(Outcome::silent());
    }
    if area == Area::Templates {
        return Some(Outcome::ok(pretty(&json!(web::templates(spec).0))));
    }
    // Passwords may come as `/tmp/` files (§5.0).
    let secret = match spec
        .secret_positions()
        .next()
        .map(|i| password(state, &args[i]))
    {
        Some(None) => return Some(Outcome::error(2, "invalid password format")),
        Some(Some(p)) => p,
        None => String::new(),
    };
    let name = args[0].clone();
    let queue_every = state.knobs.queue_every;
    let Some(user) = state.users.get_mut(&name) else {
        return Some(Outcome::error(3, format!("user {name} doesn't exist")));
    };
    if spec.changes() && is_yes(&user.record, "SUSPENDED") {
        return Some(Outcome::error(5, format!("user {name} is suspended")));
    }
    let a = Args(args);
    Some(match area {
        Area::Web => web(user, &name, spec, &a),
        Area::Dns => dns(user, spec, &a),
        Area::Mail => mail(user, spec, &a, &secret),
        Area::Databases => databases(user, &name, spec, &a, &secret),
        Area::Cron => cron(user, spec, &a),
        Area::Backups | Area::Restart | Area::Templates => backups(user, spec, &a, queue_every),
    })
}

/// Positional arguments, `""` when absent.
struct Args<'a>(&'a [String]);

impl Args<'_> {
    fn get(&self, i: usize) -> &str {
        self.0.get(i).map_or("", String::as_str)
    }
}
