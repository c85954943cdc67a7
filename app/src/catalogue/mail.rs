//! Mail domains, their accounts and the DKIM record to publish (PROTOCOL.md §5.4).

use super::validate as v;
use super::{
    delete, suspend, unsuspend, Action, Arg, Column, Field, Input, Kind, KindId, Section, Show,
    Target, When, ACTION, FIELD, KIND, PASSWORD,
};
use hestia::cmd;

/// Mail domains.
pub static DOMAINS: Kind = Kind {
    id: KindId::MailDomain,
    section: Section::Mail,
    slug: "mail-domains",
    noun: "mail domain",
    plural: "mail domains",
    empty: "No mail domains yet.",
    list: &cmd::LIST_MAIL_DOMAINS,
    children: &[KindId::MailAccount, KindId::MailDkim],
    columns: &[
        super::STATUS,
        Column {
            label: "Accounts",
            field: "ACCOUNTS",
            show: Show::Number(""),
        },
        Column {
            label: "DKIM",
            field: "DKIM",
            show: Show::Flag,
        },
        Column {
            label: "Antispam",
            field: "ANTISPAM",
            show: Show::Flag,
        },
        Column {
            label: "Antivirus",
            field: "ANTIVIRUS",
            show: Show::Flag,
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
            label: "Accounts",
            field: "ACCOUNTS",
            show: Show::Number(""),
        },
        Column {
            label: "DKIM",
            field: "DKIM",
            show: Show::Flag,
        },
        Column {
            label: "Antispam",
            field: "ANTISPAM",
            show: Show::Flag,
        },
        Column {
            label: "Reject spam",
            field: "REJECT",
            show: Show::Flag,
        },
        Column {
            label: "Antivirus",
            field: "ANTIVIRUS",
            show: Show::Flag,
        },
        Column {
            label: "Catch-all",
            field: "CATCHALL",
            show: Show::Text,
        },
        Column {
            label: "Rate limit (per hour)",
            field: "RATE_LIMIT",
            show: Show::Text,
        },
        Column {
            label: "Webmail",
            field: "WEBMAIL",
            show: Show::Text,
        },
        Column {
            label: "Webmail address prefix",
            field: "WEBMAIL_ALIAS",
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
            id: "add",
            label: "Add mail domain",
            command: &cmd::ADD_MAIL_DOMAIN,
            target: Target::New,
            args: &[
                Arg::User,
                Arg::Field("domain"),
                Arg::Checked("antispam", "yes", "no"),
                Arg::Checked("antivirus", "yes", "no"),
                Arg::Checked("dkim", "yes", "no"),
            ],
            fields: &[
                Field {
                    name: "domain",
                    label: "Domain",
                    required: true,
                    check: v::domain,
                    ..FIELD
                },
                Field {
                    name: "antispam",
                    label: "Spam filter",
                    input: Input::Checkbox(true),
                    ..FIELD
                },
                Field {
                    name: "antivirus",
                    label: "Virus scanner",
                    input: Input::Checkbox(true),
                    ..FIELD
                },
                Field {
                    name: "dkim",
                    label: "Sign outgoing mail (DKIM)",
                    input: Input::Checkbox(true),
                    ..FIELD
                },
            ],
            ..ACTION
        },
        suspend(
            &cmd::SUSPEND_MAIL_DOMAIN,
            &[Arg::User, Arg::Key],
            Some("Suspend {}? Its accounts stop receiving and sending mail."),
            None,
        ),
        unsuspend(&cmd::UNSUSPEND_MAIL_DOMAIN, &[Arg::User, Arg::Key], None),
        delete(
            &cmd::DELETE_MAIL_DOMAIN,
            &[Arg::User, Arg::Key],
            "Delete the mail domain {}, all its accounts and all their mail?",
            None,
        ),
    ],
    ..KIND
};

const ACCOUNT_ARGS: &[Arg] = &[Arg::User, Arg::Parent, Arg::Key];

