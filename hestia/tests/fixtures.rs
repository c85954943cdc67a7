//! Every fixture (copied from the protocol reference) parses: into its model where Hearth has
//! one, and as Hestia-shaped JSON (an object of string or string-list values) otherwise.

use hestia::model::{self, AccessKey, AccessKeyWithSecret, Profiles, User, WebDomain};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn modelled_fixtures_parse() {
    model::parse_single::<User>(&fixture("v-list-user.json")).unwrap();
    assert!(!model::parse_keyed::<User>(&fixture("v-list-users.json"))
        .unwrap()
        .is_empty());
    assert!(
        !model::parse_keyed::<WebDomain>(&fixture("v-list-web-domains.json"))
            .unwrap()
            .is_empty()
    );
    model::parse_single::<WebDomain>(&fixture("v-list-web-domain.json")).unwrap();
    model::parse_json::<AccessKeyWithSecret>(&fixture("v-list-access-key.json")).unwrap();
    assert_eq!(
        model::parse_keyed::<AccessKey>(&fixture("v-list-access-keys.json"))
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        model::parse_json::<Profiles>(&fixture("v-list-apis.json"))
            .unwrap()
            .len(),
        6
    );
}

#[test]
fn every_fixture_is_hestia_shaped_json() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let body = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let object = value
            .as_object()
            .unwrap_or_else(|| panic!("{path:?} is not an object"));
        assert!(!object.is_empty(), "{path:?}");
        seen += 1;
    }
    assert_eq!(seen, 20);
}

#[test]
fn truncated_fixtures_are_errors_not_panics() {
    let body = fixture("v-list-users.json");
    for cut in [1, body.len() / 3, body.len() / 2, body.len() - 2] {
        assert!(
            model::parse_keyed::<User>(&body[..cut]).is_err(),
            "cut at {cut}"
        );
    }
}
