//! Whatever Hestia (or something pretending to be it) answers, decoding never panics: the
//! reply decoder, the lenient JSON models and the name checks, on arbitrary input. CI runs the
//! default number of cases; `cargo xtask fuzz` runs a million of each.
#![allow(clippy::unwrap_used)]

use hestia::model::{self, AccessKeyWithSecret, Profiles, User, WebDomain};
use hestia::protocol::{decode, RawReply};
use hestia::{AccessKeyId, DomainName, UserName};
use proptest::prelude::*;

/// JSON shaped like Hestia's: objects of objects of strings, with the odd number, list,
/// null or nesting where a string belongs.
fn hestia_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        ".{0,12}".prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("SUSPENDED".to_owned()),
                    Just("PERMISSIONS".to_owned()),
                    Just("U_DISK".to_owned()),
                    Just("DATE".to_owned()),
                    "[A-Z_]{1,10}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn every_model(body: &str) {
    let _ = model::parse_entries(body, &["DATE", "TIME", "MESSAGE"]);
    let _ = model::parse_keyed::<User>(body);
    let _ = model::parse_keyed::<WebDomain>(body);
    let _ = model::parse_single::<User>(body);
    let _ = model::parse_json::<Profiles>(body);
    let _ = model::parse_json::<AccessKeyWithSecret>(body);
}

proptest! {
    #[test]
    fn any_reply_decodes_or_fails_cleanly(
        status in 0u16..1000,
        exit_code in proptest::option::of(any::<u16>()),
        body in ".{0,200}",
        key_mode in any::<bool>(),
        returncode in any::<bool>(),
    ) {
        let reply = RawReply { status, exit_code, body };
        let _ = decode("v-list-users", key_mode, returncode, reply);
    }

    #[test]
    fn error_like_bodies_decode_or_fail_cleanly(
        code in 0u16..30,
        message in "(Error: )?(key |user |Invalid secret key for key |invalid access_key_id format :: )?.{0,40}( doesn't exist| is suspended)?",
        key_mode in any::<bool>(),
    ) {
        let status = if code == 0 { 200 } else { 401 };
        let reply = RawReply { status, exit_code: Some(code), body: message };
        let _ = decode("v-list-user", key_mode, false, reply);
    }

    #[test]
    fn models_never_panic_on_text(body in ".{0,300}") {
        every_model(&body);
    }

    #[test]
    fn models_never_panic_on_json(json in hestia_json()) {
        every_model(&json.to_string());
        // Hestia's echo-built JSON, cut short.
        let text = json.to_string();
        let cut = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
        every_model(&text[..cut]);
    }

    #[test]
    fn names_check_without_panicking(text in ".{0,80}") {
        let _ = UserName::new(text.clone());
        let _ = DomainName::new(text.clone());
        let _ = AccessKeyId::new(text);
    }
}
