//! Lenient field parsers: Hestia sends every value as a string (`"yes"`, `"12"`,
//! `"unlimited"`, `""`), and Hearth round-trips the models through its own JSON, where the
//! same fields are booleans and numbers. Each parser takes either form and never fails on a
//! value it does not understand: an odd value becomes "unknown", not a broken page.

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Deserialize)]
#[serde(untagged)]
enum Loose {
    Bool(bool),
    Number(u64),
    Float(f64),
    Text(String),
    Other(serde::de::IgnoredAny),
}

/// `"yes"` (or `true`) → `true`; anything else → `false`.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Bool(b) => b,
        Loose::Text(s) => s.eq_ignore_ascii_case("yes"),
        Loose::Number(n) => n != 0,
        Loose::Float(_) | Loose::Other(_) => false,
    })
}

/// Any non-blank text (or `true`) → `true`: whether a field holds something, without keeping it
/// (a 2FA secret).
pub fn present<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Bool(b) => b,
        Loose::Text(s) => !s.trim().is_empty(),
        Loose::Number(_) | Loose::Float(_) | Loose::Other(_) => false,
    })
}

/// `"12"` (or `12`) → `Some(12)`; empty or unreadable → `None`.
pub fn count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Number(n) => Some(n),
        Loose::Text(s) => s.trim().parse().ok(),
        Loose::Bool(_) | Loose::Float(_) | Loose::Other(_) => None,
    })
}

/// Any scalar as text; `null` and containers as `""`.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Text(s) => s,
        Loose::Number(n) => n.to_string(),
        Loose::Float(f) => f.to_string(),
        Loose::Bool(b) => if b { "yes" } else { "no" }.to_owned(),
        Loose::Other(_) => String::new(),
    })
}

/// A comma-separated list (`"www.a.test,b.test"`) or a JSON array → the items, blanks dropped.
pub fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum ListOrText {
        List(Vec<String>),
        Text(#[serde(deserialize_with = "text")] String),
    }
    Ok(match ListOrText::deserialize(d)? {
        ListOrText::List(items) => items,
        ListOrText::Text(s) => s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
    })
}

/// A package limit: a number, `unlimited`, or unknown when Hestia sent something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Limit {
    /// No limit.
    Unlimited,
    /// At most this many (or MB).
    Max(u64),
    /// Missing or unreadable.
    #[default]
    Unknown,
}

impl Limit {
    /// Whether `used` has reached the limit.
    pub fn is_reached_by(self, used: u64) -> bool {
        matches!(self, Self::Max(max) if used >= max)
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        enum Tagged {
            Unlimited,
            Max(u64),
            Unknown,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Tagged(Tagged),
            Loose(Loose),
        }
        Ok(match Either::deserialize(d)? {
            Either::Tagged(Tagged::Unlimited) => Self::Unlimited,
            Either::Tagged(Tagged::Max(n)) | Either::Loose(Loose::Number(n)) => Self::Max(n),
            Either::Tagged(Tagged::Unknown) => Self::Unknown,
            Either::Loose(Loose::Text(s)) if s.eq_ignore_ascii_case("unlimited") => Self::Unlimited,
            Either::Loose(Loose::Text(s)) => s.trim().parse().map_or(Self::Unknown, Self::Max),
            Either::Loose(_) => Self::Unknown,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Serialize, Debug, PartialEq)]
    struct T {
        #[serde(deserialize_with = "flag", default)]
        f: bool,
        #[serde(deserialize_with = "count", default)]
        c: Option<u64>,
        #[serde(default)]
        l: Limit,
        #[serde(deserialize_with = "list", default)]
        a: Vec<String>,
    }

    #[test]
    fn hestia_strings_and_hearth_values_both_parse() {
        let from_hestia: T =
            serde_json::from_str(r#"{"f":"yes","c":"12","l":"unlimited","a":"x.test, y.test,"}"#)
                .unwrap();
        assert_eq!(
            from_hestia,
            T {
                f: true,
                c: Some(12),
                l: Limit::Unlimited,
                a: vec!["x.test".into(), "y.test".into()]
            }
        );
        let again: T = serde_json::from_str(&serde_json::to_string(&from_hestia).unwrap()).unwrap();
        assert_eq!(again, from_hestia);
        let odd: T =
            serde_json::from_str(r#"{"f":"maybe","c":"12 MB","l":"lots","a":""}"#).unwrap();
        assert_eq!(
            odd,
            T {
                f: false,
                c: None,
                l: Limit::Unknown,
                a: vec![]
            }
        );
        let max: T = serde_json::from_str(r#"{"l":"50"}"#).unwrap();
        assert_eq!(max.l, Limit::Max(50));
        assert!(Limit::Max(5).is_reached_by(5));
        assert!(!Limit::Unlimited.is_reached_by(5));
    }
}
