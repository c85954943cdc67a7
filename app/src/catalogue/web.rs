//! Web domains (`v-list-web-domains`).

use hestia::model::WebDomain;

use super::{Badge, Cell, Column, Kind, Section, Tone};
use crate::text;

fn status(d: &WebDomain) -> Cell {
    let mut badges = vec![if d.suspended {
        Badge {
            text: text::SUSPENDED,
            tone: Tone::Bad,
        }
    } else {
        Badge {
            text: text::ACTIVE,
            tone: Tone::Good,
        }
    }];
    badges.push(match (d.ssl, d.letsencrypt) {
        (true, true) => Badge {
            text: text::LETSENCRYPT,
            tone: Tone::Good,
        },
        (true, false) => Badge {
            text: text::SSL,
            tone: Tone::Good,
        },
        (false, _) => Badge {
            text: text::NO_SSL,
            tone: Tone::Warn,
        },
    });
    Cell::Badges(badges)
}

/// Web domains.
pub static WEB_DOMAINS: Kind<WebDomain> = Kind {
    section: Section::Web,
    noun: "web domain",
    empty: "No web domains yet.",
    name: |d| d.domain.clone(),
    search_text: |d| format!("{} {} {}", d.aliases.join(" "), d.ip, d.backend),
    columns: &[
        Column {
            label: "Status",
            cell: status,
        },
        Column {
            label: "Aliases",
            cell: |d| Cell::Lines(d.aliases.clone()),
        },
        Column {
            label: "IP",
            cell: |d| Cell::Text(d.ip.clone()),
        },
        Column {
            label: "Disk",
            cell: |d| Cell::Number(d.u_disk, "MB"),
        },
        Column {
            label: "Bandwidth",
            cell: |d| Cell::Number(d.u_bandwidth, "MB"),
        },
        Column {
            label: "Created",
            cell: |d| Cell::Text(d.date.clone()),
        },
    ],
};
