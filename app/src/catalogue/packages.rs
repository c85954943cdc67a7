//! Hosting packages (PROTOCOL.md §5.1 `v-list-user-packages`): the limits users get. A package
//! is added or changed as Hestia's own UI does it: its definition written to a `/tmp` file
//! (`v-make-tmp-file`), then `v-add-user-package TMPFILE PACKAGE [REWRITE]`; copy, rename and
//! delete have commands of their own.

use super::validate as v;
use super::{
    delete, Action, Arg, Column, Field, Input, Kind, KindId, Scope, Section, Show, Target,
};
use hestia::cmd;

/// A limit's form field, prefilled from the package.
const fn limit_field(name: &'static str, label: &'static str) -> Field {
    Field {
        required: true,
        prefill: Some(name),
        check: v::limit,
        help: "A number, or “unlimited”.",
        ..Field::new(name, label)
    }
}

/// A template's form field.
const fn template_field(name: &'static str, label: &'static str) -> Field {
    Field {
        required: true,
        prefill: Some(name),
        check: v::template,
        ..Field::new(name, label)
    }
}

/// The package file: Hestia's keys, each from the form field of the same name.
const FILE: &[(&str, &str)] = &[
    ("WEB_TEMPLATE", "WEB_TEMPLATE"),
    ("PROXY_TEMPLATE", "PROXY_TEMPLATE"),
    ("DNS_TEMPLATE", "DNS_TEMPLATE"),
    ("WEB_DOMAINS", "WEB_DOMAINS"),
    ("WEB_ALIASES", "WEB_ALIASES"),
    ("DNS_DOMAINS", "DNS_DOMAINS"),
    ("DNS_RECORDS", "DNS_RECORDS"),
    ("MAIL_DOMAINS", "MAIL_DOMAINS"),
    ("MAIL_ACCOUNTS", "MAIL_ACCOUNTS"),
    ("DATABASES", "DATABASES"),
    ("CRON_JOBS", "CRON_JOBS"),
    ("DISK_QUOTA", "DISK_QUOTA"),
    ("BANDWIDTH", "BANDWIDTH"),
    ("NS", "NS"),
    ("SHELL", "SHELL"),
    ("BACKUPS", "BACKUPS"),
];

/// The package form (the same for adding and changing).
const LIMITS: [Field; 16] = [
    limit_field("WEB_DOMAINS", "Web domains"),
    limit_field("WEB_ALIASES", "Web aliases per domain"),
    limit_field("DNS_DOMAINS", "DNS zones"),
    limit_field("DNS_RECORDS", "DNS records per zone"),
    limit_field("MAIL_DOMAINS", "Mail domains"),
    limit_field("MAIL_ACCOUNTS", "Mail accounts per domain"),
    limit_field("DATABASES", "Databases"),
    limit_field("CRON_JOBS", "Cron jobs"),
    Field {
        help: "MB, or “unlimited”.",
        ..limit_field("DISK_QUOTA", "Disk quota")
    },
    Field {
        help: "MB a month, or “unlimited”.",
        ..limit_field("BANDWIDTH", "Bandwidth")
    },
    limit_field("BACKUPS", "Backups kept"),
    Field {
        required: true,
        prefill: Some("NS"),
        check: v::domains,
        help: "At least two, separated by commas.",
        ..Field::new("NS", "Name servers")
    },
    Field {
        input: Input::Select(super::SHELLS),
        prefill: Some("SHELL"),
        ..Field::new("SHELL", "Shell")
    },
    template_field("WEB_TEMPLATE", "Web template"),
    template_field("PROXY_TEMPLATE", "Proxy template"),
    template_field("DNS_TEMPLATE", "DNS template"),
];

/// The add form: a name, then the limits.
const ADD_FIELDS: [Field; 17] = {
    let name = Field {
        required: true,
        check: v::package_name,
        ..Field::new("name", "Package name")
    };
    let mut all = [name; 17];
    let mut i = 0;
    while i < LIMITS.len() {
        all[i + 1] = LIMITS[i];
        i += 1;
    }
    all
};

const NEW_NAME: Field = Field {
    required: true,
    check: v::package_name,
    ..Field::new("name", "New package name")
};

/// Hosting packages.
pub static PACKAGES: Kind = Kind {
    scope: Scope::Server,
    slug: "packages",
    noun: "package",
    plural: "packages",
    empty: "No packages.",
    columns: &[
        Column::text("Web domains", "WEB_DOMAINS"),
        Column::text("DNS zones", "DNS_DOMAINS"),
        Column::text("Mail domains", "MAIL_DOMAINS"),
        Column::text("Mail accounts", "MAIL_ACCOUNTS"),
        Column::text("Databases", "DATABASES"),
        Column::text("Cron jobs", "CRON_JOBS"),
        Column {
            label: "Disk",
            field: "DISK_QUOTA",
            show: Show::Quota,
        },
        Column {
            label: "Bandwidth",
            field: "BANDWIDTH",
            show: Show::Quota,
        },
        Column::text("Backups", "BACKUPS"),
    ],
    details: &[
        Column::text("Web domains", "WEB_DOMAINS"),
        Column::text("Web aliases", "WEB_ALIASES"),
        Column::text("DNS zones", "DNS_DOMAINS"),
        Column::text("DNS records per zone", "DNS_RECORDS"),
        Column::text("Mail domains", "MAIL_DOMAINS"),
        Column::text("Mail accounts per domain", "MAIL_ACCOUNTS"),
        Column::text("Databases", "DATABASES"),
        Column::text("Cron jobs", "CRON_JOBS"),
        Column {
            label: "Disk quota",
            field: "DISK_QUOTA",
            show: Show::Quota,
        },
        Column {
            label: "Bandwidth",
            field: "BANDWIDTH",
            show: Show::Quota,
        },
        Column::text("CPU quota", "CPU_QUOTA"),
        Column::text("Memory limit", "MEMORY_LIMIT"),
        Column::text("Backups kept", "BACKUPS"),
        Column {
            label: "Shell",
            field: "SHELL",
            show: Show::Code,
        },
        Column {
            label: "Name servers",
            field: "NS",
            show: Show::List,
        },
        Column::text("Web template", "WEB_TEMPLATE"),
        Column::text("Proxy template", "PROXY_TEMPLATE"),
        Column::text("DNS template", "DNS_TEMPLATE"),
        Column::text("Created", "DATE"),
    ],
    actions: &[
        Action {
            target: Target::New,
            args: &[Arg::File(FILE), Arg::Field("name")],
            fields: &ADD_FIELDS,
            ..Action::new("add", "Add package", &cmd::ADD_USER_PACKAGE)
        },
        Action {
            args: &[Arg::File(FILE), Arg::Key, Arg::Fixed("yes")],
            fields: &LIMITS,
            ..Action::new("change", "Change limits", &cmd::ADD_USER_PACKAGE)
        },
        Action {
            args: &[Arg::Key, Arg::Field("name")],
            fields: &[NEW_NAME],
            ..Action::new("copy", "Copy as a new package", &cmd::COPY_USER_PACKAGE)
        },
        Action {
            args: &[Arg::Key, Arg::Field("name")],
            fields: &[NEW_NAME],
            ..Action::new("rename", "Rename", &cmd::RENAME_USER_PACKAGE)
        },
        delete(
            &cmd::DELETE_USER_PACKAGE,
            &[Arg::Key],
            "Delete the package {}? Only a package no user has can be deleted.",
            None,
        ),
    ],
    ..Kind::new(KindId::Package, Section::Packages, &cmd::LIST_USER_PACKAGES)
};
