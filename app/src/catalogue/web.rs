//! Web domains (PROTOCOL.md §5.2).

use super::validate as v;
use super::{
    delete, status_badge, suspend, unsuspend, Action, Arg, Badge, Cell, Column, Entry, Field,
    Input, Kind, KindId, Scope, Section, Show, Target, Tone, When,
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
    slug: "domains",
    noun: "web domain",
    plural: "web domains",
    empty: "No web domains yet.",
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
            target: Target::New,
            args: &[Arg::User, Arg::Field("domain"), Arg::Field("ip"), Arg::Restart, Arg::List("aliases")],
            fields: &[
                Field { required: true, check: v::domain, help: "Such as example.com", ..Field::new("domain", "Domain") },
                Field {
                    check: v::domains,
                    help: "Other names for the same site, separated by commas. Empty: Hestia adds www. for a main domain.",
                    ..Field::new("aliases", "Aliases")
                },
                Field { check: v::ip, help: "Empty: your account's default address.", ..Field::new("ip", "IP address") },
            ],
            ..Action::new("add", "Add web domain", &cmd::ADD_WEB_DOMAIN)
        },
        Action {
            args: &[Arg::User, Arg::Key, Arg::Field("alias"), Arg::Restart],
            fields: &[Field { required: true, check: v::domain, ..Field::new("alias", "Alias") }],
            when: When::NotYes("SUSPENDED"),
            ..Action::new("add-alias", "Add alias", &cmd::ADD_WEB_DOMAIN_ALIAS)
        },
        Action {
            args: &[Arg::User, Arg::Key, Arg::Field("alias"), Arg::Restart],
            fields: &[Field { required: true, input: Input::FromList("ALIAS"), ..Field::new("alias", "Alias") }],
            when: When::HasItems("ALIAS"),
            ..Action::new("remove-alias", "Remove alias", &cmd::DELETE_WEB_DOMAIN_ALIAS)
        },
        Action {
            args: &[Arg::User, Arg::Key],
            when: When::NotYes("LETSENCRYPT"),
            ..Action::new("ssl-on", "Enable SSL (Let's Encrypt)", &cmd::ADD_LETSENCRYPT_DOMAIN)
        },
        Action {
            args: &[Arg::User, Arg::Key, Arg::Restart],
            confirm: Some("Remove the Let's Encrypt certificate of {}? The site is then served over plain HTTP only."),
            when: When::Yes("LETSENCRYPT"),
            ..Action::new("ssl-off", "Disable SSL", &cmd::DELETE_LETSENCRYPT_DOMAIN)
        },
        Action {
            args: &[Arg::User, Arg::Key, Arg::Field("backend"), Arg::Restart],
            fields: &[Field {
                required: true,
                input: Input::OneOf(KindId::BackendTemplate),
                prefill: Some("BACKEND"),
                check: v::template,
                help: "PHP-8_3 runs the site on PHP 8.3; the server's templates are suggested as you type.",
                ..Field::new("backend", "Backend template")
            }],
            when: When::NotYes("SUSPENDED"),
            ..Action::new("backend", "Change PHP version", &cmd::CHANGE_WEB_DOMAIN_BACKEND_TPL)
        },
        Action {
            args: &[Arg::User, Arg::Key, Arg::Field("web_template"), Arg::Restart],
            fields: &[Field {
                required: true,
                input: Input::OneOf(KindId::WebTemplate),
                prefill: Some("TPL"),
                check: v::template,
                help: "How the web server serves the site (wordpress, laravel, …); the server's templates are suggested as you type.",
                ..Field::new("web_template", "Web template")
            }],
            when: When::NotYes("SUSPENDED"),
            ..Action::new("web-template", "Change web template", &cmd::CHANGE_WEB_DOMAIN_TPL)
        },
        Action {
            args: &[Arg::User, Arg::Key, Arg::Field("proxy_template"), Arg::List("extensions"), Arg::Restart],
            fields: &[
                Field {
                    required: true,
                    input: Input::OneOf(KindId::ProxyTemplate),
                    prefill: Some("PROXY"),
                    check: v::template,
                    help: "How nginx in front of the web server handles requests (caching, …).",
                    ..Field::new("proxy_template", "Proxy template")
                },
                Field {
                    required: true,
                    prefill: Some("PROXY_EXT"),
                    check: v::file_extensions,
                    help: "The file types nginx serves itself, separated by commas.",
                    ..Field::new("extensions", "Served by the proxy")
                },
            ],
            // Hestia changes the proxy template only of a domain served through the proxy.
            when: When::All(&[When::NotYes("SUSPENDED"), When::HasItems("PROXY")]),
            ..Action::new("proxy-template", "Change proxy template", &cmd::CHANGE_WEB_DOMAIN_PROXY_TPL)
        },
        Action {
            target: Target::OneOrMany,
            args: &[Arg::User, Arg::Key, Arg::Restart],
            restart: RESTART,
            ..Action::new("purge-cache", "Purge proxy cache", &cmd::PURGE_NGINX_CACHE)
        },
        suspend(&cmd::SUSPEND_WEB_DOMAIN, &[Arg::User, Arg::Key, Arg::Restart], Some("Suspend {}? Visitors see a “suspended” page until you unsuspend it."), RESTART),
        unsuspend(&cmd::UNSUSPEND_WEB_DOMAIN, &[Arg::User, Arg::Key, Arg::Restart], RESTART),
        delete(&cmd::DELETE_WEB_DOMAIN, &[Arg::User, Arg::Key, Arg::Restart], "Delete the web domain {}? Its files, logs and settings are removed from the server.", RESTART),
    ],
    ..Kind::new(KindId::WebDomain, Section::Web, &cmd::LIST_WEB_DOMAINS)
};

/// A list of the server's template names: the choices of a web domain's settings, read once per
/// cache lifetime.
const fn templates(
    id: KindId,
    list: &'static Spec,
    noun: &'static str,
    plural: &'static str,
    slug: &'static str,
) -> Kind {
    Kind {
        slug,
        noun,
        plural,
        empty: "This server has none.",
        scope: Scope::Server,
        has_page: false,
        ..Kind::new(id, Section::Web, list)
    }
}

/// The backend templates (`PHP-8_3`, `default`, …): a domain's PHP version.
pub static BACKEND_TEMPLATES: Kind = templates(
    KindId::BackendTemplate,
    &cmd::LIST_WEB_TEMPLATES_BACKEND,
    "backend template",
    "backend templates",
    "backend-templates",
);

/// The web server's templates.
pub static WEB_TEMPLATES: Kind = templates(
    KindId::WebTemplate,
    &cmd::LIST_WEB_TEMPLATES,
    "web template",
    "web templates",
    "web-templates",
);

/// The proxy's templates.
pub static PROXY_TEMPLATES: Kind = templates(
    KindId::ProxyTemplate,
    &cmd::LIST_WEB_TEMPLATES_PROXY,
    "proxy template",
    "proxy templates",
    "proxy-templates",
);
