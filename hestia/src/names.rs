//! Names Hestia accepts as arguments, checked when they are built.

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind}: {reason}")]
pub struct NameError {
    /// What kind of name it was ("user name", "domain").
    pub kind: &'static str,
    /// What is wrong with it.
    pub reason: &'static str,
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
    /// A Hestia account name (`is_user_format_valid`: letters, digits, `.`, `_`, `-`, starting
    /// and ending with a letter or digit, at most 32 characters).
    UserName,
    check_user_name
);

checked_string!(
    /// A fully qualified domain name, lower-cased (RFC 1035 labels of letters, digits and `-`);
    /// a trailing dot is dropped.
    DomainName,
    check_domain_name
);

fn check_user_name(name: String) -> Result<String, NameError> {
    let err = |reason| {
        Err(NameError {
            kind: "user name",
            reason,
        })
    };
    if name.is_empty() {
        return err("it is empty");
    }
    if name.len() > 32 {
        return err("it is longer than 32 characters");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return err("only letters, digits, '.', '_' and '-' are allowed");
    }
    let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !edge_ok(name.chars().next()) || !edge_ok(name.chars().last()) {
        return err("it must start and end with a letter or digit");
    }
    Ok(name)
}

fn check_domain_name(name: String) -> Result<String, NameError> {
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let err = |reason| {
        Err(NameError {
            kind: "domain",
            reason,
        })
    };
    if name.is_empty() {
        return err("it is empty");
    }
    if name.len() > 253 {
        return err("it is longer than 253 characters");
    }
    if !name.contains('.') {
        return err("it needs at least two labels, like example.com");
    }
    for label in name.split('.') {
        if label.is_empty() || label.len() > 63 {
            return err("each part between dots must have 1 to 63 characters");
        }
        if !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return err("only letters, digits, '-' and dots are allowed");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return err("a part may not start or end with '-'");
        }
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names() {
        assert!(UserName::new("alice").is_ok());
        assert!(UserName::new("a.b-c_d9").is_ok());
        for bad in ["", "-alice", "alice-", "al ice", "al'ice", &"a".repeat(33)] {
            assert!(UserName::new(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn domain_names() {
        assert_eq!(
            DomainName::new("Example.TEST.").unwrap().as_str(),
            "example.test"
        );
        for bad in ["", "localhost", "a..b", "-a.b", "a_b.c", "ex ample.test"] {
            assert!(DomainName::new(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
