//! Hestia's object kinds, each described once: its section, list command, columns, details,
//! actions with their arguments and form fields. Generic components
//! ([`crate::components::object`]) render every kind from its description, and one server
//! function per verb (list, act) serves them all. Adding a kind is adding a description.

mod backups;
mod cron;
mod databases;
mod dns;
mod keys;
mod mail;
mod packages;
mod services;
mod users;
pub mod validate;
mod web;

pub use cron::civil;
use hestia::cmd::{self, Spec};
pub use hestia::model::Entry;
use serde::{Deserialize, Serialize};

/// A section of the panel: one kind of object with its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    /// Web domains.
    Web,
    /// DNS zones and records.
    Dns,
    /// Mail domains and accounts.
    Mail,
    /// Databases.
    Databases,
    /// Cron jobs.
    Cron,
    /// Backups.
    Backups,
    /// User accounts (administrators).
    Users,
    /// Hosting packages (administrators).
    Packages,
    /// Access keys: everyone's for the root user, one's own for others.
    Keys,
    /// The server: information, services, API settings (administrators).
    Server,
}

impl Section {
    /// Every section, in navigation order.
    pub const ALL: [Section; 10] = [
        Section::Web,
        Section::Dns,
        Section::Mail,
        Section::Databases,
        Section::Cron,
        Section::Backups,
        Section::Users,
        Section::Packages,
        Section::Keys,
        Section::Server,
    ];

    /// Whether it manages the server rather than one account's hosting (the navigation
    /// groups them, and they are hidden while acting as a user).
    pub fn is_admin(self) -> bool {
        matches!(
            self,
            Self::Users | Self::Packages | Self::Keys | Self::Server
        )
    }

    /// The route segment.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Web => "web",
            Self::Dns => "dns",
            Self::Mail => "mail",
            Self::Databases => "db",
            Self::Cron => "cron",
            Self::Backups => "backups",
            Self::Users => "users",
            Self::Packages => "packages",
            Self::Keys => "keys",
            Self::Server => "server",
        }
    }

    /// The navigation label and page title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Web => "Web",
            Self::Dns => "DNS",
            Self::Mail => "Mail",
            Self::Databases => "Databases",
            Self::Cron => "Cron jobs",
            Self::Backups => "Backups",
            Self::Users => "Users",
            Self::Packages => "Packages",
            Self::Keys => "Access keys",
            Self::Server => "Server",
        }
    }

    /// The kind the section lists.
    pub fn kind(self) -> &'static Kind {
        match self {
            Self::Web => &web::WEB_DOMAINS,
            Self::Dns => &dns::ZONES,
            Self::Mail => &mail::DOMAINS,
            Self::Databases => &databases::DATABASES,
            Self::Cron => &cron::JOBS,
            Self::Backups => &backups::BACKUPS,
            Self::Users => &users::USERS,
            Self::Packages => &packages::PACKAGES,
            Self::Keys => &keys::ACCESS_KEYS,
            Self::Server => &services::SERVICES,
        }
    }

    /// The command that lists the section's objects: the section exists for a session only
    /// when its key may run it.
    pub fn list_command(self) -> &'static str {
        self.kind().list.name
    }

    /// The section for a route segment.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// Names a kind across the wire (server functions take it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KindId {
    /// Web domains.
    WebDomain,
    /// DNS zones.
    DnsZone,
    /// Records of a zone.
    DnsRecord,
    /// Mail domains.
    MailDomain,
    /// Accounts of a mail domain.
    MailAccount,
    /// The DKIM records to publish for a mail domain.
    MailDkim,
    /// Databases.
    Database,
    /// Cron jobs.
    CronJob,
    /// Backup archives.
    Backup,
    /// User accounts.
    User,
    /// Hosting packages.
    Package,
    /// Access keys.
    AccessKey,
    /// System services.
    Service,
}

