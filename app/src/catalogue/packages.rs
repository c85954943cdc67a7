//! Hosting packages (PROTOCOL.md §5.1 `v-list-user-packages`): the limits users get. Hestia's
//! API can copy, rename and delete a package; its limits are edited in the package file on the
//! server (Hestia has no command that changes one limit).

use super::validate as v;
use super::{
    delete, Action, Arg, Column, Field, Kind, KindId, Scope, Section, Show, ACTION, FIELD, KIND,
};

const fn limit(label: &'static str, field: &'static str) -> Column {
    Column {
        label,
        field,
        show: Show::Text,
    }
}

const NEW_NAME: Field = Field {
    name: "name",
    label: "New package name",
    required: true,
    check: v::package_name,
    ..FIELD
};

/// Hosting packages.
pub static PACKAGES: Kind = Kind {
    id: KindId::Package,
    section: Section::Packages,
    scope: Scope::Server,
    slug: "packages",
    noun: "package",
    plural: "packages",
    empty: "No packages.",
    list: "v-list-user-packages",
    columns: &[
        limit("Web domains", "WEB_DOMAINS"),
        limit("DNS zones", "DNS_DOMAINS"),
        limit("Mail domains", "MAIL_DOMAINS"),
        limit("Mail accounts", "MAIL_ACCOUNTS"),
        limit("Databases", "DATABASES"),
        limit("Cron jobs", "CRON_JOBS"),
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
        limit("Backups", "BACKUPS"),
    ],
    details: &[
        limit("Web domains", "WEB_DOMAINS"),
        limit("Web aliases", "WEB_ALIASES"),
        limit("DNS zones", "DNS_DOMAINS"),
        limit("DNS records per zone", "DNS_RECORDS"),
        limit("Mail domains", "MAIL_DOMAINS"),
        limit("Mail accounts per domain", "MAIL_ACCOUNTS"),
        limit("Databases", "DATABASES"),
        limit("Cron jobs", "CRON_JOBS"),
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
        limit("CPU quota", "CPU_QUOTA"),
        limit("Memory limit", "MEMORY_LIMIT"),
        limit("Backups kept", "BACKUPS"),
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
        limit("Web template", "WEB_TEMPLATE"),
        limit("Proxy template", "PROXY_TEMPLATE"),
        limit("DNS template", "DNS_TEMPLATE"),
        limit("Created", "DATE"),
    ],
    actions: &[
        Action {
            id: "copy",
            label: "Copy as a new package",
            command: "v-copy-user-package",
            args: &[Arg::Key, Arg::Field("name")],
            fields: &[NEW_NAME],
            ..ACTION
        },
        Action {
            id: "rename",
            label: "Rename",
            command: "v-rename-user-package",
            args: &[Arg::Key, Arg::Field("name")],
            fields: &[NEW_NAME],
            ..ACTION
        },
        delete(
            "v-delete-user-package",
            &[Arg::Key],
            "Delete the package {}? Only a package no user has can be deleted.",
            None,
        ),
    ],
    ..KIND
};
