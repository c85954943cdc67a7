//! Typed models of Hestia's JSON output (PROTOCOL.md §5).
//!
//! Hestia builds its JSON with `echo`: every value is a string, fields come and go between
//! versions, and free text can break the syntax. So every field here is optional with a
//! default, unknown fields are ignored, values are parsed leniently ([`de`]), and a payload that
//! is not JSON at all is an error naming the place it broke, never a panic. Fields Hestia marks
//! sensitive (`RKEY`, `TWOFA`, `QRCODE`, secrets) are not declared, so they are never kept.

pub mod access_key;
pub mod de;
pub mod entry;
pub mod user;
pub mod web;

/// A moment (Unix seconds) as Hestia writes its `DATE` and `TIME` fields: `YYYY-MM-DD` and
/// `HH:MM:SS`, UTC.
pub fn date_and_time(unix: i64) -> (String, String) {
    let t =
        time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    (
        format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()),
        format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second()),
    )
}

pub use access_key::{AccessKey, AccessKeyWithSecret, Profile, ProfileRole, Profiles};
pub use de::Limit;
pub use entry::{parse_entries, Entry};
pub use user::User;
pub use web::WebDomain;

use indexmap::IndexMap;
use serde::de::DeserializeOwned;

/// Where a payload failed to parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The path inside the payload (`example.test.ALIAS`), or `.` for the whole body.
    pub path: String,
}

/// Parses a JSON payload, naming the path that broke. An empty body is an empty object, which
/// is how Hestia's empty collections (`{` newline `}`) and 204 replies look.
pub fn parse_json<T: DeserializeOwned>(body: &str) -> Result<T, DecodeError> {
    let body = if body.trim().is_empty() { "{}" } else { body };
    let mut de = serde_json::Deserializer::from_str(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        DecodeError {
            path: if path.is_empty() { ".".into() } else { path },
        }
    })?;
    de.end().map_err(|_| DecodeError { path: ".".into() })?;
    Ok(value)
}

/// A record of a keyed collection, which learns its key (the domain, user name, record ID…).
pub trait Keyed: DeserializeOwned {
    /// Stores the key the record was listed under.
    fn set_key(&mut self, key: String);
}

/// Parses `{ "<key>": { … }, … }` into records in Hestia's order.
pub fn parse_keyed<R: Keyed>(body: &str) -> Result<Vec<R>, DecodeError> {
    let map: IndexMap<String, R> = parse_json(body)?;
    Ok(map
        .into_iter()
        .map(|(key, mut record)| {
            record.set_key(key);
            record
        })
        .collect())
}

/// Parses a single-object reply that Hestia wraps as `{ "<name>": { … } }`.
pub fn parse_single<R: Keyed>(body: &str) -> Result<R, DecodeError> {
    parse_keyed(body)?
        .into_iter()
        .next()
        .ok_or(DecodeError { path: ".".into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_collections_and_bodies() {
        assert!(parse_keyed::<WebDomain>("{\n}").unwrap().is_empty());
        assert!(parse_keyed::<WebDomain>("").unwrap().is_empty());
    }

    #[test]
    fn broken_json_names_the_place() {
        let broken = r#"{"example.test": {"IP": "203.0.113.10", "ALIAS": "say "hi""}}"#;
        let err = parse_keyed::<WebDomain>(broken).unwrap_err();
        assert!(err.path.contains("example.test"), "{err:?}");
        for truncated in [
            r#"{"example.test": {"IP": "203.0"#,
            "{",
            "[1,2",
            "not json",
            "{} trailing",
        ] {
            assert!(parse_keyed::<WebDomain>(truncated).is_err(), "{truncated}");
        }
    }
}