impl KindId {
    /// Every kind.
    pub const ALL: [KindId; 13] = [
        KindId::WebDomain,
        KindId::DnsZone,
        KindId::DnsRecord,
        KindId::MailDomain,
        KindId::MailAccount,
        KindId::MailDkim,
        KindId::Database,
        KindId::CronJob,
        KindId::Backup,
        KindId::User,
        KindId::Package,
        KindId::AccessKey,
        KindId::Service,
    ];

    /// The description.
    pub fn kind(self) -> &'static Kind {
        match self {
            Self::WebDomain => &web::WEB_DOMAINS,
            Self::DnsZone => &dns::ZONES,
            Self::DnsRecord => &dns::RECORDS,
            Self::MailDomain => &mail::DOMAINS,
            Self::MailAccount => &mail::ACCOUNTS,
            Self::MailDkim => &mail::DKIM,
            Self::Database => &databases::DATABASES,
            Self::CronJob => &cron::JOBS,
            Self::Backup => &backups::BACKUPS,
            Self::User => &users::USERS,
            Self::Package => &packages::PACKAGES,
            Self::AccessKey => &keys::ACCESS_KEYS,
            Self::Service => &services::SERVICES,
        }
    }

    /// The kind of a sub-object route segment.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.kind().slug == slug)
    }
}

/// Whose objects a kind lists, which decides the USER argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The session's user's: lists take `USER [PARENT] json`, actions start with USER.
    User,
    /// The server's: no USER argument (users, packages, services).
    Server,
    /// The session's user's, and everyone's for the root user (`v-list-access-keys`).
    UserOrAll,
}

/// An object kind.
pub struct Kind {
    /// Its name on the wire.
    pub id: KindId,
    /// Its section.
    pub section: Section,
    /// Its route segment under a parent, and the prefix of its list's query parameters.
    pub slug: &'static str,
    /// What one object is called ("web domain").
    pub noun: &'static str,
    /// What several are called.
    pub plural: &'static str,
    /// The text shown when there are none.
    pub empty: &'static str,
    /// Whose objects it lists.
    pub scope: Scope,
    /// The list command: `USER [PARENT] json` (`json` alone for server-wide kinds).
    pub list: &'static Spec,
    /// Hestia checks nothing on its actions: they run only on objects in the session's own
    /// listing, and only where offered (access keys, §3.6).
    pub listed_only: bool,
    /// The kind whose objects hold these (records of a zone).
    pub parent: Option<KindId>,
    /// Kinds listed on an object's page.
    pub children: &'static [KindId],
    /// How an object is named to a person (confirmations, titles); the key by default.
    pub name: fn(&Entry) -> String,
    /// What the list's first column shows, and the field it sorts by (`@key` for the key).
    pub label: (fn(&Entry) -> String, &'static str),
    /// The list's columns after the name.
    pub columns: &'static [Column],
    /// The object page's facts.
    pub details: &'static [Column],
    /// Whether objects have a page of their own.
    pub has_page: bool,
    /// What can be done.
    pub actions: &'static [Action],
    /// The section shows the state of queued jobs, updated live.
    pub live_jobs: bool,
    /// On its parent's page, listed only when asked for: few people need it, and every list
    /// costs a Hestia call (a line in the user's history).
    pub on_demand: bool,
}

/// Stands for the command in the defaults below: every description names its own.
const NO_COMMAND: Spec = Spec {
    name: "",
    class: hestia::CommandClass::Read,
    usage: "",
};

/// The defaults descriptions start from.
pub const KIND: Kind = Kind {
    id: KindId::WebDomain,
    section: Section::Web,
    slug: "",
    noun: "",
    plural: "",
    empty: "",
    scope: Scope::User,
    list: &NO_COMMAND,
    listed_only: false,
    parent: None,
    children: &[],
    name: |e| e.key.clone(),
    label: (|e| e.key.clone(), "@key"),
    columns: &[],
    details: &[],
    has_page: true,
    actions: &[],
    live_jobs: false,
    on_demand: false,
};

impl Kind {
    /// The fields the browser needs: those the columns and details show (nothing else of
    /// Hestia's record leaves the server).
    pub fn fields(&self) -> Vec<&'static str> {
        let mut fields: Vec<&'static str> = self
            .columns
            .iter()
            .chain(self.details)
            .flat_map(|c| c.fields())
            .collect();
        for action in self.actions {
            for f in action.fields {
                fields.extend(f.prefill);
                if let Input::FromList(list) = f.input {
                    fields.push(list);
                }
            }
            fields.extend(action.when.fields());
        }
        fields.sort_unstable();
        fields.dedup();
        fields
    }

