//! Databases (PROTOCOL.md §5.5). Hestia prefixes names with `USER_` on add and wants the full
//! name on delete: the form asks for the short name, the key is the full one.

use super::validate as v;
use super::{
    delete, suspend, unsuspend, Action, Arg, Column, Field, Input, Kind, KindId, Section, Show,
    Target, PASSWORD,
};
use hestia::cmd;

/// Database types.
const TYPES: &[(&str, &str)] = &[("mysql", "MySQL / MariaDB"), ("pgsql", "PostgreSQL")];
/// Common character sets (Hestia accepts these and more).
const CHARSETS: &[(&str, &str)] = &[
    ("UTF8MB4", "UTF-8 (utf8mb4, recommended)"),
    ("UTF8", "UTF-8 (3-byte utf8)"),
    ("LATIN1", "Latin-1"),
    ("CP1251", "Windows-1251"),
];

/// Databases.
pub static DATABASES: Kind = Kind {
    slug: "databases",
    noun: "database",
    plural: "databases",
    empty: "No databases yet.",
    columns: &[
        super::STATUS,
        Column {
            label: "User",
            field: "DBUSER",
            show: Show::Text,
        },
        Column {
            label: "Type",
            field: "TYPE",
            show: Show::Text,
        },
        Column {
            label: "Charset",
            field: "CHARSET",
            show: Show::Text,
        },
        Column {
            label: "Host",
            field: "HOST",
            show: Show::Text,
        },
        Column {
            label: "Disk",
            field: "U_DISK",
            show: Show::Number("MB"),
        },
        super::CREATED,
    ],
    details: &[
        super::STATUS,
        Column {
            label: "Database user",
            field: "DBUSER",
            show: Show::Code,
        },
        Column {
            label: "Type",
            field: "TYPE",
            show: Show::Text,
        },
        Column {
            label: "Charset",
            field: "CHARSET",
            show: Show::Text,
        },
        Column {
            label: "Host",
            field: "HOST",
            show: Show::Text,
        },
        Column {
            label: "Disk",
            field: "U_DISK",
            show: Show::Number("MB"),
        },
        super::CREATED,
    ],
    actions: &[
        Action {
            target: Target::New,
            args: &[
                Arg::User,
                Arg::Field("database"),
                Arg::Field("dbuser"),
                Arg::Secret("password"),
                Arg::Field("type"),
                Arg::Fixed(""),
                Arg::Field("charset"),
            ],
            fields: &[
                Field {
                    required: true,
                    check: v::database,
                    help: "Hestia puts {user}_ in front: wp becomes {user}_wp.",
                    ..Field::new("database", "Name")
                },
                Field {
                    required: true,
                    check: v::database_user,
                    help: "Also gets the {user}_ prefix.",
                    ..Field::new("dbuser", "Database user")
                },
                PASSWORD,
                Field {
                    input: Input::Select(TYPES),
                    ..Field::new("type", "Type")
                },
                Field {
                    input: Input::Select(CHARSETS),
                    ..Field::new("charset", "Character set")
                },
            ],
            ..Action::new("add", "Add database", &cmd::ADD_DATABASE)
        },
        suspend(
            &cmd::SUSPEND_DATABASE,
            &[Arg::User, Arg::Key],
            Some("Suspend {}? Its user can no longer connect."),
            None,
        ),
        unsuspend(&cmd::UNSUSPEND_DATABASE, &[Arg::User, Arg::Key], None),
        delete(
            &cmd::DELETE_DATABASE,
            &[Arg::User, Arg::Key],
            "Delete the database {} and all its data?",
            None,
        ),
    ],
    ..Kind::new(KindId::Database, Section::Databases, &cmd::LIST_DATABASES)
};
