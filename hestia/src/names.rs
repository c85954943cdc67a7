//! The words Hestia's arguments are made of — account, domain, mailbox, database and package
//! names — each with the one rule Hestia's `is_format_valid` applies (`func/main.sh`, 1.10.3).
//! The typed names, the forms (in the browser and on the server) and the simulator all check
//! through these functions. Where Hestia's regular expressions let through more than they
//! mean to (a `|` inside a bracket), Hearth keeps to what they mean.

/// Why a name was refused, in words for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind}: {reason}")]
pub struct NameError {
    /// What kind of name it was ("user name", "domain").
    pub kind: &'static str,
    /// What is wrong with it, as a sentence.
    pub reason: String,
}

type Check = Result<(), NameError>;

fn refuse(kind: &'static str, reason: impl Into<String>) -> Check {
    Err(NameError {
        kind,
        reason: reason.into(),
    })
}

/// The first character outside `allowed`, as a sentence naming what is allowed.
fn only(kind: &'static str, v: &str, allowed: impl Fn(char) -> bool, what: &str) -> Check {
    match v.chars().find(|c| !allowed(*c)) {
        Some(c) => refuse(kind, format!("“{c}” is not allowed: use {what}.")),
        None => Ok(()),
    }
}

/// An existing account's name (`is_user_format_valid`): 1 to 30 ASCII letters, digits, `.`,
/// `_` and `-`, a letter or digit at both ends.
pub fn user(v: &str) -> Check {
    edged(
        "user name",
        v,
        1..=30,
        "._-",
        "letters, digits, dots, hyphens and underscores",
    )
}

/// A new account's name (`v-add-user`'s stricter rule): a letter first, then letters, digits,
/// `-` and `_`, 2 to 30 characters, ending with a letter or digit.
pub fn new_user(v: &str) -> Check {
    const KIND: &str = "user name";
    if !(2..=30).contains(&v.len()) {
        return refuse(KIND, "Use 2 to 30 characters.");
    }
    if !v.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return refuse(KIND, "Start with a letter.");
    }
    only(
        KIND,
        v,
        |c| c.is_ascii_alphanumeric() || "_-".contains(c),
        "letters, digits, hyphens and underscores",
    )?;
    if !v.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        return refuse(KIND, "End with a letter or digit.");
    }
    Ok(())
}

/// A domain (`is_domain_format_valid`, and what DNS itself requires): labels of 1 to 63
/// letters, digits and inner hyphens, at least two of them, 253 characters in all; not an IP
/// address. Internationalised names are written in their `xn--` form.
pub fn domain(v: &str) -> Check {
    const KIND: &str = "domain";
    if v.parse::<std::net::IpAddr>().is_ok() {
        return refuse(
            KIND,
            "This is an IP address; enter a domain name such as example.com.",
        );
    }
    if v.is_empty() || v.len() > 253 {
        return refuse(KIND, "A domain is 1 to 253 characters.");
    }
    only(
        KIND,
        v,
        |c| c.is_ascii_alphanumeric() || ".-".contains(c),
        "letters, digits, hyphens and dots (write internationalised names in their xn-- form)",
    )?;
    labels(KIND, v)?;
    if !v.contains('.') {
        return refuse(
            KIND,
            "A domain has at least two parts, such as example.com.",
        );
    }
    Ok(())
}

/// A host name as a DNS record names or points to it (RFC 1035/1123): a [`domain`]'s labels, one
/// of them enough, with `_` for service labels (`_sip._tcp`) and a trailing dot allowed.
pub fn host(v: &str) -> Check {
    const KIND: &str = "host name";
    let name = v.strip_suffix('.').unwrap_or(v);
    if name.is_empty() || name.len() > 253 {
        return refuse(KIND, "A host name is 1 to 253 characters.");
    }
    only(
        KIND,
        name,
        |c| c.is_ascii_alphanumeric() || "._-".contains(c),
        "letters, digits and hyphens (write internationalised names in their xn-- form)",
    )?;
    labels(KIND, name)
}

