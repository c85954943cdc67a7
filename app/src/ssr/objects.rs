//! Lists and changes objects of any kind from its catalogue description: builds the
//! arguments in Hestia's order, validates forms with the same code the browser runs, sends
//! passwords through `v-make-tmp-file`, and runs bulk changes with one service restart.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use hestia::cmd::{self, Call, Spec};
use hestia::protocol::Args;

use super::RequestCtx;
use crate::catalogue::validate::list_items;
use crate::catalogue::{Action, Arg, Entry, Input, Kind, Scope, Target, Values};
use crate::error::HearthError;

/// A key or parent as the browser sent it: one line, no control characters.
fn checked_key(field: &str, value: &str) -> Result<(), HearthError> {
    if value.is_empty() || value.len() > 255 || value.chars().any(char::is_control) {
        return Err(HearthError::invalid(field, "This is not a valid name."));
    }
    Ok(())
}

/// Parsed listings, by command and arguments, with the answer they were parsed from: a
/// cached answer is parsed once, however often a big list is searched, sorted and paged.
#[derive(Default)]
pub struct ParsedLists(Mutex<HashMap<ListingKey, Parsed>>);

/// A listing: its command and arguments.
type ListingKey = (&'static str, Vec<String>);

/// An answer and the entries parsed from it.
type Parsed = (Arc<str>, Arc<Vec<Entry>>);

impl ParsedLists {
    /// The most listings kept.
    const MAX: usize = 512;

    fn get_or_parse(
        &self,
        key: ListingKey,
        body: &Arc<str>,
        fields: &[&str],
    ) -> Result<Arc<Vec<Entry>>, hestia::model::DecodeError> {
        let lock = || self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((seen, entries)) = lock().get(&key) {
            if Arc::ptr_eq(seen, body) {
                return Ok(entries.clone());
            }
        }
        let entries = Arc::new(hestia::model::parse_entries(body, fields)?);
        let mut map = lock();
        if map.len() >= Self::MAX {
            map.clear();
        }
        map.insert(key, (body.clone(), entries.clone()));
        Ok(entries)
    }
}

/// The account a kind's commands name in their USER argument, if they have one.
fn user_of(ctx: &RequestCtx, kind: &Kind) -> Option<hestia::UserName> {
    match kind.scope {
        Scope::User | Scope::UserOrAll => Some(ctx.subject().clone()),
        Scope::Server => None,
    }
}

/// All objects of `kind` (under `parent`), with only the fields the catalogue shows.
pub async fn list(
    ctx: &RequestCtx,
    kind: &Kind,
    parent: Option<&str>,
) -> Result<Arc<Vec<Entry>>, HearthError> {
    let user = user_of(ctx, kind);
    let mut args = match (kind.scope, &user) {
        // The root user's own session lists everyone's (an empty USER).
        (Scope::UserOrAll, _) if ctx.is_root() && ctx.record().acting_as.is_none() => {
            Args::new().arg("")
        }
        (_, Some(user)) => Args::new().arg(user.as_str()),
        (_, None) => Args::new(),
    };
    match (kind.parent, parent) {
        (Some(_), Some(p)) => {
            checked_key("parent", p)?;
            args = args.arg(p);
        }
        (None, None) => {}
        _ => {
            return Err(HearthError::invalid(
                "parent",
                "This list needs its parent object.",
            ))
        }
    }
    let call = Call {
        spec: kind.list,
        args: args.arg("json"),
        user,
    };
    let body = ctx.call(&call).await?;
    ctx.gateway()
        .parsed_lists()
        .get_or_parse((kind.list.name, call.args.to_wire()), &body, &kind.fields())
        .map_err(|_| HearthError::BadPayload {
            command: kind.list.name.to_owned(),
        })
}

/// What runs one action on one object.
pub struct Run<'a> {
    /// The kind.
    pub kind: &'a Kind,
    /// The action.
    pub action: &'a Action,
    /// The parent's key, for kinds that have one.
    pub parent: Option<&'a str>,
    /// The object's key; `None` to create.
    pub key: Option<&'a str>,
    /// The form.
    pub values: &'a Values,
}

