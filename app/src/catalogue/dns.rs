//! DNS zones and their records (PROTOCOL.md §5.3).

use super::validate as v;
use super::{
    delete, suspend, unsuspend, Action, Arg, Column, Field, Input, Kind, KindId, Section, Show,
    Target, ACTION, FIELD, KIND,
};
use hestia::cmd::{self, Spec};

const RESTART: Option<&Spec> = Some(&cmd::RESTART_DNS);

/// DNS zones.
pub static ZONES: Kind = Kind {
    id: KindId::DnsZone,
    section: Section::Dns,
    slug: "zones",
    noun: "DNS zone",
    plural: "DNS zones",
    empty: "No DNS zones yet.",
    list: &cmd::LIST_DNS_DOMAINS,
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
            id: "add",
            label: "Add DNS zone",
            command: &cmd::ADD_DNS_DOMAIN,
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
                    name: "domain",
                    label: "Domain",
                    required: true,
                    check: v::domain,
                    ..FIELD
                },
                Field {
                    name: "ip",
                    label: "IP address",
                    required: true,
                    check: v::ipv4,
                    help: "The address the zone's A records point to.",
                    ..FIELD
                },
                Field {
                    name: "ns1",
                    label: "Name server 1",
                    check: |x, _| v::hostname(x),
                    help: "Empty: your account's name servers.",
                    ..FIELD
                },
                Field {
                    name: "ns2",
                    label: "Name server 2",
                    check: |x, _| v::hostname(x),
                    ..FIELD
                },
            ],
            ..ACTION
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
    ..KIND
};

const RECORD_FIELDS: &[Field] = &[
    Field {
        name: "record",
        label: "Name",
        required: true,
        check: v::record_name,
        help: "@ for the zone itself, or a name such as www",
        prefill: Some("RECORD"),
        ..FIELD
    },
    Field {
        name: "type",
        label: "Type",
        required: true,
        input: Input::Select(v::RECORD_TYPES),
        check: v::record_type,
        prefill: Some("TYPE"),
        ..FIELD
    },
    Field {
        name: "value",
        label: "Value",
        required: true,
        check: v::record_value,
        prefill: Some("VALUE"),
        help: "SRV: weight port target · CAA: flags tag \"value\"",
        ..FIELD
    },
    Field {
        name: "priority",
        label: "Priority",
        check: v::priority,
        help: "MX and SRV only; empty: 10",
        prefill: Some("PRIORITY"),
        input: Input::Number,
        ..FIELD
    },
    Field {
        name: "ttl",
        label: "TTL (seconds)",
        check: v::ttl,
        help: "Empty: the zone's default",
        prefill: Some("TTL"),
        input: Input::Number,
        ..FIELD
    },
];

fn record_name(e: &super::Entry) -> String {
    format!("{} {} {}", e.get("RECORD"), e.get("TYPE"), e.get("VALUE"))
}

/// The records of a zone.
pub static RECORDS: Kind = Kind {
    id: KindId::DnsRecord,
    section: Section::Dns,
    slug: "records",
    noun: "record",
    plural: "records",
    empty: "This zone has no records.",
    list: &cmd::LIST_DNS_RECORDS,
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
            id: "add",
            label: "Add record",
            command: &cmd::ADD_DNS_RECORD,
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
            ..ACTION
        },
        Action {
            id: "change",
            label: "Change",
            command: &cmd::CHANGE_DNS_RECORD,
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
            ..ACTION
        },
        delete(
            &cmd::DELETE_DNS_RECORD,
            &[Arg::User, Arg::Parent, Arg::Key, Arg::Restart],
            "Delete the record {}?",
            RESTART,
        ),
    ],
    ..KIND
};