    /// An action by id.
    pub fn action(&self, id: &str) -> Option<&'static Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The link to an object's page.
    pub fn href(&self, parent: Option<&str>, key: &str) -> String {
        let key = encode_segment(key);
        match parent {
            Some(p) => format!(
                "/{}/{}/{}/{key}",
                self.section.slug(),
                encode_segment(p),
                self.slug
            ),
            None => format!("/{}/{key}", self.section.slug()),
        }
    }
}

/// Percent-encodes a path segment or a query value: everything but RFC 3986's unreserved
/// characters and `@` (keys may hold it; spaces are unlikely but possible).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes what [`encode_segment`] encoded (and any other `%XX` escape).
pub fn decode_segment(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A table column or a fact on an object's page.
pub struct Column {
    /// The header.
    pub label: &'static str,
    /// The Hestia field it shows (and sorts by).
    pub field: &'static str,
    /// How.
    pub show: Show,
}

impl Column {
    /// A column showing its field as text.
    pub const fn text(label: &'static str, field: &'static str) -> Self {
        Self {
            label,
            field,
            show: Show::Text,
        }
    }

    fn fields(&self) -> Vec<&'static str> {
        let mut f = vec![self.field];
        if let Show::Custom(_, extra) = self.show {
            f.extend_from_slice(extra);
        }
        f.retain(|f| !f.is_empty());
        f
    }

    /// The cell for an object.
    pub fn cell(&self, e: &Entry) -> Cell {
        let v = e.get(self.field);
        match self.show {
            Show::Text => Cell::Text(v.to_owned()),
            Show::Code => Cell::Code(v.to_owned()),
            Show::Number(unit) => Cell::Number(v.trim().parse().ok(), unit),
            Show::Quota => match v {
                "unlimited" => Cell::Text(crate::text::UNLIMITED.to_owned()),
                n => Cell::Number(n.trim().parse().ok(), "MB"),
            },
            Show::List => Cell::Lines(split_list(v)),
            Show::Flag => Cell::Badges(vec![if v == "yes" {
                Badge::new(crate::text::YES, Tone::Good)
            } else {
                Badge::new(crate::text::NO, Tone::Neutral)
            }]),
            Show::Status => Cell::Badges(vec![status_badge(e)]),
            Show::Custom(f, _) => f(e),
        }
    }
}

/// The active/suspended column most kinds have.
pub const STATUS: Column = Column {
    label: "Status",
    field: "SUSPENDED",
    show: Show::Status,
};

/// The creation date column most kinds have.
pub const CREATED: Column = Column {
    label: "Created",
    field: "DATE",
    show: Show::Text,
};

/// How a column shows its field.
#[derive(Clone, Copy)]
pub enum Show {
    /// As text.
    Text,
    /// As code (paths, record values, commands).
    Code,
    /// A number with its unit.
    Number(&'static str),
    /// MB or `unlimited`.
    Quota,
    /// A comma-separated list, one per line.
    List,
    /// `yes`/`no`.
    Flag,
    /// Active or suspended (`SUSPENDED`).
    Status,
    /// Computed, from these extra fields.
    Custom(fn(&Entry) -> Cell, &'static [&'static str]),
}

/// Splits Hestia's comma-separated lists.
pub fn split_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether an object is suspended.
pub fn is_suspended(e: &Entry) -> bool {
    e.get("SUSPENDED") == "yes"
}