impl Run<'_> {
    /// Checks the request against the description and the session's key, and the form
    /// against its fields; nothing is sent when anything is wrong. For kinds whose commands
    /// Hestia does not check, the object must be in the session's own listing and the action
    /// offered for it.
    pub async fn check(&self, ctx: &RequestCtx) -> Result<Values, HearthError> {
        let values = self.check_form(ctx)?;
        // A name of another kind's object must name one that exists (a user's package), when
        // the key may list them; otherwise Hestia checks (the `billing` profile lists no packages).
        for field in self.action.fields {
            let (Input::OneOf(of), value) = (field.input, values.get(field.name).trim()) else {
                continue;
            };
            let of = of.kind();
            if value.is_empty() || !ctx.record().allowed.allows(of.list.name) {
                continue;
            }
            if !list(ctx, of, None).await?.iter().any(|e| e.key == value) {
                return Err(HearthError::invalid(
                    field.name,
                    format!("There is no {} {value}.", of.noun),
                ));
            }
        }
        if let (true, Some(key)) = (self.kind.listed_only, self.key) {
            let listed = list(ctx, self.kind, self.parent).await?;
            let offered = listed.iter().find(|e| e.key == key).is_some_and(|e| {
                self.action
                    .when
                    .holds(e, ctx.gateway().root_user().as_str())
            });
            if !offered {
                ctx.audit_refusal(
                    self.action.command.name,
                    vec![key.to_owned()],
                    "not in the session's own listing",
                )
                .await;
                return Err(HearthError::Refused {
                    command: self.action.command.name.to_owned(),
                    code: hestia::ReturnCode::NotExist,
                });
            }
        }
        Ok(values)
    }

    fn check_form(&self, ctx: &RequestCtx) -> Result<Values, HearthError> {
        ctx.require(self.action.command.name)?;
        match (self.action.target, self.key) {
            (Target::New, None) => {}
            (Target::One | Target::OneOrMany, Some(key)) => checked_key("key", key)?,
            _ => {
                return Err(HearthError::invalid(
                    "key",
                    "This action does not fit here.",
                ))
            }
        }
        if self.kind.parent.is_some() != self.parent.is_some() {
            return Err(HearthError::invalid(
                "parent",
                "This action needs its parent object.",
            ));
        }
        if let Some(p) = self.parent {
            checked_key("parent", p)?;
        }
        // Hestia's root user is never suspended or deleted from Hearth.
        let root = ctx.gateway().root_user().as_str();
        if self.key == Some(root)
            && self.kind.scope == Scope::Server
            && self.action.when.excludes_root()
        {
            return Err(HearthError::invalid(
                "key",
                "Hearth does not do this to the root user.",
            ));
        }
        let mut values = self.values.clone();
        values.0.retain(|k, _| !k.starts_with('@'));
        values.set(Values::USER, ctx.subject().as_str());
        values.set(Values::KEY, self.key.unwrap_or_default());
        self.action
            .validate(&values)
            .map_err(|(field, problem)| HearthError::Invalid { field, problem })?;
        Ok(values)
    }

    /// Runs it with `restart` as the `RESTART` argument (`""` now, `"no"` inside a bulk run).
    pub async fn run(&self, ctx: &RequestCtx, restart: &str) -> Result<(), HearthError> {
        let values = match self.check(ctx).await {
            Ok(values) => values,
            Err(e) => {
                // A mistyped field is the user's to fix; anything else refused here (the root
                // user, a command the key lacks; an object outside the session's listing is
                // recorded where it is found) is an attempt the audit log keeps.
                let why = match &e {
                    HearthError::Invalid { field, .. }
                        if self.action.fields.iter().any(|f| f.name == field) =>
                    {
                        None
                    }
                    HearthError::Invalid { problem, .. } => Some(problem.clone()),
                    HearthError::NotAllowed { .. } => Some("the key does not allow it".to_owned()),
                    _ => None,
                };
                if let Some(why) = why {
                    let key = self.key.unwrap_or_default().to_owned();
                    ctx.audit_refusal(self.action.command.name, vec![key], &why)
                        .await;
                }
                return Err(e);
            }
        };
        let mut args = Args::new();
        let mut tmp_files = Vec::new();
        let (parent, key) = (
            self.parent.unwrap_or_default(),
            self.key.unwrap_or_default(),
        );
        for arg in self.action.args {
            let value = match value_of(*arg, &values, parent, key, restart) {
                Value::Now(value) => value,
                // Inline only when the key may not write a file.
                Value::Secret(f) if !ctx.record().allowed.allows(cmd::MAKE_TMP_FILE.name) => {
                    values.get(f).to_owned()
                }
                Value::Secret(f) => tmp_file(ctx, values.get(f), &mut tmp_files).await?,
                Value::File(lines) => {
                    let mut text = String::new();
                    for &(key, field) in lines {
                        let value = values.get(field).trim();
                        crate::catalogue::validate::file_value(value)
                            .map_err(|p| HearthError::invalid(field, p))?;
                        text.push_str(&format!("{key}='{value}'\n"));
                    }
                    tmp_file(ctx, text.trim_end(), &mut tmp_files).await?
                }
            };
            args = args.arg(value);
        }
        let call = Call {
            spec: self.action.command,
            args,
            user: match self.kind.scope {
                Scope::User => Some(ctx.subject().clone()),
                Scope::Server | Scope::UserOrAll => None,
            },
        };
        let result = ctx.call(&call).await.map(drop);
        // Hestia never deletes them, and /tmp is world-readable (PROTOCOL.md §7.6).
        for name in &tmp_files {
            if let Err(e) = write_tmp_file(ctx, "", name).await {
                tracing::warn!(error = %e, "could not empty a password file on the Hestia host");
            }
        }
        if let (Ok(()), Some(key)) = (&result, self.key) {
            end_sessions_after(ctx, self.action.command, key).await;
        }
        // The command and outcome, never the arguments: they may hold a password.
        tracing::info!(
            user = %ctx.subject(),
            command = self.action.command.name,
            ok = result.is_ok(),
            "action"
        );
        result
    }
}