/// The accounts of a mail domain.
pub static ACCOUNTS: Kind = Kind {
    id: KindId::MailAccount,
    section: Section::Mail,
    slug: "accounts",
    noun: "mail account",
    plural: "mail accounts",
    empty: "No accounts on this domain yet.",
    list: &cmd::LIST_MAIL_ACCOUNTS,
    parent: Some(KindId::MailDomain),
    columns: &[
        super::STATUS,
        Column {
            label: "Aliases",
            field: "ALIAS",
            show: Show::List,
        },
        Column {
            label: "Forwards to",
            field: "FWD",
            show: Show::List,
        },
        Column {
            label: "Autoreply",
            field: "AUTOREPLY",
            show: Show::Flag,
        },
        Column {
            label: "Quota",
            field: "QUOTA",
            show: Show::Quota,
        },
        Column {
            label: "Disk",
            field: "U_DISK",
            show: Show::Number("MB"),
        },
    ],
    details: &[
        super::STATUS,
        Column {
            label: "Aliases",
            field: "ALIAS",
            show: Show::List,
        },
        Column {
            label: "Forwards to",
            field: "FWD",
            show: Show::List,
        },
        Column {
            label: "Forward only (no copy kept)",
            field: "FWD_ONLY",
            show: Show::Flag,
        },
        Column {
            label: "Autoreply",
            field: "AUTOREPLY",
            show: Show::Flag,
        },
        Column {
            label: "Quota",
            field: "QUOTA",
            show: Show::Quota,
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
            id: "add",
            label: "Add account",
            command: &cmd::ADD_MAIL_ACCOUNT,
            target: Target::New,
            args: &[
                Arg::User,
                Arg::Parent,
                Arg::Field("account"),
                Arg::Secret("password"),
                Arg::Field("quota"),
            ],
            fields: &[
                Field {
                    name: "account",
                    label: "Account",
                    required: true,
                    check: v::local_part,
                    help: "The part before the @.",
                    ..FIELD
                },
                PASSWORD,
                Field {
                    name: "quota",
                    label: "Quota (MB)",
                    check: v::quota,
                    help: "Empty: unlimited.",
                    ..FIELD
                },
            ],
            ..ACTION
        },
        Action {
            id: "password",
            label: "Change password",
            command: &cmd::CHANGE_MAIL_ACCOUNT_PASSWORD,
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Secret("password")],
            fields: &[PASSWORD],
            ..ACTION
        },
        Action {
            id: "quota",
            label: "Change quota",
            command: &cmd::CHANGE_MAIL_ACCOUNT_QUOTA,
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("quota")],
            fields: &[Field {
                name: "quota",
                label: "Quota (MB)",
                required: true,
                check: v::quota,
                prefill: Some("QUOTA"),
                help: "A size in MB, or unlimited.",
                ..FIELD
            }],
            ..ACTION
        },
        Action {
            id: "add-alias",
            label: "Add alias",
            command: &cmd::ADD_MAIL_ACCOUNT_ALIAS,
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("alias")],
            fields: &[Field {
                name: "alias",
                label: "Alias",
                required: true,
                check: v::local_part,
                help: "Another name before the @ that delivers here.",
                ..FIELD
            }],
            ..ACTION
        },
        Action {
            id: "remove-alias",
            label: "Remove alias",
            command: &cmd::DELETE_MAIL_ACCOUNT_ALIAS,
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("alias")],
            fields: &[Field {
                name: "alias",
                label: "Alias",
                required: true,
                input: Input::FromList("ALIAS"),
                ..FIELD
            }],
            when: When::HasItems("ALIAS"),
            ..ACTION
        },
        Action {
            id: "add-forward",
            label: "Forward",
            command: &cmd::ADD_MAIL_ACCOUNT_FORWARD,
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("forward")],
            fields: &[Field {
                name: "forward",
                label: "Forward to",
                required: true,
                check: v::email,
                help: "A copy of every message goes to this address.",
                ..FIELD
            }],
            ..ACTION
        },
        Action {
            id: "remove-forward",
            label: "Stop forwarding",
            command: &cmd::DELETE_MAIL_ACCOUNT_FORWARD,
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("forward")],
            fields: &[Field {
                name: "forward",
                label: "Address",
                required: true,
                input: Input::FromList("FWD"),
                ..FIELD
            }],
            when: When::HasItems("FWD"),
            ..ACTION
        },
        Action {
            id: "autoreply-on",
            label: "Set autoreply",
            command: &cmd::ADD_MAIL_ACCOUNT_AUTOREPLY,
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("message")],
            fields: &[Field {
                name: "message",
                label: "Message",
                required: true,
                input: Input::TextArea,
                check: v::autoreply,
                help: "Sent once to each sender while it is on.",
                ..FIELD
            }],
            ..ACTION
        },
        Action {
            id: "autoreply-off",
            label: "Turn autoreply off",
            command: &cmd::DELETE_MAIL_ACCOUNT_AUTOREPLY,
            args: ACCOUNT_ARGS,
            when: When::Yes("AUTOREPLY"),
            ..ACTION
        },
        suspend(
            &cmd::SUSPEND_MAIL_ACCOUNT,
            ACCOUNT_ARGS,
            Some("Suspend {}? It can no longer log in or receive mail."),
            None,
        ),
        unsuspend(&cmd::UNSUSPEND_MAIL_ACCOUNT, ACCOUNT_ARGS, None),
        delete(
            &cmd::DELETE_MAIL_ACCOUNT,
            ACCOUNT_ARGS,
            "Delete the mail account {} and all its mail?",
            None,
        ),
    ],
    ..KIND
};

/// The DKIM records a mail domain asks its DNS to publish.
pub static DKIM: Kind = Kind {
    id: KindId::MailDkim,
    section: Section::Mail,
    slug: "dkim",
    noun: "DKIM record to publish",
    plural: "DKIM records to publish",
    empty: "DKIM signing is off for this domain, so there is nothing to publish.",
    list: &cmd::LIST_MAIL_DOMAIN_DKIM_DNS,
    parent: Some(KindId::MailDomain),
    has_page: false,
    on_demand: true,
    columns: &[
        Column {
            label: "TTL",
            field: "TTL",
            show: Show::Number("s"),
        },
        Column {
            label: "TXT value",
            field: "TXT",
            show: Show::Code,
        },
    ],
    ..KIND
};
