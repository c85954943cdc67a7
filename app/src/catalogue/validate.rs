//! Form checks, shared by the browser (as the user types) and the server (before anything is
//! sent to Hestia). Each returns what is wrong in words a person understands.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::Values;

type Check = Result<(), String>;

fn fail<T>(message: impl Into<String>) -> Result<T, String> {
    Err(message.into())
}

/// A host name in a DNS record ([`hestia::names::host`]).
pub fn hostname(v: &str) -> Check {
    word(hestia::names::host(v))
}

/// A domain ([`hestia::names::domain`]).
pub fn domain(v: &str, _: &Values) -> Check {
    word(hestia::names::domain(v))
}

/// The sentence of a name's rule, for the form.
fn word(checked: Result<(), hestia::names::NameError>) -> Check {
    checked.map_err(|e| e.reason)
}

/// Domains separated by commas or spaces.
pub fn domains(v: &str, values: &Values) -> Check {
    list_items(v)
        .iter()
        .try_for_each(|d| domain(d, values).map_err(|e| format!("{d}: {e}")))
}

/// The items of a list typed with commas or spaces.
pub fn list_items(v: &str) -> Vec<String> {
    v.split([',', ' ', '\n', '\t'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// An IPv4 or IPv6 address.
pub fn ip(v: &str, _: &Values) -> Check {
    v.parse::<std::net::IpAddr>()
        .map(drop)
        .map_err(|_| "Enter an IP address such as 203.0.113.10.".to_owned())
}

/// An IPv4 address.
pub fn ipv4(v: &str, _: &Values) -> Check {
    v.parse::<Ipv4Addr>()
        .map(drop)
        .map_err(|_| "Enter an IPv4 address such as 203.0.113.10.".to_owned())
}

/// A whole number in `min..=max`.
pub fn number_in(v: &str, min: u64, max: u64) -> Check {
    match v.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(()),
        _ => fail(format!("Enter a whole number from {min} to {max}.")),
    }
}

/// A mailbox quota: MB or `unlimited`.
pub fn quota(v: &str, _: &Values) -> Check {
    if v == "unlimited" {
        return Ok(());
    }
    number_in(v, 1, 1_048_576).map_err(|_| "Enter a size in MB, or “unlimited”.".to_owned())
}

/// A mailbox name, the part before the `@` ([`hestia::names::mail_local_part`]).
pub fn local_part(v: &str, _: &Values) -> Check {
    word(hestia::names::mail_local_part(v))
}

/// A whole mail address ([`hestia::names::email`]).
pub fn email(v: &str, _: &Values) -> Check {
    word(hestia::names::email(v))
}

/// The most any one field may hold. Hestia's whole command line is capped near 128 KB, past
/// which the API answers "204, exit -1" without running anything (PROTOCOL.md §7.6); no value
/// a person types comes near this.
pub const MAX_FIELD_BYTES: usize = 8192;

/// What every field must be, whatever it holds: not over-long, no control characters (line
/// breaks only where several lines are asked for), and a password exactly as Hestia will
/// store it.
pub fn any_field(raw: &str, input: super::Input) -> Check {
    if raw.len() > MAX_FIELD_BYTES {
        return fail(format!(
            "This is too long: at most {MAX_FIELD_BYTES} characters."
        ));
    }
    let multi_line = matches!(input, super::Input::TextArea);
    if let Some(c) = raw
        .chars()
        .find(|c| c.is_control() && !(multi_line && matches!(c, '\n' | '\r' | '\t')))
    {
        return fail(format!(
            "The invisible character “{}” is not allowed here.",
            c.escape_default()
        ));
    }
    if input == super::Input::Password {
        secret_text(raw)?;
    }
    Ok(())
}

/// A password as Hestia's API passes it on unchanged: no spaces at either end (the API trims
/// every argument, so Hestia would store another password than the one typed), and not a
/// `/tmp/` path (Hestia reads such a "password" from that file, as root: PROTOCOL.md §1.3).
pub fn secret_text(v: &str) -> Check {
    if v.trim() != v {
        return fail("A password cannot start or end with a space: Hestia would drop it.");
    }
    if v.starts_with("/tmp/") {
        return fail("A password cannot start with /tmp/.");
    }
    if v.chars().any(char::is_control) {
        return fail("A password is one line, without invisible characters.");
    }
    Ok(())
}

/// A password Hestia will take: 8+ characters, one line, unchanged by the API.
pub fn password(v: &str, _: &Values) -> Check {
    if v.chars().count() < 8 {
        return fail("Use at least 8 characters.");
    }
    secret_text(v)
}

/// A database name as typed, without the `USER_` prefix Hestia adds
/// ([`hestia::names::database`] of the whole).
pub fn database(v: &str, values: &Values) -> Check {
    prefixed(v, values, hestia::names::database)
}

/// A database user name as typed, without the prefix ([`hestia::names::database_user`]).
pub fn database_user(v: &str, values: &Values) -> Check {
    prefixed(v, values, hestia::names::database_user)
}

fn prefixed(
    v: &str,
    values: &Values,
    rule: fn(&str) -> Result<(), hestia::names::NameError>,
) -> Check {
    let prefix = format!("{}_", values.get(Values::USER));
    word(rule(v))?;
    word(rule(&format!("{prefix}{v}"))).map_err(|e| format!("With the {prefix} prefix: {e}"))
}

/// A DNS record name: `@`, `*`, or host labels (with `_` for service names, `*.` wildcards).
pub fn record_name(v: &str, _: &Values) -> Check {
    if v == "@" || v == "*" {
        return Ok(());
    }
    hostname(v.strip_prefix("*.").unwrap_or(v))
}

/// The record types Hearth offers, as RFC 1035 and later name them.
pub const RECORD_TYPES: &[(&str, &str)] = &[
    ("A", "A — IPv4 address"),
    ("AAAA", "AAAA — IPv6 address"),
    ("CNAME", "CNAME — alias of another name"),
    ("MX", "MX — mail server"),
    ("TXT", "TXT — text (SPF, DKIM, verification)"),
    ("SRV", "SRV — service location"),
    ("CAA", "CAA — allowed certificate authorities"),
    ("NS", "NS — name server"),
];

/// A record's value, as its type's RFC requires and as Hestia's `is_dns_record_format_valid`
/// takes it: printable ASCII, and no `'` or `\` (Hestia keeps the value between single quotes
/// and re-reads it through `xargs` to split long text).
pub fn record_value(v: &str, values: &Values) -> Check {
    if let Some(c) = v.chars().find(|c| !matches!(c, ' '..='~')) {
        return fail(format!(
            "“{}” is not allowed: Hestia takes plain ASCII text here.",
            c.escape_default()
        ));
    }
    if let Some(c) = v.chars().find(|c| matches!(c, '\'' | '\\')) {
        return fail(format!("“{c}” is not allowed in a record's value."));
    }
    match values.get("type") {
        "A" => ipv4(v, values),
        "AAAA" => v
            .parse::<Ipv6Addr>()
            .map(drop)
            .map_err(|_| "Enter an IPv6 address such as 2001:db8::1.".to_owned()),
        "CNAME" | "NS" | "MX" => {
            if v.parse::<std::net::IpAddr>().is_ok() {
                return fail("This type points to a host name, not an IP address.");
            }
            hostname(v)
        }
        "TXT" => txt(v),
        "SRV" => srv(v, values),
        "CAA" => caa(v),
        "" => fail("Choose a record type first."),
        other => fail(format!("Hearth does not offer {other} records.")),
    }
}

/// TXT (RFC 1035 §3.3.14): Hestia drops any double quotes and splits text past 255 characters
/// into quoted strings itself, so the value is the text alone.
fn txt(v: &str) -> Check {
    if v.len() > 4096 {
        return fail("At most 4096 characters.");
    }
    Ok(())
}

/// SRV (RFC 2782): `weight port target`, the priority in its own field, and a
/// `_service._proto` name.
fn srv(v: &str, values: &Values) -> Check {
    let name = values.get("record");
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 2 || !labels[0].starts_with('_') || !labels[1].starts_with('_') {
        return fail("An SRV record's name is _service._protocol, such as _sip._tcp.");
    }
    let parts: Vec<&str> = v.split_whitespace().collect();
    let [weight, port, target] = parts.as_slice() else {
        return fail("Enter weight, port and target, such as: 5 5060 sip.example.com");
    };
    number_in(weight, 0, 65_535).map_err(|e| format!("Weight: {e}"))?;
    number_in(port, 0, 65_535).map_err(|e| format!("Port: {e}"))?;
    if *target == "." {
        return Ok(());
    }
    hostname(target).map_err(|e| format!("Target: {e}"))
}

/// CAA (RFC 8659): `flags tag "value"`, flags 0–255, tag issue, issuewild or iodef.
fn caa(v: &str) -> Check {
    let mut parts = v.splitn(3, ' ');
    let (Some(flags), Some(tag), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
        return fail("Enter flags, tag and value, such as: 0 issue \"letsencrypt.org\"");
    };
    number_in(flags, 0, 255).map_err(|e| format!("Flags: {e}"))?;
    if !["issue", "issuewild", "iodef"].contains(&tag) {
        return fail("The tag is issue, issuewild or iodef.");
    }
    if !(value.len() >= 2 && value.starts_with('"') && value.ends_with('"')) {
        return fail("Put the value in double quotes, such as \"letsencrypt.org\".");
    }
    Ok(())
}

/// A record name and type that fit together: no CNAME at the zone apex (RFC 1034 §3.6.2).
pub fn record_type(v: &str, values: &Values) -> Check {
    if !RECORD_TYPES.iter().any(|(t, _)| *t == v) {
        return fail("Choose a record type.");
    }
    if v == "CNAME" && values.get("record") == "@" {
        return fail("The zone's own name (@) cannot be a CNAME; use A/AAAA records.");
    }
    Ok(())
}

/// A priority (MX, SRV): 0–65535; required for those two types.
pub fn priority(v: &str, _: &Values) -> Check {
    number_in(v, 0, 65_535)
}

/// A TTL in seconds (RFC 2181 §8).
pub fn ttl(v: &str, _: &Values) -> Check {
    number_in(v, 60, 2_147_483_647)
}

/// One of the five cron fields: `*`, numbers, ranges, lists and steps within `min..=max`.
pub fn cron_field(v: &str, min: u32, max: u32) -> Check {
    for part in v.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, Some(s)),
            None => (part, None),
        };
        if let Some(s) = step {
            match s.parse::<u32>() {
                Ok(n) if n >= 1 && n <= max.max(1) => {}
                _ => return fail(format!("“/{s}”: a step is a number from 1 to {max}.")),
            }
        }
        if range == "*" {
            continue;
        }
        let ends: Vec<&str> = range.split('-').collect();
        if ends.len() > 2 {
            return fail(format!("“{range}” is not a number or a range."));
        }
        let mut numbers = Vec::new();
        for e in &ends {
            match e.parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) => numbers.push(n),
                _ => return fail(format!("“{e}” is not a number from {min} to {max}.")),
            }
        }
        if numbers.len() == 2 && numbers[0] > numbers[1] {
            return fail(format!("“{range}” runs backwards."));
        }
    }
    Ok(())
}

