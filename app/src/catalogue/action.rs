//! What can be done to objects: one Hestia command per action, its arguments in Hestia's
//! order, when it is offered, and which cached listings a change makes stale.

use hestia::cmd::{self, Spec};

use super::{split_list, validate, Entry, Field, Input, Kind, KindId, Scope, Values};

/// What an action applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Creates an object (offered on the list).
    New,
    /// One object (offered on its page).
    One,
    /// One object, or every selected one in the list.
    OneOrMany,
}

/// When an action is offered for an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Always.
    Always,
    /// When this field is `yes`.
    Yes(&'static str),
    /// When this field is not `yes`.
    NotYes(&'static str),
    /// When this list field has items.
    HasItems(&'static str),
    /// When the object is not Hestia's root user.
    NotRoot,
    /// When all of these hold.
    All(&'static [When]),
}

impl When {
    /// Whether the action applies to `e`; `root` is Hestia's root user.
    pub fn holds(self, e: &Entry, root: &str) -> bool {
        match self {
            Self::Always => true,
            Self::Yes(f) => e.get(f) == "yes",
            Self::NotYes(f) => e.get(f) != "yes",
            Self::HasItems(f) => !split_list(e.get(f)).is_empty(),
            Self::NotRoot => e.key != root,
            Self::All(all) => all.iter().all(|w| w.holds(e, root)),
        }
    }

    /// Whether it keeps the action away from the root user.
    pub fn excludes_root(self) -> bool {
        match self {
            Self::NotRoot => true,
            Self::All(all) => all.iter().any(|w| w.excludes_root()),
            _ => false,
        }
    }

    pub(super) fn fields(self) -> Vec<&'static str> {
        match self {
            Self::Always | Self::NotRoot => Vec::new(),
            Self::Yes(f) | Self::NotYes(f) | Self::HasItems(f) => vec![f],
            Self::All(all) => all.iter().flat_map(|w| w.fields()).collect(),
        }
    }
}

/// Something a user can do to objects of a kind: one Hestia command, its arguments in
/// Hestia's order, and the form that fills them.
pub struct Action {
    /// Its name on the wire.
    pub id: &'static str,
    /// The button.
    pub label: &'static str,
    /// The command.
    pub command: &'static Spec,
    /// What it applies to.
    pub target: Target,
    /// The arguments, in Hestia's order.
    pub args: &'static [Arg],
    /// The form.
    pub fields: &'static [Field],
    /// A question to confirm first; `{}` is the object's name.
    pub confirm: Option<&'static str>,
    /// Destroys something (drawn red).
    pub danger: bool,
    /// When it is offered.
    pub when: When,
    /// The command that restarts the service once after a bulk run with `RESTART=no`.
    pub restart: Option<&'static Spec>,
    /// A live explanation of the form's values (the cron schedule in words).
    pub preview: Option<fn(&Values) -> Vec<String>>,
}

/// Suspends an object (and is offered only while it is active).
pub const fn suspend(
    command: &'static Spec,
    args: &'static [Arg],
    confirm: Option<&'static str>,
    restart: Option<&'static Spec>,
) -> Action {
    Action {
        target: Target::OneOrMany,
        args,
        confirm,
        when: When::NotYes("SUSPENDED"),
        restart,
        ..Action::new("suspend", "Suspend", command)
    }
}

/// Unsuspends an object (offered only while it is suspended).
pub const fn unsuspend(
    command: &'static Spec,
    args: &'static [Arg],
    restart: Option<&'static Spec>,
) -> Action {
    Action {
        target: Target::OneOrMany,
        args,
        when: When::Yes("SUSPENDED"),
        restart,
        ..Action::new("unsuspend", "Unsuspend", command)
    }
}

/// Deletes an object, after a question that names it.
pub const fn delete(
    command: &'static Spec,
    args: &'static [Arg],
    confirm: &'static str,
    restart: Option<&'static Spec>,
) -> Action {
    Action {
        target: Target::OneOrMany,
        args,
        confirm: Some(confirm),
        danger: true,
        restart,
        ..Action::new("delete", "Delete", command)
    }
}

impl Action {
    /// The action `id`, shown as `label`, running `command` on one object with no arguments
    /// and no form: what every description must say.
    pub const fn new(id: &'static str, label: &'static str, command: &'static Spec) -> Self {
        Self {
            id,
            label,
            command,
            target: Target::One,
            args: &[],
            fields: &[],
            confirm: None,
            danger: false,
            when: When::Always,
            restart: None,
            preview: None,
        }
    }

    /// Checks every field (the same code runs in the browser as the user types and on the
    /// server before anything is sent). The first problem, by field name.
    pub fn validate(&self, values: &Values) -> Result<(), (String, String)> {
        for field in self.fields {
            let raw = values.get(field.name);
            let value = raw.trim();
            let problem = if value.is_empty() {
                field.required.then(|| crate::text::REQUIRED.to_owned())
            } else {
                // A crafted form may send anything: a choice must be one of those offered.
                let offered = match field.input {
                    Input::Select(choices) => validate::one_of(value, choices),
                    _ => Ok(()),
                };
                validate::any_field(raw, field.input)
                    .and(offered)
                    .and_then(|()| (field.check)(value, values))
                    .err()
            };
            if let Some(problem) = problem {
                return Err((field.name.to_owned(), problem));
            }
        }
        Ok(())
    }
}

/// The listings of the account it acts for that a change by `command` makes stale, when the
/// catalogue knows exactly: for an action on an account's hosting objects, its kind's list, its
/// parent's and children's (their contents and counts) and the account's usage counters
/// (`v-list-user`); nothing for a password file on the Hestia host or a queued job
/// (a backup or restore: its follower drops the account's listings when it ends). `None` for anything
/// else (users, packages, keys, the server): any listing may have changed.
pub fn lists_changed_by(command: &str) -> Option<Vec<&'static str>> {
    let queued = [cmd::SCHEDULE_USER_BACKUP, cmd::SCHEDULE_USER_RESTORE];
    if command == cmd::MAKE_TMP_FILE.name || queued.iter().any(|q| q.name == command) {
        return Some(Vec::new());
    }
    let kinds: Vec<&Kind> = KindId::ALL
        .iter()
        .map(|k| k.kind())
        .filter(|k| k.actions.iter().any(|a| a.command.name == command))
        .collect();
    if kinds.is_empty() || kinds.iter().any(|k| k.scope != Scope::User) {
        return None;
    }
    let mut lists: Vec<&'static str> = kinds
        .iter()
        .flat_map(|k| {
            let related = k
                .parent
                .iter()
                .chain(k.children)
                .map(|r| r.kind().list.name);
            [k.list.name, cmd::LIST_USER.name]
                .into_iter()
                .chain(related)
        })
        .collect();
    lists.sort_unstable();
    lists.dedup();
    Some(lists)
}

/// One positional argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    /// The session's user.
    User,
    /// The parent object's key.
    Parent,
    /// The object's key.
    Key,
    /// A form field, trimmed.
    Field(&'static str),
    /// A form field holding a list (commas or spaces), sent comma-separated.
    List(&'static str),
    /// A password field: through `v-make-tmp-file` when the key may run it.
    Secret(&'static str),
    /// A settings file of `KEY='field value'` lines, written through `v-make-tmp-file` (a
    /// package definition for `v-add-user-package TMPFILE PACKAGE`).
    File(&'static [(&'static str, &'static str)]),
    /// A checkbox: the first value when ticked, the second when not.
    Checked(&'static str, &'static str, &'static str),
    /// A fixed value (`""` for an optional argument left out in the middle).
    Fixed(&'static str),
    /// `RESTART`: empty (restart now) alone, `no` inside a bulk run.
    Restart,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_drop_exactly_the_listings_they_touch() {
        assert_eq!(
            lists_changed_by(cmd::ADD_DNS_RECORD.name),
            Some(vec![
                cmd::LIST_DNS_DOMAINS.name,
                cmd::LIST_DNS_RECORDS.name,
                cmd::LIST_USER.name
            ])
        );
        assert_eq!(
            lists_changed_by(cmd::DELETE_MAIL_DOMAIN.name),
            Some(vec![
                cmd::LIST_MAIL_ACCOUNTS.name,
                cmd::LIST_MAIL_DOMAIN_DKIM_DNS.name,
                cmd::LIST_MAIL_DOMAINS.name,
                cmd::LIST_USER.name
            ])
        );
        assert_eq!(lists_changed_by(cmd::MAKE_TMP_FILE.name), Some(vec![]));
        assert_eq!(
            lists_changed_by(cmd::SCHEDULE_USER_RESTORE.name),
            Some(vec![])
        );
        assert!(lists_changed_by(cmd::DELETE_USER_BACKUP.name).is_some_and(|l| !l.is_empty()));
        // Server-wide kinds and commands the catalogue does not describe: anything may change.
        assert_eq!(lists_changed_by(cmd::SUSPEND_USER.name), None);
        assert_eq!(lists_changed_by(cmd::CHANGE_USER_PASSWORD.name), None);
        assert_eq!(lists_changed_by(cmd::ADD_ACCESS_KEY.name), None);
    }
}
