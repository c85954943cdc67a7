//! DNS zones and their records (PROTOCOL.md §5.3).

use super::validate as v;
use super::{
    delete, suspend, unsuspend, Action, Arg, Column, Field, Input, Kind, KindId, Section, Show,
    Target,
};
use hestia::cmd::{self, Spec};

const RESTART: Option<&Spec> = Some(&cmd::RESTART_DNS);

/// DNS zones.
pub static ZONES: Kind = Kind {
    slug: "zones",
    noun: "DNS zone",
    plural: "DNS zones",
    empty: "No DNS zones yet.",
    children: &[KindId::DnsRecord],
    columns: &[
        super::STATUS,
        Column {
            label: "IP",
            field: "IP",
            show: Show::Text,
        },
        Column {
            label: "Records",
            field: "RECORDS",
            show: Show::Number(""),
        },
        Column {
            label: "DNSSEC",
            field: "DNSSEC",
            show: Show::Flag,
        },
        Column {
            label: "Serial",
            field: "SERIAL",
            show: Show::Text,
        },
        Column {
            label: "Expires",
            field: "EXP",
            show: Show::Text,
        },
    ],
    details: &[
        super::STATUS,
        Column {
            label: "IP",
            field: "IP",
            show: Show::Text,
        },
        Column {
            label: "Template",
            field: "TPL",
            show: Show::Text,
        },
        Column {
            label: "Default TTL",
            field: "TTL",
            show: Show::Number("s"),
        },
        Column {
            label: "SOA",
            field: "SOA",
            show: Show::Text,
        },
        Column {
            label: "Serial",
            field: "SERIAL",
            show: Show::Text,
        },
        Column {
            label: "DNSSEC",
            field: "DNSSEC",
            show: Show::Flag,
        },
        Column {
            label: "Expires",
            field: "EXP",
            show: Show::Text,
        },
        super::CREATED,
    ],
    actions: &[
        Action {
            target: Target::New,
            args: &[
                Arg::User,
                Arg::Field("domain"),
                Arg::Field("ip"),
                Arg::Field("ns1"),
                Arg::Field("ns2"),
                Arg::Fixed(""),
                Arg::Fixed(""),
                Arg::Fixed(""),
                Arg::Fixed(""),
                Arg::Fixed(""),
                Arg::Fixed(""),
                Arg::Restart,
            ],
            fields: &[
                Field {
                    required: true,
                    check: v::domain,
                    ..Field::new("domain", "Domain")
                },
                Field {
                    required: true,
                    check: v::ipv4,
                    help: "The address the zone's A records point to.",
                    ..Field::new("ip", "IP address")
                },
                Field {
                    check: |x, _| v::hostname(x),
                    help: "Empty: your account's name servers.",
                    ..Field::new("ns1", "Name server 1")
                },
                Field {
                    check: |x, _| v::hostname(x),
                    ..Field::new("ns2", "Name server 2")
                },
            ],
            ..Action::new("add", "Add DNS zone", &cmd::ADD_DNS_DOMAIN)
        },
        suspend(
            &cmd::SUSPEND_DNS_DOMAIN,
            &[Arg::User, Arg::Key, Arg::Restart],
            Some("Suspend {}? The server stops answering for this zone."),
            RESTART,
        ),
        unsuspend(
            &cmd::UNSUSPEND_DNS_DOMAIN,
            &[Arg::User, Arg::Key, Arg::Restart],
            RESTART,
        ),
        delete(
            &cmd::DELETE_DNS_DOMAIN,
            &[Arg::User, Arg::Key, Arg::Restart],
            "Delete the DNS zone {} and all its records?",
            RESTART,
        ),
    ],
    ..Kind::new(KindId::DnsZone, Section::Dns, &cmd::LIST_DNS_DOMAINS)
};

const RECORD_FIELDS: &[Field] = &[
    Field {
        required: true,
        check: v::record_name,
        help: "@ for the zone itself, or a name such as www",
        prefill: Some("RECORD"),
        ..Field::new("record", "Name")
    },
    Field {
        required: true,
        input: Input::Select(v::RECORD_TYPES),
        check: v::record_type,
        prefill: Some("TYPE"),
        ..Field::new("type", "Type")
    },
    Field {
        required: true,
        check: v::record_value,
        prefill: Some("VALUE"),
        help: "SRV: weight port target · CAA: flags tag \"value\"",
        ..Field::new("value", "Value")
    },
    Field {
        check: v::priority,
        help: "MX and SRV only; empty: 10",
        prefill: Some("PRIORITY"),
        input: Input::Number,
        ..Field::new("priority", "Priority")
    },
    Field {
        check: v::ttl,
        help: "Empty: the zone's default",
        prefill: Some("TTL"),
        input: Input::Number,
        ..Field::new("ttl", "TTL (seconds)")
    },
];

fn record_name(e: &super::Entry) -> String {
    format!("{} {} {}", e.get("RECORD"), e.get("TYPE"), e.get("VALUE"))
}

/// The records of a zone.
pub static RECORDS: Kind = Kind {
    slug: "records",
    noun: "record",
    plural: "records",
    empty: "This zone has no records.",
    parent: Some(KindId::DnsZone),
    name: record_name,
    label: (|e| e.get("RECORD").to_owned(), "RECORD"),
    has_page: false,
    columns: &[
        Column {
            label: "Type",
            field: "TYPE",
            show: Show::Text,
        },
        Column {
            label: "Value",
            field: "VALUE",
            show: Show::Code,
        },
        Column {
            label: "Priority",
            field: "PRIORITY",
            show: Show::Text,
        },
        Column {
            label: "TTL",
            field: "TTL",
            show: Show::Number("s"),
        },
        super::STATUS,
    ],
    actions: &[
        Action {
            target: Target::New,
            args: &[
                Arg::User,
                Arg::Parent,
                Arg::Field("record"),
                Arg::Field("type"),
                Arg::Field("value"),
                Arg::Field("priority"),
                Arg::Fixed(""),
                Arg::Restart,
                Arg::Field("ttl"),
            ],
            fields: RECORD_FIELDS,
            ..Action::new("add", "Add record", &cmd::ADD_DNS_RECORD)
        },
        Action {
            args: &[
                Arg::User,
                Arg::Parent,
                Arg::Key,
                Arg::Field("record"),
                Arg::Field("type"),
                Arg::Field("value"),
                Arg::Field("priority"),
                Arg::Restart,
                Arg::Field("ttl"),
            ],
            fields: RECORD_FIELDS,
            ..Action::new("change", "Change", &cmd::CHANGE_DNS_RECORD)
        },
        delete(
            &cmd::DELETE_DNS_RECORD,
            &[Arg::User, Arg::Parent, Arg::Key, Arg::Restart],
            "Delete the record {}?",
            RESTART,
        ),
    ],
    ..Kind::new(KindId::DnsRecord, Section::Dns, &cmd::LIST_DNS_RECORDS)
};