/// A new account's name ([`hestia::names::new_user`]).
pub fn user_name(v: &str, _: &Values) -> Check {
    word(hestia::names::new_user(v))
}

/// A package name ([`hestia::names::package`]).
pub fn package_name(v: &str, _: &Values) -> Check {
    word(hestia::names::package(v))
}

/// An access key's comment ([`hestia::names::key_comment`]).
pub fn key_comment(v: &str, _: &Values) -> Check {
    word(hestia::names::key_comment(v))
}

/// The object's own name, typed again to confirm a destructive action.
pub fn typed_name(v: &str, values: &Values) -> Check {
    if v == values.get(Values::KEY) {
        Ok(())
    } else {
        fail(format!(
            "Type {} exactly to confirm.",
            values.get(Values::KEY)
        ))
    }
}

/// A package limit: a number or `unlimited`.
pub fn limit(v: &str, _: &Values) -> Check {
    if v == "unlimited" {
        return Ok(());
    }
    number_in(v, 0, 10_000_000).map_err(|_| "Enter a number, or “unlimited”.".to_owned())
}

/// File extensions separated by commas or spaces (`css, js, png`).
pub fn file_extensions(v: &str, _: &Values) -> Check {
    match list_items(v)
        .into_iter()
        .find(|e| e.len() > 10 || !e.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        Some(bad) => Err(format!(
            "{bad}: an extension is letters and digits, such as css or png."
        )),
        None => Ok(()),
    }
}