/// An argument's value: known from the checked form, or to be written to a file on the Hestia
/// host first (`v-make-tmp-file`).
#[derive(Debug, PartialEq, Eq)]
enum Value {
    /// The value itself.
    Now(String),
    /// A password from this field.
    Secret(&'static str),
    /// A settings file of these `KEY='field'` lines.
    File(&'static [(&'static str, &'static str)]),
}

/// The value of `arg` from the checked `values` (which hold the session's user under
/// [`Values::USER`]), the parent's and object's keys, and `restart`.
fn value_of(arg: Arg, values: &Values, parent: &str, key: &str, restart: &str) -> Value {
    Value::Now(match arg {
        Arg::User => values.get(Values::USER).to_owned(),
        Arg::Parent => parent.to_owned(),
        Arg::Key => key.to_owned(),
        Arg::Field(f) => values.get(f).trim().to_owned(),
        Arg::List(f) => list_items(values.get(f)).join(","),
        Arg::Checked(f, on, off) => if is_ticked(values.get(f)) { on } else { off }.to_owned(),
        Arg::Fixed(v) => v.to_owned(),
        Arg::Restart => restart.to_owned(),
        Arg::Secret(f) => return Value::Secret(f),
        Arg::File(lines) => return Value::File(lines),
    })
}

/// A change that breaks credentials — a revoked key, a deleted or suspended account (Hestia
/// refuses its keys from then on), a new password — ends every Hearth session that depends on
/// them now, before their next call costs a strike at Hestia (and the keys made for password
/// sessions are deleted with them).
async fn end_sessions_after(ctx: &RequestCtx, command: &Spec, key: &str) {
    use super::sessions::Ending;
    let ending = if *command == cmd::DELETE_ACCESS_KEY {
        Ending::Key(key.to_owned())
    } else if [cmd::DELETE_USER, cmd::SUSPEND_USER].contains(command) {
        Ending::User(key.to_owned())
    } else if *command == cmd::CHANGE_USER_PASSWORD {
        // Whoever knew the old password is out, as after a reset in any panel.
        Ending::Password(key.to_owned())
    } else {
        return;
    };
    let command = command.name;
    match ctx.gateway().sessions().end(ending, None).await {
        Ok(n) => tracing::info!(
            sessions = n,
            command,
            "ended the sessions that depended on it"
        ),
        Err(_) => tracing::error!(command, "could not end the sessions that depended on it"),
    }
}

/// A checkbox's value as browsers and the no-JS form send it.
pub fn is_ticked(v: &str) -> bool {
    matches!(v, "on" | "yes" | "true")
}

/// Writes `text` to a fresh `/tmp/hearth-…` file on the Hestia host, as Hestia's own UI passes
/// a password: it never shows on the server's process list. Yields its path; its name joins
/// `written`, to be emptied after use.
async fn tmp_file(
    ctx: &RequestCtx,
    text: &str,
    written: &mut Vec<String>,
) -> Result<String, HearthError> {
    let name = format!("hearth-{}", random_hex());
    write_tmp_file(ctx, text, &name).await?;
    let path = format!("/tmp/{name}");
    written.push(name);
    Ok(path)
}

async fn write_tmp_file(ctx: &RequestCtx, text: &str, name: &str) -> Result<(), HearthError> {
    let call = Call {
        spec: &cmd::MAKE_TMP_FILE,
        args: Args::new().arg(text).arg(name),
        user: None,
    };
    ctx.call(&call).await.map(drop)
}

pub(super) fn random_hex() -> String {
    use chacha20poly1305::aead::rand_core::RngCore;
    let mut bytes = [0u8; 16];
    chacha20poly1305::aead::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The result of a bulk run: what failed, and why.
pub type BulkFailures = Vec<(String, HearthError)>;

/// Runs `action` on every key with `RESTART=no` but the last, which restarts the service
/// once; when the last one fails, the service is restarted on its own if the key may.
pub async fn run_bulk(
    ctx: &RequestCtx,
    kind: &Kind,
    action: &Action,
    parent: Option<&str>,
    keys: &[String],
) -> Result<BulkFailures, HearthError> {
    if action.target != Target::OneOrMany || !action.fields.is_empty() {
        return Err(HearthError::invalid(
            "action",
            "This action does not work on a selection.",
        ));
    }
    let values = Values::default();
    let mut failures = Vec::new();
    let mut changed = 0;
    for (i, key) in keys.iter().enumerate() {
        let last = i + 1 == keys.len();
        let run = Run {
            kind,
            action,
            parent,
            key: Some(key),
            values: &values,
        };
        match run.run(ctx, if last { "" } else { "no" }).await {
            Ok(()) => changed += 1,
            // The rest would fail the same way: a session that is over, credentials Hestia
            // refused (each further call a strike), a Hestia that is down, slow or rationed.
            Err(
                e @ (HearthError::SessionExpired
                | HearthError::CredentialsRevoked
                | HearthError::Login(_)
                | HearthError::OwnerSuspended { .. }
                | HearthError::OwnerMissing { .. }
                | HearthError::NotAllowed { .. }
                | HearthError::Unreachable
                | HearthError::Timeout
                | HearthError::Throttled { .. }
                | HearthError::Busy),
            ) => return Err(e),
            Err(e) => failures.push((key.clone(), e)),
        }
    }
    let last_failed = keys
        .last()
        .is_some_and(|k| failures.iter().any(|(f, _)| f == k));
    if let (true, true, Some(restart)) = (last_failed, changed > 0, action.restart) {
        if ctx.record().allowed.allows(restart.name) {
            let call = Call {
                spec: restart,
                args: Args::new(),
                user: None,
            };
            if let Err(e) = ctx.call(&call).await {
                failures.push((restart.name.to_owned(), e));
            }
        }
    }
    Ok(failures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::KindId;

    /// The arguments an action sends for `form`, in Hestia's order.
    fn arguments(kind: KindId, action: &str, form: &[(&str, &str)], key: &str) -> Vec<Value> {
        let mut values = Values::default();
        values.set(Values::USER, "alice");
        for (name, value) in form {
            values.set(name, *value);
        }
        let action = kind.kind().action(action).expect("the action exists");
        action
            .args
            .iter()
            .map(|a| value_of(*a, &values, "example.test", key, ""))
            .collect()
    }

    fn now(values: &[&str]) -> Vec<Value> {
        values.iter().map(|v| Value::Now((*v).to_owned())).collect()
    }

    #[test]
    fn a_record_is_added_with_hestias_argument_order() {
        let form = [
            ("record", " www "),
            ("type", "A"),
            ("value", "203.0.113.7"),
            ("priority", ""),
            ("ttl", "300"),
        ];
        assert_eq!(
            arguments(KindId::DnsRecord, "add", &form, ""),
            now(&[
                "alice",
                "example.test",
                "www",
                "A",
                "203.0.113.7",
                "",
                "",
                "",
                "300"
            ])
        );
    }

    #[test]
    fn lists_checkboxes_and_passwords_take_their_own_form() {
        assert_eq!(
            arguments(
                KindId::WebDomain,
                "add",
                &[
                    ("domain", "new.example.org"),
                    ("aliases", "a.example.org b.example.org,c.example.org")
                ],
                ""
            )[4],
            Value::Now("a.example.org,b.example.org,c.example.org".to_owned())
        );
        let restore = arguments(
            KindId::Backup,
            "restore",
            &[("web", "on"), ("cron", "yes"), ("db", "")],
            "alice.2026-12-01_05-10-03.tar",
        );
        assert_eq!(
            restore,
            now(&[
                "alice",
                "alice.2026-12-01_05-10-03.tar",
                "*",
                "no",
                "no",
                "no",
                "yes",
                "no"
            ])
        );
        let account = arguments(
            KindId::MailAccount,
            "add",
            &[("account", "info"), ("password", "a long secret")],
            "",
        );
        assert!(account.contains(&Value::Secret("password")), "{account:?}");
        assert!(
            !account.contains(&Value::Now("a long secret".to_owned())),
            "a password is never an inline value"
        );
    }
}
