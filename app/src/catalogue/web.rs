//! Web domains (PROTOCOL.md §5.2).

use super::validate as v;
use super::{
    delete, status_badge, suspend, unsuspend, Action, Arg, Badge, Cell, Column, Entry, Field,
    Input, Kind, KindId, Section, Show, Target, Tone, When, ACTION, FIELD, KIND,
};
use crate::text;
use hestia::cmd::{self, Spec};

fn status(e: &Entry) -> Cell {
    let ssl = match (e.get("SSL") == "yes", e.get("LETSENCRYPT") == "yes") {
        (true, true) => Badge::new(text::LETSENCRYPT, Tone::Good),
        (true, false) => Badge::new(text::SSL, Tone::Good),
        (false, _) => Badge::new(text::NO_SSL, Tone::Warn),
    };
    Cell::Badges(vec![status_badge(e), ssl])
}

const RESTART: Option<&Spec> = Some(&cmd::RESTART_WEB);

/// Web domains.
pub static WEB_DOMAINS: Kind = Kind {
    id: KindId::WebDomain,
    section: Section::Web,
    slug: "domains",
    noun: "web domain",
    plural: "web domains",
    empty: "No web domains yet.",
    list: &cmd::LIST_WEB_DOMAINS,
    columns: &[
        Column { label: "Status", field: "SUSPENDED", show: Show::Custom(status, &["SSL", "LETSENCRYPT"]) },
        Column { label: "Aliases", field: "ALIAS", show: Show::List },
        Column { label: "IP", field: "IP", show: Show::Text },
        Column { label: "Disk", field: "U_DISK", show: Show::Number("MB") },
        Column { label: "Bandwidth", field: "U_BANDWIDTH", show: Show::Number("MB") },
        super::CREATED,
    ],
    details: &[
        Column { label: "Status", field: "SUSPENDED", show: Show::Custom(status, &["SSL", "LETSENCRYPT"]) },
        Column { label: "Aliases", field: "ALIAS", show: Show::List },
        Column { label: "IPv4", field: "IP", show: Show::Text },
        Column { label: "IPv6", field: "IP6", show: Show::Text },
        Column { label: "Document root", field: "DOCUMENT_ROOT", show: Show::Code },
        Column { label: "Web template", field: "TPL", show: Show::Text },
        Column { label: "Backend template", field: "BACKEND", show: Show::Text },
        Column { label: "Proxy template", field: "PROXY", show: Show::Text },
        Column { label: "Proxy caches", field: "PROXY_EXT", show: Show::Code },
        Column { label: "Disk", field: "U_DISK", show: Show::Number("MB") },
        Column { label: "Bandwidth", field: "U_BANDWIDTH", show: Show::Number("MB") },
        super::CREATED,
    ],
    actions: &[
        Action {
            id: "add",
            label: "Add web domain",
            command: &cmd::ADD_WEB_DOMAIN,
            target: Target::New,
            args: &[Arg::User, Arg::Field("domain"), Arg::Field("ip"), Arg::Restart, Arg::List("aliases")],
            fields: &[
                Field { name: "domain", label: "Domain", required: true, check: v::domain, help: "Such as example.com", ..FIELD },
                Field {
                    name: "aliases",
                    label: "Aliases",
                    check: v::domains,
                    help: "Other names for the same site, separated by commas. Empty: Hestia adds www. for a main domain.",
                    ..FIELD
                },
                Field { name: "ip", label: "IP address", check: v::ip, help: "Empty: your account's default address.", ..FIELD },
            ],
            ..ACTION
        },
        Action {
            id: "add-alias",
            label: "Add alias",
            command: &cmd::ADD_WEB_DOMAIN_ALIAS,
            args: &[Arg::User, Arg::Key, Arg::Field("alias"), Arg::Restart],
            fields: &[Field { name: "alias", label: "Alias", required: true, check: v::domain, ..FIELD }],
            when: When::NotYes("SUSPENDED"),
            ..ACTION
        },
        Action {
            id: "remove-alias",
            label: "Remove alias",
            command: &cmd::DELETE_WEB_DOMAIN_ALIAS,
            args: &[Arg::User, Arg::Key, Arg::Field("alias"), Arg::Restart],
            fields: &[Field { name: "alias", label: "Alias", required: true, input: Input::FromList("ALIAS"), ..FIELD }],
            when: When::HasItems("ALIAS"),
            ..ACTION
        },
        Action {
            id: "ssl-on",
            label: "Enable SSL (Let's Encrypt)",
            command: &cmd::ADD_LETSENCRYPT_DOMAIN,
            args: &[Arg::User, Arg::Key],
            when: When::NotYes("LETSENCRYPT"),
            ..ACTION
        },
        Action {
            id: "ssl-off",
            label: "Disable SSL",
            command: &cmd::DELETE_LETSENCRYPT_DOMAIN,
            args: &[Arg::User, Arg::Key, Arg::Restart],
            confirm: Some("Remove the Let's Encrypt certificate of {}? The site is then served over plain HTTP only."),
            when: When::Yes("LETSENCRYPT"),
            ..ACTION
        },
        Action {
            id: "purge-cache",
            label: "Purge proxy cache",
            command: &cmd::PURGE_NGINX_CACHE,
            target: Target::OneOrMany,
            args: &[Arg::User, Arg::Key, Arg::Restart],
            restart: RESTART,
            ..ACTION
        },
        suspend(&cmd::SUSPEND_WEB_DOMAIN, &[Arg::User, Arg::Key, Arg::Restart], Some("Suspend {}? Visitors see a “suspended” page until you unsuspend it."), RESTART),
        unsuspend(&cmd::UNSUSPEND_WEB_DOMAIN, &[Arg::User, Arg::Key, Arg::Restart], RESTART),
        delete(&cmd::DELETE_WEB_DOMAIN, &[Arg::User, Arg::Key, Arg::Restart], "Delete the web domain {}? Its files, logs and settings are removed from the server.", RESTART),
    ],
    ..KIND
};
