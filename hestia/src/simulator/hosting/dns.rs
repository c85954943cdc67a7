//! DNS zones and their records (PROTOCOL.md §5.3).

use super::*;

/// Record types `v-add-dns-record` accepts.
const DNS_TYPES: &[&str] = &[
    "A", "AAAA", "CAA", "CNAME", "DNSKEY", "DS", "IPSECKEY", "KEY", "MX", "NS", "PTR", "SPF",
    "SRV", "TLSA", "TXT",
];

/// `is_dns_record_format_valid`: what Hestia itself checks of a value.
fn dns_value_problem(kind: &str, value: &str) -> Option<&'static str> {
    let host = |v: &str| {
        let v = v.trim_end_matches('.');
        domain_ok(v) || v.split('.').count() == 1
    };
    let ok = match kind {
        "A" => value.parse::<std::net::Ipv4Addr>().is_ok(),
        "AAAA" => value.parse::<std::net::Ipv6Addr>().is_ok(),
        "CNAME" | "NS" | "PTR" | "MX" => host(value),
        "SRV" => value.split_whitespace().count() == 3,
        "CAA" => value.split_whitespace().count() >= 3,
        _ => !value.is_empty(),
    };
    (!ok).then_some("value")
}

/// Zones and their records.
const ZONES: Family = Family {
    what: "dns domain",
    toggles: [cmd::SUSPEND_DNS_DOMAIN, cmd::UNSUSPEND_DNS_DOMAIN],
};