/// The active/suspended badge.
pub fn status_badge(e: &Entry) -> Badge {
    if is_suspended(e) {
        Badge::new(crate::text::SUSPENDED, Tone::Bad)
    } else {
        Badge::new(crate::text::ACTIVE, Tone::Good)
    }
}

/// How a cell looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Plain text.
    Text(String),
    /// Code.
    Code(String),
    /// A number, right-aligned, with its unit.
    Number(Option<u64>, &'static str),
    /// Small status labels.
    Badges(Vec<Badge>),
    /// Several values, one per line.
    Lines(Vec<String>),
}

/// A status label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Badge {
    /// Its text.
    pub text: &'static str,
    /// Its colour.
    pub tone: Tone,
}

impl Badge {
    /// A badge.
    pub const fn new(text: &'static str, tone: Tone) -> Self {
        Self { text, tone }
    }
}

/// The colour of a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Fine.
    Good,
    /// Worth a look.
    Warn,
    /// Off or broken.
    Bad,
    /// Neither.
    Neutral,
}

impl Tone {
    /// The CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Self::Good => "badge good",
            Self::Warn => "badge warn",
            Self::Bad => "badge bad",
            Self::Neutral => "badge",
        }
    }
}

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

    fn fields(self) -> Vec<&'static str> {
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

/// The defaults actions start from.
pub const ACTION: Action = Action {
    id: "",
    label: "",
    command: &NO_COMMAND,
    target: Target::One,
    args: &[],
    fields: &[],
    confirm: None,
    danger: false,
    when: When::Always,
    restart: None,
    preview: None,
};

/// Suspends an object (and is offered only while it is active).
pub const fn suspend(
    command: &'static Spec,
    args: &'static [Arg],
    confirm: Option<&'static str>,
    restart: Option<&'static Spec>,
) -> Action {
    Action {
        id: "suspend",
        label: "Suspend",
        command,
        target: Target::OneOrMany,
        args,
        confirm,
        when: When::NotYes("SUSPENDED"),
        restart,
        ..ACTION
    }
}

/// Unsuspends an object (offered only while it is suspended).
pub const fn unsuspend(
    command: &'static Spec,
    args: &'static [Arg],
    restart: Option<&'static Spec>,
) -> Action {
    Action {
        id: "unsuspend",
        label: "Unsuspend",
        command,
        target: Target::OneOrMany,
        args,
        when: When::Yes("SUSPENDED"),
        restart,
        ..ACTION
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
        id: "delete",
        label: "Delete",
        command,
        target: Target::OneOrMany,
        args,
        confirm: Some(confirm),
        danger: true,
        restart,
        ..ACTION
    }
}

