//! Backups (PROTOCOL.md §5.7): archives, queued backups and partial restores. Both run in
//! Hestia's queue; the section follows them live ([`crate::jobs`]).

use super::{
    delete, Action, Arg, Cell, Column, Entry, Field, Input, Kind, KindId, Section, Show, Target,
};
use hestia::cmd;

fn contents(e: &Entry) -> Cell {
    let mut lines = Vec::new();
    for (label, field) in [
        ("Web", "WEB"),
        ("DNS", "DNS"),
        ("Mail", "MAIL"),
        ("Databases", "DB"),
    ] {
        let items = super::split_list(e.get(field));
        if !items.is_empty() {
            lines.push(format!("{label}: {}", items.join(", ")));
        }
    }
    if e.get("CRON") == "yes" {
        lines.push("Cron jobs".to_owned());
    }
    if !e.get("UDIR").is_empty() {
        lines.push(format!("Home folders: {}", e.get("UDIR")));
    }
    Cell::Lines(lines)
}

fn when(e: &Entry) -> Cell {
    Cell::Text(format!("{} {}", e.get("DATE"), e.get("TIME")))
}

/// A checkbox for one part of a restore: everything of it when ticked, nothing when not.
const fn part(name: &'static str, label: &'static str) -> Field {
    Field {
        input: Input::Checkbox(true),
        ..Field::new(name, label)
    }
}

/// The list's columns, which are also the object page's facts.
const COLUMNS: &[Column] = &[
    Column {
        label: "Made",
        field: "DATE",
        show: Show::Custom(when, &["TIME"]),
    },
    Column {
        label: "Contents",
        field: "WEB",
        show: Show::Custom(contents, &["DNS", "MAIL", "DB", "CRON", "UDIR"]),
    },
    Column {
        label: "Size",
        field: "SIZE",
        show: Show::Number("MB"),
    },
    Column {
        label: "Stored",
        field: "TYPE",
        show: Show::Text,
    },
    Column {
        label: "Took",
        field: "RUNTIME",
        show: Show::Number("min"),
    },
];

/// Backup archives.
pub static BACKUPS: Kind = Kind {
    slug: "backups",
    noun: "backup",
    plural: "backups",
    empty: "No backups yet.",
    live_jobs: true,
    columns: COLUMNS,
    details: COLUMNS,
    actions: &[
        Action {
            target: Target::New,
            args: &[Arg::User],
            ..Action::new("add", "Back up now", &cmd::SCHEDULE_USER_BACKUP)
        },
        Action {
            args: &[
                Arg::User,
                Arg::Key,
                Arg::Checked("web", "*", "no"),
                Arg::Checked("dns", "*", "no"),
                Arg::Checked("mail", "*", "no"),
                Arg::Checked("db", "*", "no"),
                Arg::Checked("cron", "yes", "no"),
                Arg::Checked("udir", "*", "no"),
            ],
            fields: &[
                part("web", "Web domains"),
                part("dns", "DNS zones"),
                part("mail", "Mail domains"),
                part("db", "Databases"),
                part("cron", "Cron jobs"),
                part("udir", "Home folders"),
            ],
            confirm: Some("Restore the ticked parts of {}? What is on the server now is overwritten by the archive's copy."),
            ..Action::new("restore", "Restore", &cmd::SCHEDULE_USER_RESTORE)
        },
        delete(&cmd::DELETE_USER_BACKUP, &[Arg::User, Arg::Key], "Delete the backup {}? It cannot be restored afterwards.", None),
    ],
    ..Kind::new(KindId::Backup, Section::Backups, &cmd::LIST_USER_BACKUPS)
};