/// A template name ([`hestia::names::template`]).
pub fn template(v: &str, _: &Values) -> Check {
    word(hestia::names::template(v))
}

/// One of a select's values (a crafted form may send anything).
pub fn one_of(v: &str, choices: &[(&str, &str)]) -> Check {
    if choices.iter().any(|(c, _)| *c == v) {
        Ok(())
    } else {
        fail("Choose one of the offered values.")
    }
}

/// A value that may go into a `KEY='value'` settings file, which Hestia reads with the shell:
/// no quotes, backslashes, `$`, backticks or line breaks.
pub fn file_value(v: &str) -> Check {
    match v.chars().find(|c| c.is_control() || "'\"\\$`".contains(*c)) {
        Some(c) => fail(format!("“{}” is not allowed here.", c.escape_default())),
        None => Ok(()),
    }
}

/// A cron job's command (Hestia's `is_cron_command_valid_format`): one line, and no backticks,
/// which the shell would run when Hestia writes the crontab. Single quotes are fine: Hestia
/// stores them escaped.
pub fn cron_command(v: &str, _: &Values) -> Check {
    if v.contains(['\n', '\r']) {
        return fail("A command is one line.");
    }
    if v.contains('`') {
        return fail("Backticks (`) are not allowed: use $( … ) instead.");
    }
    Ok(())
}