impl Action {
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

/// A form field.
#[derive(Clone, Copy)]
pub struct Field {
    /// Its name in the form.
    pub name: &'static str,
    /// Its label.
    pub label: &'static str,
    /// The control.
    pub input: Input,
    /// Must be filled in.
    pub required: bool,
    /// A hint under it; `{user}` is the session's user.
    pub help: &'static str,
    /// The object field that fills it in when changing an object.
    pub prefill: Option<&'static str>,
    /// Checks a non-empty value.
    pub check: fn(&str, &Values) -> Result<(), String>,
}

/// The defaults fields start from.
pub const FIELD: Field = Field {
    name: "",
    label: "",
    input: Input::Text,
    required: false,
    help: "",
    prefill: None,
    check: |_, _| Ok(()),
};

/// A form control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Text,
    /// A password (never prefilled, never echoed back).
    Password,
    /// A number.
    Number,
    /// Several lines.
    TextArea,
    /// A choice: (value, label).
    Select(&'static [(&'static str, &'static str)]),
    /// A checkbox, ticked by default when `true`.
    Checkbox(bool),
    /// A choice among the items of the object's list field (an alias to remove).
    FromList(&'static str),
    /// The name of an object of another kind (a user's package), suggested as one types.
    OneOf(KindId),
}

/// Login shells Hestia offers (`/etc/shells` of a stock install, plus `nologin`).
pub const SHELLS: &[(&str, &str)] = &[
    ("nologin", "No shell access (nologin)"),
    ("bash", "bash"),
    ("sh", "sh"),
    ("dash", "dash"),
    ("rbash", "rbash (restricted)"),
    ("zsh", "zsh"),
];

/// A new password, as every form asks for one.
pub const PASSWORD: Field = Field {
    name: "password",
    label: "Password",
    input: Input::Password,
    required: true,
    check: validate::password,
    help: "At least 8 characters.",
    ..FIELD
};

/// A form's values by field name, plus the session's user under [`Values::USER`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Values(pub std::collections::BTreeMap<String, String>);

impl Values {
    /// The key the session's user is kept under.
    pub const USER: &'static str = "@user";
    /// The key the current time (Unix seconds) is kept under, for previews.
    pub const NOW: &'static str = "@now";
    /// The key the object's own key is kept under (a name typed to confirm).
    pub const KEY: &'static str = "@key";

    /// A value, `""` when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// Sets a value.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.insert(name.to_owned(), value.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_encoder_for_paths_and_queries() {
        for s in ["example.org", "a b/c?d=e&f", "@", "ünï%code", "100%"] {
            assert_eq!(decode_segment(&encode_segment(s)), s);
        }
        assert_eq!(encode_segment("a b@c/d"), "a%20b@c%2Fd");
    }

    #[test]
    fn each_section_lists_its_own_top_level_kind() {
        for section in Section::ALL {
            let kind = section.kind();
            assert_eq!((kind.section, kind.parent), (section, None), "{section:?}");
        }
    }

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

    #[test]
    fn slugs_round_trip_and_every_section_has_a_kind() {
        for s in Section::ALL {
            assert_eq!(Section::from_slug(s.slug()), Some(s));
            assert_eq!(s.kind().section, s);
        }
        for k in KindId::ALL {
            assert_eq!(k.kind().id, k, "{k:?}");
            assert_eq!(KindId::from_slug(k.kind().slug), Some(k));
        }
        assert_eq!(Section::from_slug("nope"), None);
    }

    #[test]
    fn password_fields_sit_where_the_commands_take_a_password() {
        for k in KindId::ALL {
            for a in k.kind().actions {
                for (i, arg) in a.args.iter().enumerate() {
                    let secret = matches!(arg, Arg::Secret(_));
                    assert_eq!(secret, a.command.is_secret(i), "{k:?} {} arg {i}", a.id);
                }
                assert!(a.args.len() >= a.command.required(), "{k:?} {}", a.id);
            }
        }
        assert!(!cmd::ADD_USER_PACKAGE.carries_secret());
    }

    #[test]
    fn every_argument_names_a_field_of_its_form() {
        for k in KindId::ALL {
            for a in k.kind().actions {
                for arg in a.args {
                    if let Arg::Field(f) | Arg::List(f) | Arg::Secret(f) | Arg::Checked(f, ..) = arg
                    {
                        assert!(a.fields.iter().any(|x| x.name == *f), "{k:?} {} {f}", a.id);
                    }
                    if let Arg::File(lines) = arg {
                        for (_, f) in *lines {
                            assert!(a.fields.iter().any(|x| x.name == *f), "{k:?} {} {f}", a.id);
                        }
                    }
                }
                let users = a.args.iter().filter(|x| **x == Arg::User).count();
                if k.kind().scope == Scope::User {
                    assert_eq!(users, 1, "{k:?} {}: USER comes once", a.id);
                    assert_eq!(a.args.first(), Some(&Arg::User), "{k:?} {}", a.id);
                } else {
                    assert_eq!(users, 0, "{k:?} {}: a server-wide kind", a.id);
                }
            }
        }
    }
}
