//! Hestia's user accounts (PROTOCOL.md §5.1), for administrators. The root user is never
//! offered for suspension or deletion.

use super::validate as v;
use super::{
    delete, suspend, unsuspend, Action, Arg, Cell, Column, Entry, Field, Input, Kind, KindId,
    Scope, Section, Show, Target, When, PASSWORD,
};
use hestia::cmd;

const EMAIL: Field = Field {
    required: true,
    prefill: Some("CONTACT"),
    check: v::email,
    ..Field::new("email", "Contact email")
};

const PACKAGE: Field = Field {
    name: "package",
    label: "Package",
    input: Input::OneOf(KindId::Package),
    required: true,
    prefill: Some("PACKAGE"),
    help: "One of the packages on the Packages page.",
    check: v::package_name,
};

/// "used / limit", with the unit after both.
fn used_of(e: &Entry, used: &str, limit: &str, unit: &str) -> Cell {
    let limit = match e.get(limit) {
        "unlimited" => crate::text::UNLIMITED.to_owned(),
        n => format!("{n}{unit}"),
    };
    Cell::Text(format!("{}{unit} / {limit}", e.get(used)))
}

const WEB_DOMAINS: Column = Column {
    label: "Web domains",
    field: "U_WEB_DOMAINS",
    show: Show::Custom(
        |e| used_of(e, "U_WEB_DOMAINS", "WEB_DOMAINS", ""),
        &["WEB_DOMAINS"],
    ),
};

const DISK: Column = Column {
    label: "Disk",
    field: "U_DISK",
    show: Show::Custom(
        |e| used_of(e, "U_DISK", "DISK_QUOTA", " MB"),
        &["DISK_QUOTA"],
    ),
};

const NAME: Column = Column::text("Name", "NAME");

const PACKAGE_NAME: Column = Column::text("Package", "PACKAGE");

const ROLE: Column = Column::text("Role", "ROLE");

const CONTACT: Column = Column::text("Contact", "CONTACT");

const COLUMNS: &[Column] = &[
    NAME,
    super::STATUS,
    PACKAGE_NAME,
    ROLE,
    WEB_DOMAINS,
    DISK,
    CONTACT,
];

/// User accounts.
pub static USERS: Kind = Kind {
    scope: Scope::Server,
    slug: "users",
    noun: "user",
    plural: "users",
    empty: "No users.",
    columns: COLUMNS,
    details: &[
        NAME,
        super::STATUS,
        CONTACT,
        PACKAGE_NAME,
        ROLE,
        Column {
            label: "Shell",
            field: "SHELL",
            show: Show::Code,
        },
        WEB_DOMAINS,
        Column {
            label: "DNS zones",
            field: "U_DNS_DOMAINS",
            show: Show::Number(""),
        },
        Column {
            label: "Mail domains",
            field: "U_MAIL_DOMAINS",
            show: Show::Number(""),
        },
        Column {
            label: "Databases",
            field: "U_DATABASES",
            show: Show::Number(""),
        },
        DISK,
        Column {
            label: "Bandwidth used",
            field: "U_BANDWIDTH",
            show: Show::Number("MB"),
        },
        super::CREATED,
    ],
    actions: &[
        Action {
            target: Target::New,
            args: &[
                Arg::Field("user"),
                Arg::Secret("password"),
                Arg::Field("email"),
                Arg::Field("package"),
                Arg::Field("name"),
            ],
            fields: &[
                Field {
                    required: true,
                    check: v::user_name,
                    help: "2–30 letters, digits, hyphens or underscores; it cannot be changed later.",
                    ..Field::new("user", "User name")
                },
                PASSWORD,
                Field {
                    prefill: None,
                    ..EMAIL
                },
                Field {
                    prefill: None,
                    ..PACKAGE
                },
                Field {
                    check: v::person_name,
                    ..Field::new("name", "Full name")
                },
            ],
            ..Action::new("add", "Add user", &cmd::ADD_USER)
        },
        Action {
            args: &[Arg::Key, Arg::Secret("password")],
            fields: &[PASSWORD],
            ..Action::new("password", "Change password", &cmd::CHANGE_USER_PASSWORD)
        },
        Action {
            args: &[Arg::Key, Arg::Field("package")],
            fields: &[PACKAGE],
            ..Action::new("package", "Change package", &cmd::CHANGE_USER_PACKAGE)
        },
        Action {
            args: &[Arg::Key, Arg::Field("email")],
            fields: &[EMAIL],
            ..Action::new("contact", "Change contact email", &cmd::CHANGE_USER_CONTACT)
        },
        Action {
            args: &[Arg::Key, Arg::Field("shell")],
            fields: &[Field {
                input: Input::Select(super::SHELLS),
                required: true,
                prefill: Some("SHELL"),
                ..Field::new("shell", "Login shell")
            }],
            ..Action::new("shell", "Change shell", &cmd::CHANGE_USER_SHELL)
        },
        Action {
            when: When::All(&[When::NotRoot, When::NotYes("SUSPENDED")]),
            ..suspend(
                &cmd::SUSPEND_USER,
                &[Arg::Key, Arg::Restart],
                Some("Suspend {}? Their sites, mail, DNS zones, databases and cron jobs stop until you unsuspend the account."),
                None,
            )
        },
        unsuspend(&cmd::UNSUSPEND_USER, &[Arg::Key, Arg::Restart], None),
        Action {
            target: Target::One,
            when: When::NotRoot,
            fields: &[Field {
                required: true,
                check: v::typed_name,
                ..Field::new("confirm", "Type the user name to confirm")
            }],
            ..delete(
                &cmd::DELETE_USER,
                &[Arg::Key, Arg::Restart],
                "Delete the user {} with all their web domains, mail, DNS zones, databases, cron jobs, backups and access keys? This cannot be undone.",
                None,
            )
        },
    ],
    ..Kind::new(KindId::User, Section::Users, &cmd::LIST_USERS)
};
