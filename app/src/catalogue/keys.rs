//! Access keys (PROTOCOL.md §3): listed without secrets, created by Hearth's own key form
//! (the secret is shown once), revoked after Hearth checks the key is in the session's own
//! listing — Hestia's `v-delete-access-key` checks nothing (§3.6). Keys cannot be changed.

use super::{Action, Arg, Cell, Column, Entry, Kind, KindId, Scope, Section, Show};
use hestia::cmd;

fn profiles(e: &Entry) -> Cell {
    let list = super::split_list(e.get("PERMISSIONS"));
    if list.is_empty() {
        Cell::Text("Everything (unrestricted root key)".to_owned())
    } else {
        Cell::Lines(list)
    }
}

/// Access keys.
pub static ACCESS_KEYS: Kind = Kind {
    scope: Scope::UserOrAll,
    listed_only: true,
    slug: "keys",
    noun: "access key",
    plural: "access keys",
    empty: "No access keys.",
    has_page: false,
    columns: &[
        Column {
            label: "Owner",
            field: "USER",
            show: Show::Text,
        },
        Column {
            label: "Profiles",
            field: "PERMISSIONS",
            show: Show::Custom(profiles, &[]),
        },
        Column {
            label: "Comment",
            field: "COMMENT",
            show: Show::Text,
        },
        super::CREATED,
    ],
    actions: &[super::Action {
        target: super::Target::One,
        args: &[Arg::Key],
        confirm: Some(
            "Revoke the key {}? Programs and Hearth sessions using it stop working at once.",
        ),
        danger: true,
        ..Action::new("delete", "Revoke", &cmd::DELETE_ACCESS_KEY)
    }],
    ..Kind::new(KindId::AccessKey, Section::Keys, &cmd::LIST_ACCESS_KEYS)
};