pub(super) fn dns(user: &mut SimUser, command: &'static Spec, a: &Args<'_>) -> Outcome {
    let zone = a.get(1).to_lowercase();
    match *command {
        cmd::LIST_DNS_DOMAINS => {
            return Outcome::ok(keyed(user.dns_domains.iter().map(|(k, r)| (k, r.clone()))))
        }
        cmd::LIST_DNS_RECORDS => return ZONES.list(&user.dns_records, &zone),
        cmd::ADD_DNS_DOMAIN => {
            let ip = a.get(2);
            if !domain_ok(&zone) {
                return invalid("domain", &zone);
            }
            if ip.parse::<std::net::Ipv4Addr>().is_err() {
                return invalid("ip", ip);
            }
            if user.dns_domains.contains_key(&zone) {
                return exists("DNS domain", &zone);
            }
            if !under_limit(user, "DNS_DOMAINS", user.dns_domains.len()) {
                return limit("DNS_DOMAINS");
            }
            let given: Vec<String> = (3..11)
                .map(|i| a.get(i))
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            let ns: Vec<String> = if given.is_empty() {
                user.record
                    .get("NS")
                    .map(|n| n.split(',').map(str::to_owned).collect())
                    .unwrap_or_default()
            } else {
                given
            };
            let mut records = IndexMap::new();
            let mut add = |record: &str, kind: &str, value: String, priority: &str| {
                let id = (records.len() + 1).to_string();
                let mut r = stamped(&[
                    ("RECORD", record),
                    ("TYPE", kind),
                    ("PRIORITY", priority),
                    ("VALUE", &value),
                    ("ID", &id),
                ]);
                set(&mut r, "TTL", "14400");
                records.insert(id, r);
            };
            for n in &ns {
                add("@", "NS", format!("{}.", n.trim_end_matches('.')), "");
            }
            add("@", "A", ip.to_owned(), "");
            add("www", "A", ip.to_owned(), "");
            add("mail", "A", ip.to_owned(), "");
            add("@", "MX", format!("mail.{zone}."), "10");
            add("@", "TXT", format!("\"v=spf1 a mx ip4:{ip} -all\""), "");
            add(
                "_dmarc",
                "TXT",
                "\"v=DMARC1; p=quarantine; pct=100\"".into(),
                "",
            );
            let (date, _) = now_stamp();
            let year: i32 = date[..4].parse().unwrap_or(2026);
            let r = stamped(&[
                ("IP", ip),
                ("TPL", "default"),
                ("TTL", "14400"),
                ("EXP", &format!("{}{}", year + 1, &date[4..])),
                ("SOA", ns.first().map_or("", String::as_str)),
                ("SERIAL", "3000000000"),
                ("DNSSEC", if a.get(12) == "yes" { "yes" } else { "no" }),
                ("SRC", ""),
                ("RECORDS", &records.len().to_string()),
            ]);
            user.dns_domains.insert(zone.clone(), r);
            user.dns_records.insert(zone.clone(), records);
            log(
                user,
                "Info",
                "DNS",
                &format!("Added new DNS domain (Name: {zone})."),
            );
            return Outcome::silent();
        }
        cmd::DELETE_DNS_DOMAIN => {
            return ZONES.delete(&mut user.dns_domains, &mut user.dns_records, &zone)
        }
        _ => {}
    }
    let records_used = user.dns_records.get(&zone).map_or(0, IndexMap::len);
    let room = under_limit(user, "DNS_RECORDS", records_used);
    let (zone_record, records) =
        match ZONES.open(&mut user.dns_domains, &mut user.dns_records, &zone, command) {
            Ok(opened) => opened,
            Err(answer) => return answer,
        };
    let outcome = match *command {
        cmd::DELETE_DNS_RECORD => match records.shift_remove(a.get(2)) {
            Some(_) => Outcome::silent(),
            None => missing("dns record", a.get(2)),
        },
        // v-add-dns-record USER DOMAIN RECORD TYPE VALUE [PRIORITY] [ID] [RESTART] [TTL]
        // v-change-dns-record USER DOMAIN ID RECORD TYPE VALUE [PRIORITY] [RESTART] [TTL]
        _ => {
            let change = *command == cmd::CHANGE_DNS_RECORD;
            let at = usize::from(change);
            let (record, kind, value) =
                (a.get(2 + at), a.get(3 + at).to_uppercase(), a.get(4 + at));
            let priority = a.get(5 + at);
            let ttl = a.get(8);
            let id = if change {
                a.get(2).to_owned()
            } else if a.get(6).is_empty() {
                next_id(records)
            } else {
                a.get(6).to_owned()
            };
            if !DNS_TYPES.contains(&kind.as_str()) {
                return invalid("type", &kind);
            }
            if !record
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "@._-*".contains(c))
            {
                return invalid("record", record);
            }
            if kind == "CNAME" && record == "@" {
                return Outcome::error(2, "CNAME on root is not allowed");
            }
            if let Some(what) = dns_value_problem(&kind, value) {
                return invalid(what, value);
            }
            if id.parse::<u64>().is_err() {
                return invalid("id", &id);
            }
            if !ttl.is_empty() && ttl.parse::<u32>().is_err() {
                return invalid("ttl", ttl);
            }
            if !priority.is_empty() && priority.parse::<u16>().is_err() {
                return invalid("priority", priority);
            }
            match (change, records.contains_key(&id)) {
                (true, false) => return missing("dns record", &id),
                (false, true) => return exists("dns record", &id),
                (false, false) if !room => return limit("DNS_RECORDS"),
                _ => {}
            }
            let dotted = |v: &str| {
                if matches!(kind.as_str(), "NS" | "CNAME" | "MX" | "PTR" | "SRV")
                    && !v.ends_with('.')
                    && v.contains('.')
                {
                    format!("{v}.")
                } else {
                    v.to_owned()
                }
            };
            let priority = if matches!(kind.as_str(), "MX" | "SRV") {
                if priority.is_empty() {
                    "10"
                } else {
                    priority
                }
            } else {
                ""
            };
            let value = if kind == "TXT" && value.contains([' ', ';']) && !value.starts_with('"') {
                format!("\"{value}\"")
            } else {
                dotted(value)
            };
            let mut r = stamped(&[
                ("RECORD", record),
                ("TYPE", &kind),
                ("PRIORITY", priority),
                ("VALUE", &value),
                ("ID", &id),
            ]);
            set(&mut r, "TTL", if ttl.is_empty() { "14400" } else { ttl });
            records.insert(id, r);
            Outcome::silent()
        }
    };
    if outcome.code == 0 {
        let serial = zone_record
            .get("SERIAL")
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(3_000_000_000)
            + 1;
        set(zone_record, "SERIAL", serial.to_string());
        set(zone_record, "RECORDS", records.len().to_string());
    }
    outcome
}