/// A person's name (Hestia's `is_name_format_valid`): no quotes or angle brackets, which
/// would break the `NAME='…'` line Hestia stores it in.
pub fn person_name(v: &str, _: &Values) -> Check {
    if v.chars().count() > 100 {
        return fail("At most 100 characters.");
    }
    match v.chars().find(|c| "'\"<>".contains(*c)) {
        Some(c) => fail(format!("“{c}” is not allowed in a name.")),
        None => Ok(()),
    }
}

/// An autoreply message (under Hestia's 10,240 characters by [`MAX_FIELD_BYTES`]): no `\`,
/// which Hestia's `echo -e` would turn into other characters (`\n` into a new line, `\c` ends
/// the message).
pub fn autoreply(v: &str, _: &Values) -> Check {
    if v.contains('\\') {
        return fail("Backslashes (\\) are not allowed: Hestia would change the text after them.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Values {
        let mut v = Values::default();
        for (k, x) in pairs {
            v.set(k, *x);
        }
        v
    }

    #[test]
    fn domains_and_hosts() {
        let v = Values::default();
        assert!(domain("example.com", &v).is_ok());
        assert!(domain("xn--bcher-kva.example", &v).is_ok());
        assert!(domain("203.0.113.1", &v).is_err());
        assert!(domain("localhost", &v).is_err());
        assert!(domain("-bad.example", &v).is_err());
        assert!(domain("bücher.example", &v).is_err());
        assert!(domain(&format!("{}.com", "a".repeat(64)), &v).is_err());
        assert!(domains("www.a.test, b.test", &v).is_ok());
        assert_eq!(
            list_items("www.a.test, B.test c.test"),
            ["www.a.test", "b.test", "c.test"]
        );
    }

    #[test]
    fn records_by_type() {
        let ok = |t: &str, name: &str, value: &str| {
            record_value(value, &with(&[("type", t), ("record", name)])).is_ok()
        };
        assert!(ok("A", "www", "203.0.113.5"));
        assert!(!ok("A", "www", "2001:db8::1"));
        assert!(ok("AAAA", "www", "2001:db8::1"));
        assert!(!ok("AAAA", "www", "203.0.113.5"));
        assert!(ok("CNAME", "shop", "example.com."));
        assert!(!ok("CNAME", "shop", "203.0.113.5"));
        assert!(ok("MX", "@", "mail.example.com"));
        assert!(ok("TXT", "@", "v=spf1 a mx -all"));
        assert!(ok("TXT", "@", &"x".repeat(300)), "Hestia splits long text");
        assert!(!ok("TXT", "@", &"x".repeat(5000)));
        assert!(!ok("TXT", "@", "caf\u{e9}"), "Hestia takes ASCII only");
        assert!(!ok("TXT", "@", "it's"), "breaks Hestia's VALUE='…' line");
        assert!(!ok("TXT", "@", "a\\b"));
        assert!(ok("SRV", "_sip._tcp", "5 5060 sip.example.com"));
        assert!(!ok("SRV", "sip", "5 5060 sip.example.com"));
        assert!(!ok("SRV", "_sip._tcp", "5 70000 sip.example.com"));
        assert!(ok("CAA", "@", "0 issue \"letsencrypt.org\""));
        assert!(!ok("CAA", "@", "0 issue letsencrypt.org"));
        assert!(!ok("CAA", "@", "0 policy \"x\""));
        assert!(ok("NS", "sub", "ns1.example.com"));
        assert!(record_type("CNAME", &with(&[("record", "@")])).is_err());
        assert!(record_type("CNAME", &with(&[("record", "www")])).is_ok());
        assert!(record_name("_dmarc", &Values::default()).is_ok());
        assert!(record_name("*.dev", &Values::default()).is_ok());
        assert!(record_name("a b", &Values::default()).is_err());
    }

    #[test]
    fn cron_fields() {
        assert!(cron_field("*/15", 0, 59).is_ok());
        assert!(cron_field("1-5", 0, 7).is_ok());
        assert!(cron_field("0,30", 0, 59).is_ok());
        assert!(cron_field("60", 0, 59).is_err());
        assert!(cron_field("5-1", 0, 59).is_err());
        assert!(cron_field("*/0", 0, 59).is_err());
        assert!(cron_field("a", 0, 59).is_err());
    }

    #[test]
    fn free_text_as_hestia_checks_it() {
        let v = Values::default();
        assert!(cron_command("php -r 'echo 1;' > /dev/null 2>&1", &v).is_ok());
        assert!(cron_command("echo `id`", &v).is_err());
        assert!(cron_command("a\nb", &v).is_err());
        assert!(person_name("Zoë O’Brien-Smith", &v).is_ok());
        assert!(person_name("O'Brien", &v).is_err());
        assert!(person_name("<b>x</b>", &v).is_err());
        assert!(autoreply("Away until Monday.\nThanks!", &v).is_ok());
        assert!(autoreply("C:\\path", &v).is_err());
    }

    #[test]
    fn names_and_secrets() {
        let v = with(&[(Values::USER, "alice")]);
        assert!(database("wp", &v).is_ok());
        assert!(database("wp-1", &v).is_err());
        assert!(database_user(&"x".repeat(27), &v).is_err());
        assert!(local_part("info", &v).is_ok());
        assert!(local_part("info@x.test", &v).is_err());
        assert!(email("team@example.org", &v).is_ok());
        assert!(email("team", &v).is_err());
        assert!(password("short", &v).is_err());
        assert!(password("long enough", &v).is_ok());
        assert!(quota("unlimited", &v).is_ok());
        assert!(quota("0", &v).is_err());
    }
}
