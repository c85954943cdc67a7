//! `v-list-web-domains` and `v-list-web-domain` (PROTOCOL.md §5.2).

use serde::{Deserialize, Serialize};

use super::de;
use super::Keyed;

/// A web domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "SCREAMING_SNAKE_CASE")]
pub struct WebDomain {
    /// The domain (the collection key).
    #[serde(rename = "DOMAIN")]
    pub domain: String,
    /// IPv4 address.
    #[serde(deserialize_with = "de::text")]
    pub ip: String,
    /// IPv6 address.
    #[serde(deserialize_with = "de::text")]
    pub ip6: String,
    /// Aliases (`ALIAS`, comma-separated in Hestia).
    #[serde(rename = "ALIAS", deserialize_with = "de::list")]
    pub aliases: Vec<String>,
    /// Document root.
    #[serde(deserialize_with = "de::text")]
    pub document_root: String,
    /// Web template.
    #[serde(deserialize_with = "de::text")]
    pub tpl: String,
    /// Backend (PHP-FPM) template.
    #[serde(deserialize_with = "de::text")]
    pub backend: String,
    /// Proxy template.
    #[serde(deserialize_with = "de::text")]
    pub proxy: String,
    /// Whether SSL is on.
    #[serde(deserialize_with = "de::flag")]
    pub ssl: bool,
    /// Whether the certificate comes from Let's Encrypt.
    #[serde(deserialize_with = "de::flag")]
    pub letsencrypt: bool,
    /// Whether the domain is suspended.
    #[serde(deserialize_with = "de::flag")]
    pub suspended: bool,
    /// Disk in use, MB.
    #[serde(deserialize_with = "de::count")]
    pub u_disk: Option<u64>,
    /// Bandwidth this month, MB.
    #[serde(deserialize_with = "de::count")]
    pub u_bandwidth: Option<u64>,
    /// Creation date, `YYYY-MM-DD`.
    #[serde(deserialize_with = "de::text")]
    pub date: String,
    /// Creation time, `HH:MM:SS`.
    #[serde(deserialize_with = "de::text")]
    pub time: String,
}

impl Keyed for WebDomain {
    fn set_key(&mut self, key: String) {
        self.domain = key;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse_keyed, parse_single};
    use super::*;

    #[test]
    fn fixture_v_list_web_domains() {
        let list: Vec<WebDomain> =
            parse_keyed(include_str!("../../tests/fixtures/v-list-web-domains.json")).unwrap();
        let names: Vec<_> = list.iter().map(|d| d.domain.as_str()).collect();
        assert_eq!(
            names,
            ["example.test", "blog.example.test"],
            "Hestia's order is kept"
        );
        assert_eq!(list[0].aliases, ["www.example.test"]);
        assert!(list[0].ssl && list[0].letsencrypt && !list[0].suspended);
        assert_eq!(list[0].u_disk, Some(231));
        assert!(list[1].aliases.is_empty());
    }

    #[test]
    fn fixture_v_list_web_domain() {
        let d: WebDomain =
            parse_single(include_str!("../../tests/fixtures/v-list-web-domain.json")).unwrap();
        assert_eq!(d.domain, "example.test");
    }
}
