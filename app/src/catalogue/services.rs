//! The server's services (PROTOCOL.md §5.8 `v-list-sys-services`) and restarting them.

use super::{Action, Arg, Badge, Cell, Column, Entry, Kind, KindId, Scope, Section, Show, Tone};
use hestia::cmd;

fn state(e: &Entry) -> Cell {
    Cell::Badges(vec![if e.get("STATE") == "running" {
        Badge::new("Running", Tone::Good)
    } else {
        Badge::new("Stopped", Tone::Bad)
    }])
}

fn uptime(e: &Entry) -> Cell {
    Cell::Text(match e.get("RTIME").trim().parse::<u64>() {
        Ok(m) if m >= 1440 => format!("{} d {} h", m / 1440, m % 1440 / 60),
        Ok(m) if m >= 60 => format!("{} h {} min", m / 60, m % 60),
        Ok(m) => format!("{m} min"),
        Err(_) => e.get("RTIME").to_owned(),
    })
}

/// System services.
pub static SERVICES: Kind = Kind {
    scope: Scope::Server,
    slug: "services",
    noun: "service",
    plural: "services",
    empty: "No services reported.",
    has_page: false,
    columns: &[
        Column {
            label: "What it does",
            field: "SYSTEM",
            show: Show::Text,
        },
        Column {
            label: "State",
            field: "STATE",
            show: Show::Custom(state, &[]),
        },
        Column {
            label: "CPU %",
            field: "CPU",
            show: Show::Text,
        },
        Column {
            label: "Memory",
            field: "MEM",
            show: Show::Number("MB"),
        },
        Column {
            label: "Up for",
            field: "RTIME",
            show: Show::Custom(uptime, &[]),
        },
    ],
    actions: &[Action {
        target: super::Target::OneOrMany,
        args: &[Arg::Key],
        confirm: Some("Restart {}? Connections to it drop for a moment."),
        ..Action::new("restart", "Restart", &cmd::RESTART_SERVICE)
    }],
    ..Kind::new(KindId::Service, Section::Server, &cmd::LIST_SYS_SERVICES)
};
