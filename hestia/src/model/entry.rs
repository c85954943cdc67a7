//! Any listed object as plain text fields, for kinds described by data rather than by a type
//! (Hearth's catalogue). Same leniency as the typed models: numbers and flags become text,
//! arrays become comma-separated text, anything else empty.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::{parse_json, DecodeError};

/// One object of a keyed listing: its key and its fields in Hestia's order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Entry {
    /// The key it is listed under (domain, record ID, account, job number…).
    pub key: String,
    /// Field name → value.
    pub fields: IndexMap<String, String>,
}

impl Entry {
    /// A field's value, `""` when absent.
    pub fn get(&self, field: &str) -> &str {
        self.fields.get(field).map_or("", String::as_str)
    }
}

fn text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Bool(b) => if b { "yes" } else { "no" }.to_owned(),
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(text)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(","),
        serde_json::Value::Null | serde_json::Value::Object(_) => String::new(),
    }
}

/// Parses `{ "<key>": { … }, … }` into entries, keeping only `keep` fields (all when empty).
pub fn parse_entries(body: &str, keep: &[&str]) -> Result<Vec<Entry>, DecodeError> {
    // Lists of names (`v-list-web-templates-backend json`: `["default", "PHP-8_3"]`): each name
    // is an entry of its own, without fields.
    if body.trim_start().starts_with('[') {
        let names: Vec<String> = parse_json(body)?;
        return Ok(names
            .into_iter()
            .map(|key| Entry {
                key,
                fields: IndexMap::new(),
            })
            .collect());
    }
    let map: IndexMap<String, IndexMap<String, serde_json::Value>> = parse_json(body)?;
    Ok(map
        .into_iter()
        .map(|(key, fields)| Entry {
            key,
            fields: fields
                .into_iter()
                .filter(|(name, _)| keep.is_empty() || keep.contains(&name.as_str()))
                .map(|(name, value)| (name, text(value)))
                .collect(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_order_and_only_the_asked_fields() {
        let body = r#"{"b.test": {"IP": "1.2.3.4", "RKEY": "secret", "N": 3, "L": ["x","y"]},
                       "a.test": {"IP": ""}}"#;
        let all = parse_entries(body, &[]).unwrap();
        assert_eq!(all[0].key, "b.test");
        assert_eq!(all[0].get("N"), "3");
        assert_eq!(all[0].get("L"), "x,y");
        let kept = parse_entries(body, &["IP"]).unwrap();
        assert!(kept[0].fields.get("RKEY").is_none());
        assert_eq!(kept[1].get("IP"), "");
        assert!(parse_entries("{\n}", &[]).unwrap().is_empty());
        let names = parse_entries("[\n\t\"default\",\n\t\"PHP-8_3\"\n]", &[]).unwrap();
        assert_eq!(
            names.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
            ["default", "PHP-8_3"]
        );
        assert!(parse_entries("[\n]", &[]).unwrap().is_empty());
        assert!(parse_entries("[1, 2]", &[]).is_err());
        assert!(parse_entries(r#"{"a": {"X": "say "hi""}}"#, &[]).is_err());
    }
}
