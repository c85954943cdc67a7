//! Names Hestia accepts as arguments, checked when they are built.

use serde::{Deserialize, Serialize};

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind}: {reason}")]
pub struct NameError {
    /// What kind of name it was ("user name", "domain").
    pub kind: &'static str,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// A Hestia account name (`is_user_format_valid`: letters, digits, `.`, `_`, `-`, starting and
/// ending with a letter or digit, at most 32 characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UserName(String);

impl UserName {
    /// Checks and wraps a user name.
    pub fn new(name: impl Into<String>) -> Result<Self, NameError> {
        let name = name.into();
        let err = |reason| Err(NameError { kind: "user name", reason });
        if name.is_empty() {
            return err("it is empty");
        }
        if name.len() > 32 {
            return err("it is longer than 32 characters");
        }
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
            return err("only letters, digits, '.', '_' and '-' are allowed");
        }
        let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if !edge_ok(name.chars().next()) || !edge_ok(name.chars().last()) {
            return err("it must start and end with a letter or digit");
        }
        Ok(Self(name))
    }

    /// The name as Hestia writes it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for UserName {
    type Error = NameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<UserName> for String {
    fn from(value: UserName) -> Self {
        value.0
    }
}

impl std::fmt::Display for UserName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A fully qualified domain name, lower-cased (RFC 1035 labels of letters, digits and `-`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DomainName(String);

impl DomainName {
    /// Checks, lower-cases and wraps a domain name; a trailing dot is dropped.
    pub fn new(name: impl Into<String>) -> Result<Self, NameError> {
        let name = name.into().trim().trim_end_matches('.').to_ascii_lowercase();
        let err = |reason| Err(NameError { kind: "domain", reason });
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
        Ok(Self(name))
    }

    /// The name as Hestia writes it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DomainName {
    type Error = NameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<DomainName> for String {
    fn from(value: DomainName) -> Self {
        value.0
    }
}

impl std::fmt::Display for DomainName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
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
        assert_eq!(DomainName::new("Example.TEST.").unwrap().as_str(), "example.test");
        for bad in ["", "localhost", "a..b", "-a.b", "a_b.c", "ex ample.test"] {
            assert!(DomainName::new(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
