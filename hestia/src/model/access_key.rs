//! Access keys and permission profiles (PROTOCOL.md §3).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::de;
use super::Keyed;
use crate::credentials::Secret;

/// An access key as `v-list-access-keys` lists it: never with its secret.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "SCREAMING_SNAKE_CASE")]
pub struct AccessKey {
    /// The key ID.
    #[serde(deserialize_with = "de::text")]
    pub access_key_id: String,
    /// The owner (a key file without `USER` belongs to the root user, §3.1).
    #[serde(deserialize_with = "de::text")]
    pub user: String,
    /// Profile names; empty for an unrestricted root key.
    #[serde(deserialize_with = "de::list")]
    pub permissions: Vec<String>,
    /// The comment.
    #[serde(deserialize_with = "de::text")]
    pub comment: String,
    /// Creation date.
    #[serde(deserialize_with = "de::text")]
    pub date: String,
    /// Creation time.
    #[serde(deserialize_with = "de::text")]
    pub time: String,
}

impl Keyed for AccessKey {
    fn set_key(&mut self, key: String) {
        if self.access_key_id.is_empty() {
            self.access_key_id = key;
        }
    }
}

/// An access key as `v-list-access-key` and `v-add-access-key` print it: with its secret, which
/// is wrapped at once and never serialised.
#[derive(Debug, Deserialize)]
#[serde(from = "RawKeyWithSecret")]
pub struct AccessKeyWithSecret {
    /// Everything but the secret.
    pub key: AccessKey,
    /// The secret access key.
    pub secret: Secret,
}

#[derive(Deserialize)]
struct RawKeyWithSecret {
    #[serde(flatten)]
    key: AccessKey,
    #[serde(rename = "SECRET_ACCESS_KEY", default, deserialize_with = "de::text")]
    secret: String,
}

impl From<RawKeyWithSecret> for AccessKeyWithSecret {
    fn from(raw: RawKeyWithSecret) -> Self {
        Self {
            key: raw.key,
            secret: Secret::new(raw.secret),
        }
    }
}

/// Who a profile may be given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ProfileRole {
    /// Only keys of the root user.
    Admin,
    /// Any user's keys.
    #[default]
    User,
}

/// A permission profile: a named list of commands (§3.3).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "SCREAMING_SNAKE_CASE")]
pub struct Profile {
    /// The commands it grants.
    #[serde(deserialize_with = "de::list")]
    pub commands: Vec<String>,
    /// Who may hold it.
    pub role: ProfileRole,
}

/// `v-list-apis`: every profile by name.
pub type Profiles = IndexMap<String, Profile>;

#[cfg(test)]
mod tests {
    use super::super::{parse_json, parse_keyed};
    use super::*;

    #[test]
    fn fixture_v_list_access_key_keeps_the_secret_wrapped() {
        let k: AccessKeyWithSecret =
            parse_json(include_str!("../../tests/fixtures/v-list-access-key.json")).unwrap();
        assert_eq!(k.key.access_key_id, "Xy7Q2mKp9LbT4vNw8RcA");
        assert_eq!(k.key.user, "alice");
        assert_eq!(k.key.permissions, ["mail-accounts", "purge-nginx-cache"]);
        assert!(k.secret.is_access_key_secret_format());
        assert!(!format!("{k:?}").contains(k.secret.expose()));
        assert!(!serde_json::to_string(&k.key)
            .unwrap()
            .contains(k.secret.expose()));
    }

    #[test]
    fn fixture_v_list_access_keys() {
        let keys: Vec<AccessKey> =
            parse_keyed(include_str!("../../tests/fixtures/v-list-access-keys.json")).unwrap();
        assert_eq!(keys.len(), 3);
        assert!(keys
            .iter()
            .any(|k| k.user == "admin" && k.permissions.is_empty()));
    }

    #[test]
    fn fixture_v_list_apis() {
        let p: Profiles =
            parse_json(include_str!("../../tests/fixtures/v-list-apis.json")).unwrap();
        assert_eq!(p.len(), 6);
        assert_eq!(p["purge-nginx-cache"].role, ProfileRole::User);
        assert_eq!(p["billing"].role, ProfileRole::Admin);
        assert!(p["mail-accounts"]
            .commands
            .iter()
            .any(|c| c == "v-add-mail-account"));
    }
}