/// Labels of 1 to 63 characters between dots, none starting or ending with a hyphen.
fn labels(kind: &'static str, v: &str) -> Check {
    for label in v.split('.') {
        if label.is_empty() {
            return refuse(kind, "Two dots in a row, or a dot at the start or end.");
        }
        if label.len() > 63 {
            return refuse(kind, format!("“{label}” is longer than 63 characters."));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return refuse(kind, format!("“{label}” starts or ends with a hyphen."));
        }
    }
    Ok(())
}

/// A mailbox name, the part before the `@` (`is_localpart_format_valid`): 1 to 64 ASCII
/// letters, digits, `.`, `_` and `-`; a single character is a letter or digit.
pub fn mail_local_part(v: &str) -> Check {
    const KIND: &str = "mail account";
    if v.contains('@') {
        return refuse(KIND, "Enter only the part before the @.");
    }
    if !(1..=64).contains(&v.len()) {
        return refuse(KIND, "Use 1 to 64 characters.");
    }
    only(
        KIND,
        v,
        |c| c.is_ascii_alphanumeric() || "._-".contains(c),
        "letters, digits, dots, hyphens and underscores",
    )?;
    if v.len() == 1 && !v.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return refuse(KIND, "A one-character name is a letter or digit.");
    }
    Ok(())
}

/// A mail address (`is_email_format_valid`): letters, digits and `. _ % + -` before the `@`, a
/// [`domain`] after it whose last part is letters (or an `xn--` name).
pub fn email(v: &str) -> Check {
    const KIND: &str = "mail address";
    let Some((local, host)) = v.rsplit_once('@') else {
        return refuse(KIND, "Enter a mail address such as name@example.com.");
    };
    if !(1..=64).contains(&local.len()) {
        return refuse(KIND, "Use 1 to 64 characters before the @.");
    }
    only(
        KIND,
        local,
        |c| c.is_ascii_alphanumeric() || "._%+-".contains(c),
        "letters, digits, dots, hyphens, underscores, % and + before the @",
    )?;
    domain(host).map_err(|e| NameError { kind: KIND, ..e })?;
    let top = host.rsplit('.').next().unwrap_or_default();
    if !(top.starts_with("xn--") || top.chars().all(|c| c.is_ascii_alphabetic())) {
        return refuse(KIND, format!("“{top}” is not a top-level domain."));
    }
    Ok(())
}

fn database_word(kind: &'static str, v: &str, max: usize) -> Check {
    if v.len() > max {
        return refuse(
            kind,
            format!("This is {} characters; at most {max}.", v.len()),
        );
    }
    only(
        kind,
        v,
        |c| c.is_ascii_alphanumeric() || c == '_',
        "letters, digits and underscores",
    )
}

/// A database's full name, `USER_NAME` (`is_database_format_valid`: under 64 characters):
/// letters, digits and `_`. Hestia's own check also lets `-` and `.` through, which PostgreSQL
/// refuses (Hestia creates its databases unquoted there).
pub fn database(v: &str) -> Check {
    database_word("database", v, 63)
}

/// A database user's full name, `USER_NAME` (`is_dbuser_format_valid`): as a database name, at
/// most 32 characters (MySQL's limit).
pub fn database_user(v: &str) -> Check {
    database_word("database user", v, 32)
}

/// A package name (`is_object_format_valid`): 2 to 66 letters, digits, `.`, `_` and `-`, a
/// letter or digit at both ends.
pub fn package(v: &str) -> Check {
    edged(
        "package name",
        v,
        2..=66,
        "._-",
        "letters, digits, dots, hyphens and underscores",
    )
}

/// A web, proxy or DNS template name: as a package name.
pub fn template(v: &str) -> Check {
    edged(
        "template name",
        v,
        2..=66,
        "._-",
        "letters, digits, dots, hyphens and underscores",
    )
}

/// An access key's comment (`v-add-access-key`, PROTOCOL.md §3.6): as a package name, with
/// spaces inside.
pub fn key_comment(v: &str) -> Check {
    edged(
        "comment",
        v,
        2..=66,
        " ._-",
        "letters, digits, spaces, dots, hyphens and underscores",
    )
}

