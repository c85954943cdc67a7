//! The three ways to authenticate to Hestia's API (PROTOCOL.md §2), with secrets that cannot
//! be printed, serialised or cloned by accident.

use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

use crate::names::{NameError, UserName};

crate::names::checked_string!(
    /// An access key ID: exactly 20 ASCII letters or digits (§3.2). Not a secret.
    AccessKeyId,
    check_key_id
);

fn check_key_id(id: String) -> Result<String, NameError> {
    if id.len() == 20 && id.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(id)
    } else {
        Err(NameError {
            kind: "access key ID",
            reason: "An access key ID is 20 letters or digits.".into(),
        })
    }
}

/// A secret: an access key's secret, a password or a legacy API key.
///
/// `Debug` prints `[redacted]`; there is no `Display`, `Serialize` or `Clone`. The only way to
/// the text is [`Secret::expose`], so every use can be found with a search.
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(SecretString::from(value.into()))
    }

    /// The secret's text, for the request body or for sealing into a session.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Compares with another secret in time independent of where they differ.
    pub fn constant_time_eq(&self, other: &Secret) -> bool {
        self.expose()
            .as_bytes()
            .ct_eq(other.expose().as_bytes())
            .into()
    }

    /// Whether this is a well-formed access key secret: 40 characters of the alphabet
    /// `v-check-access-key` accepts (§3.2).
    pub fn is_access_key_secret_format(&self) -> bool {
        let s = self.expose();
        s.chars().count() == 40
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.+/^~=%-|".contains(c))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// How a call authenticates.
pub enum Credentials {
    /// Access key ID and secret (key mode, §2.1).
    AccessKey {
        /// The key ID.
        id: AccessKeyId,
        /// The secret access key.
        secret: Secret,
    },
    /// The root user's name and password (legacy mode, §2.3).
    Password {
        /// The root user's name.
        user: UserName,
        /// The password.
        password: Secret,
    },
    /// A legacy API key (legacy mode, §2.2).
    LegacyKey(Secret),
}

impl Credentials {
    /// Whether Hestia answers in key mode (HTTP statuses and `Hestia-Exit-Code` for every
    /// result) rather than legacy mode.
    pub fn is_key_mode(&self) -> bool {
        matches!(self, Self::AccessKey { .. })
    }

    /// Names these credentials without their secret: the key ID, or which legacy mode.
    pub fn identity(&self) -> String {
        match self {
            Self::AccessKey { id, .. } => format!("key:{id}"),
            Self::Password { user, .. } => format!("password:{user}"),
            Self::LegacyKey(_) => "legacy-key".to_owned(),
        }
    }

    /// The access key ID, if these are key credentials.
    pub fn key_id(&self) -> Option<&AccessKeyId> {
        match self {
            Self::AccessKey { id, .. } => Some(id),
            Self::Password { .. } | Self::LegacyKey(_) => None,
        }
    }

    /// Parses `ID:SECRET`, the form Hestia prints with `plain` and accepts as `hash`.
    pub fn parse_key_pair(pair: &str) -> Option<Self> {
        let (id, secret) = pair.trim().split_once(':')?;
        let id = AccessKeyId::new(id).ok()?;
        Some(Self::AccessKey {
            id,
            secret: Secret::new(secret),
        })
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::AccessKey { id, .. } => write!(f, "AccessKey({id}, [redacted])"),
            Self::Password { user, .. } => write!(f, "Password({user}, [redacted])"),
            Self::LegacyKey(_) => f.write_str("LegacyKey([redacted])"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "fH3k9Qz-Lw2Rt7=Vb1Nx5Jm8_Pc4Gd6Ys0Ea2Ku9";

    #[test]
    fn debug_never_prints_a_secret() {
        let all = [
            Credentials::parse_key_pair(&format!("Xy7Q2mKp9LbT4vNw8RcA:{SECRET}")).unwrap(),
            Credentials::Password {
                user: UserName::new("admin").unwrap(),
                password: Secret::new(SECRET),
            },
            Credentials::LegacyKey(Secret::new(SECRET)),
        ];
        for c in &all {
            let printed = format!("{c:?} {c:#?}");
            assert!(!printed.contains(SECRET), "{printed}");
        }
        assert_eq!(format!("{:?}", Secret::new(SECRET)), "[redacted]");
    }

    #[test]
    fn key_pairs_and_formats() {
        let c = Credentials::parse_key_pair(&format!(" Xy7Q2mKp9LbT4vNw8RcA:{SECRET} ")).unwrap();
        assert_eq!(c.key_id().unwrap().as_str(), "Xy7Q2mKp9LbT4vNw8RcA");
        assert!(Credentials::parse_key_pair("short:abc").is_none());
        assert!(Secret::new(SECRET).is_access_key_secret_format());
        assert!(!Secret::new("too short").is_access_key_secret_format());
        assert!(!Secret::new(format!("{}'", &SECRET[..39])).is_access_key_secret_format());
    }

    #[test]
    fn constant_time_comparison() {
        assert!(Secret::new(SECRET).constant_time_eq(&Secret::new(SECRET)));
        assert!(!Secret::new(SECRET).constant_time_eq(&Secret::new(&SECRET[..39])));
    }
}
