//! Every form check, on arbitrary input: an answer, never a panic. Each field of each action of
//! each kind is checked the way the server checks a posted form, plus every validator on its
//! own. CI runs the default number of cases; `cargo xtask fuzz` runs a million of each.
#![allow(clippy::unwrap_used)]

use app::catalogue::validate::*;
use app::catalogue::{Input, KindId, Values};
use proptest::prelude::*;

/// Text a hostile form might send: anything, or something close to what is expected.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[a-z0-9.*/,_@ -]{0,30}",
        "[0-9*/,-]{1,12}",
        "(v=spf1|v=DKIM1|0 issue|10 5 443|_sip._tcp|/tmp/)?.{0,20}",
    ]
}

type Check = fn(&str, &Values) -> Result<(), String>;

fn values(pairs: Vec<(String, String)>) -> Values {
    let mut v = Values::default();
    for (k, val) in pairs {
        v.set(&k, val);
    }
    v
}

proptest! {
    #[test]
    fn every_action_checks_any_form(
        kind in 0..KindId::ALL.len(),
        action in any::<prop::sample::Index>(),
        raw in prop::collection::vec(text(), 12),
        user in text(),
    ) {
        let kind = KindId::ALL[kind].kind();
        if kind.actions.is_empty() {
            return Ok(());
        }
        let action = &kind.actions[action.index(kind.actions.len())];
        let mut form = values(
            action
                .fields
                .iter()
                .zip(raw)
                .map(|(f, v)| (f.name.to_owned(), v))
                .collect(),
        );
        form.set(Values::USER, user);
        let _ = action.validate(&form);
    }

    #[test]
    fn every_validator_answers_any_value(v in text(), other in text(), n in any::<u64>()) {
        let ctx = values(vec![
            ("type".to_owned(), other.clone()),
            (Values::USER.to_owned(), other.clone()),
            (Values::KEY.to_owned(), other),
        ]);
        let checks: [Check; 24] = [
            domain, domains, ip, ipv4, quota, local_part, email, password, record_name,
            record_value, record_type, priority, ttl, user_name, package_name, key_comment,
            typed_name, limit, template, cron_command, person_name, autoreply, database,
            database_user,
        ];
        for check in checks {
            let _ = check(&v, &ctx);
        }
        let _ = hostname(&v);
        let _ = list_items(&v);
        let _ = number_in(&v, n % 1000, n);
        let _ = cron_field(&v, 0, 59);
        let _ = secret_text(&v);
        let _ = file_value(&v);
        let _ = one_of(&v, &[("a", "A")]);
        for input in [Input::Text, Input::Password, Input::TextArea, Input::Number] {
            let _ = any_field(&v, input);
        }
    }
}