/// A name of `lengths` characters, a letter or digit at both ends, letters, digits and `inner`
/// between (`is_user_format_valid`, `is_object_format_valid`).
fn edged(
    kind: &'static str,
    v: &str,
    lengths: std::ops::RangeInclusive<usize>,
    inner: &str,
    what: &str,
) -> Check {
    if !lengths.contains(&v.len()) {
        let (min, max) = lengths.into_inner();
        return refuse(kind, format!("Use {min} to {max} characters."));
    }
    only(
        kind,
        v,
        |c| c.is_ascii_alphanumeric() || inner.contains(c),
        what,
    )?;
    if !(v.starts_with(|c: char| c.is_ascii_alphanumeric())
        && v.ends_with(|c: char| c.is_ascii_alphanumeric()))
    {
        return refuse(kind, "Start and end with a letter or digit.");
    }
    Ok(())
}

/// A string newtype whose value was checked by `$check` when built; serde goes through the
/// same check.
macro_rules! checked_string {
    ($(#[$doc:meta])* $name:ident, $check:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks and wraps the value.
            pub fn new(value: impl Into<String>) -> Result<Self, $crate::names::NameError> {
                $check(value.into()).map(Self)
            }

            /// The value as Hestia writes it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::names::NameError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use checked_string;

checked_string!(
    /// An existing Hestia account's name ([`user`]).
    UserName,
    checked_user
);

checked_string!(
    /// A domain ([`domain`]), lower-cased; a trailing dot is dropped.
    DomainName,
    checked_domain
);

fn checked_user(name: String) -> Result<String, NameError> {
    user(&name).map(|()| name)
}

fn checked_domain(name: String) -> Result<String, NameError> {
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    domain(&name).map(|()| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names() {
        assert!(UserName::new("alice").is_ok());
        assert!(UserName::new("a.b-c_d9").is_ok());
        assert!(UserName::new("a").is_ok());
        for bad in [
            "",
            "-alice",
            "alice-",
            "al ice",
            "al'ice",
            "al|ice",
            &"a".repeat(31),
        ] {
            assert!(UserName::new(bad).is_err(), "{bad:?} should be refused");
        }
        // New accounts: a letter first, no dots.
        assert!(new_user("carol_2").is_ok());
        assert!(new_user("c2").is_ok());
        for bad in ["c", "2carol", "carol-", "car.ol", "carøl"] {
            assert!(new_user(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn domain_names() {
        assert_eq!(
            DomainName::new("Example.TEST.").unwrap().as_str(),
            "example.test"
        );
        for bad in [
            "",
            "localhost",
            "a..b",
            "-a.b",
            "a_b.c",
            "ex ample.test",
            "a.b.",
            "1.2.3.4",
            "ex*.test",
        ] {
            assert!(domain(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(domain("xn--bcher-kva.example").is_ok());
        // Host names in records: one label is enough, `_` and a trailing dot are fine.
        for good in ["www", "_sip._tcp", "mx.example.org."] {
            assert!(host(good).is_ok(), "{good:?}");
        }
        for bad in ["", "a..b", "-a", "a b", &"a".repeat(64)] {
            assert!(host(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn mailbox_database_and_package_names() {
        assert!(mail_local_part("info.sales-2_x").is_ok());
        assert!(
            mail_local_part("_x").is_ok(),
            "Hestia allows _ . - at the ends"
        );
        for bad in ["", "a+b", "a@b", "_", "ünï", &"a".repeat(65)] {
            assert!(mail_local_part(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(database("alice_wp").is_ok());
        for bad in ["alice_wp-1", "alice_w.p", "alice wp", &"a".repeat(64)] {
            assert!(database(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(database_user(&"a".repeat(32)).is_ok());
        assert!(database_user(&"a".repeat(33)).is_err());
        assert!(email("team+ops@example.org").is_ok());
        for bad in [
            "team",
            "a b@example.org",
            "team@example.1",
            "team@localhost",
        ] {
            assert!(email(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(package("default").is_ok());
        for bad in ["d", "-x", "x-", "a b", &"p".repeat(67)] {
            assert!(package(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(key_comment("mail app").is_ok());
        for bad in ["x", "bad!", " x", "x "] {
            assert!(key_comment(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
