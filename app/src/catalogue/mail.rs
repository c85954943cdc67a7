//! Mail domains, their accounts and the DKIM record to publish (PROTOCOL.md §5.4).

use super::validate as v;
use super::{
    delete, suspend, unsuspend, Action, Arg, Column, Field, Input, Kind, KindId, Section, Show,
    Target, When, PASSWORD,
};
use hestia::cmd;

/// Mail domains.
pub static DOMAINS: Kind = Kind {
    slug: "mail-domains",
    noun: "mail domain",
    plural: "mail domains",
    empty: "No mail domains yet.",
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
                    required: true,
                    check: v::domain,
                    ..Field::new("domain", "Domain")
                },
                Field {
                    input: Input::Checkbox(true),
                    ..Field::new("antispam", "Spam filter")
                },
                Field {
                    input: Input::Checkbox(true),
                    ..Field::new("antivirus", "Virus scanner")
                },
                Field {
                    input: Input::Checkbox(true),
                    ..Field::new("dkim", "Sign outgoing mail (DKIM)")
                },
            ],
            ..Action::new("add", "Add mail domain", &cmd::ADD_MAIL_DOMAIN)
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
    ..Kind::new(KindId::MailDomain, Section::Mail, &cmd::LIST_MAIL_DOMAINS)
};

const ACCOUNT_ARGS: &[Arg] = &[Arg::User, Arg::Parent, Arg::Key];

/// The accounts of a mail domain.
pub static ACCOUNTS: Kind = Kind {
    slug: "accounts",
    noun: "mail account",
    plural: "mail accounts",
    empty: "No accounts on this domain yet.",
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
                    required: true,
                    check: v::local_part,
                    help: "The part before the @.",
                    ..Field::new("account", "Account")
                },
                PASSWORD,
                Field {
                    check: v::quota,
                    help: "Empty: unlimited.",
                    ..Field::new("quota", "Quota (MB)")
                },
            ],
            ..Action::new("add", "Add account", &cmd::ADD_MAIL_ACCOUNT)
        },
        Action {
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Secret("password")],
            fields: &[PASSWORD],
            ..Action::new(
                "password",
                "Change password",
                &cmd::CHANGE_MAIL_ACCOUNT_PASSWORD,
            )
        },
        Action {
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("quota")],
            fields: &[Field {
                required: true,
                check: v::quota,
                prefill: Some("QUOTA"),
                help: "A size in MB, or unlimited.",
                ..Field::new("quota", "Quota (MB)")
            }],
            ..Action::new("quota", "Change quota", &cmd::CHANGE_MAIL_ACCOUNT_QUOTA)
        },
        Action {
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("alias")],
            fields: &[Field {
                required: true,
                check: v::local_part,
                help: "Another name before the @ that delivers here.",
                ..Field::new("alias", "Alias")
            }],
            ..Action::new("add-alias", "Add alias", &cmd::ADD_MAIL_ACCOUNT_ALIAS)
        },
        Action {
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("alias")],
            fields: &[Field {
                required: true,
                input: Input::FromList("ALIAS"),
                ..Field::new("alias", "Alias")
            }],
            when: When::HasItems("ALIAS"),
            ..Action::new(
                "remove-alias",
                "Remove alias",
                &cmd::DELETE_MAIL_ACCOUNT_ALIAS,
            )
        },
        Action {
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("forward")],
            fields: &[Field {
                required: true,
                check: v::email,
                help: "A copy of every message goes to this address.",
                ..Field::new("forward", "Forward to")
            }],
            ..Action::new("add-forward", "Forward", &cmd::ADD_MAIL_ACCOUNT_FORWARD)
        },
        Action {
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("forward")],
            fields: &[Field {
                required: true,
                input: Input::FromList("FWD"),
                ..Field::new("forward", "Address")
            }],
            when: When::HasItems("FWD"),
            ..Action::new(
                "remove-forward",
                "Stop forwarding",
                &cmd::DELETE_MAIL_ACCOUNT_FORWARD,
            )
        },
        Action {
            args: &[Arg::User, Arg::Parent, Arg::Key, Arg::Field("message")],
            fields: &[Field {
                required: true,
                input: Input::TextArea,
                check: v::autoreply,
                help: "Sent once to each sender while it is on.",
                ..Field::new("message", "Message")
            }],
            ..Action::new(
                "autoreply-on",
                "Set autoreply",
                &cmd::ADD_MAIL_ACCOUNT_AUTOREPLY,
            )
        },
        Action {
            args: ACCOUNT_ARGS,
            when: When::Yes("AUTOREPLY"),
            ..Action::new(
                "autoreply-off",
                "Turn autoreply off",
                &cmd::DELETE_MAIL_ACCOUNT_AUTOREPLY,
            )
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
    ..Kind::new(KindId::MailAccount, Section::Mail, &cmd::LIST_MAIL_ACCOUNTS)
};

/// The DKIM records a mail domain asks its DNS to publish.
pub static DKIM: Kind = Kind {
    slug: "dkim",
    noun: "DKIM record to publish",
    plural: "DKIM records to publish",
    empty: "DKIM signing is off for this domain, so there is nothing to publish.",
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
    ..Kind::new(
        KindId::MailDkim,
        Section::Mail,
        &cmd::LIST_MAIL_DOMAIN_DKIM_DNS,
    )
};
