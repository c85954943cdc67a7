//! Administration through Hearth over HTTP against the simulator: users, packages, access
//! keys (created once, revoked with their sessions), acting as a user, the server's overview,
//! Hearth's sessions list and the audit log.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::catalogue::KindId;
use app::error::HearthError;
use app::hearth::{AuditEntry, SessionInfo};
use app::serverfns::keys::NewKey;
use common::objects::{invalid, keys, list, refused, sent};
use common::TestHearth;
use hestia::simulator::{demo, SimKey, SimProfile};
use hestia::ReturnCode;

async fn admin() -> TestHearth {
    let h = TestHearth::demo(|_| {}).await;
    assert_eq!(h.login_key(&demo::ADMIN_KEY).await.status, 200);
    h
}

fn expired(seen: &common::Seen) -> bool {
    seen.error() == Some(HearthError::SessionExpired)
}

/// Audit entries through the server function; `filter` as (field, value) of `AuditFilter`.
async fn audit(h: &TestHearth, filter: &[(&str, &str)]) -> Vec<AuditEntry> {
    let names: Vec<String> = filter.iter().map(|(n, _)| format!("filter[{n}]")).collect();
    let form: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(filter.iter().map(|(_, v)| *v))
        .collect();
    let seen = h.call("audit", &form).await;
    serde_json::from_str(&seen.body).unwrap_or_else(|_| panic!("{}", seen.body))
}

async fn sessions(h: &TestHearth) -> Vec<SessionInfo> {
    let seen = h.call("sessions", &[]).await;
    serde_json::from_str(&seen.body).unwrap_or_else(|_| panic!("{}", seen.body))
}

async fn create_key(
    h: &TestHearth,
    user: &str,
    profiles: &[&str],
    comment: &str,
) -> Result<NewKey, HearthError> {
    let mut form = vec![("user", user), ("comment", comment)];
    let names: Vec<String> = (0..profiles.len())
        .map(|i| format!("profiles[{i}]"))
        .collect();
    form.extend(
        names
            .iter()
            .map(String::as_str)
            .zip(profiles.iter().copied()),
    );
    let seen = h.call("create-key", &form).await;
    match seen.status {
        200 => Ok(serde_json::from_str(&seen.body).unwrap()),
        _ => Err(seen.error().unwrap_or_else(|| panic!("{}", seen.body))),
    }
}

const CAROL: [(&str, &str); 5] = [
    ("user", "carol"),
    ("password", "carol-password-1"),
    ("email", "carol@example.test"),
    ("package", "starter"),
    ("name", "Carol Jones"),
];

/// The root user's session, with the user carol added.
async fn admin_with_carol() -> TestHearth {
    let h = admin().await;
    assert_eq!(
        h.act(KindId::User, "add").fields(&CAROL).send().await,
        Ok(())
    );
    h
}

#[tokio::test]
async fn a_user_is_added_from_a_checked_form_with_the_password_in_a_file() {
    let h = admin().await;
    assert_eq!(keys(&h, KindId::User, "").await, ["admin", "alice", "bob"]);
    // Checked before sending: a bad name, a short password, a bad address.
    for (field, bad) in [
        ("user", "2carol"),
        ("password", "short"),
        ("email", "carol@"),
    ] {
        let mut form = CAROL.to_vec();
        form.iter_mut().find(|(n, _)| *n == field).unwrap().1 = bad;
        assert!(
            invalid(field)(&h.act(KindId::User, "add").fields(&form).send().await),
            "{field}"
        );
    }
    assert!(sent(&h, "v-add-user").is_empty());
    h.act(KindId::User, "add")
        .fields(&CAROL)
        .send()
        .await
        .unwrap();
    let args = &sent(&h, "v-add-user")[0];
    assert_eq!(args[0], "carol");
    assert!(
        args[1].starts_with("/tmp/hearth-"),
        "the password went through a file: {args:?}"
    );
    assert_eq!(&args[2..], ["carol@example.test", "starter", "Carol Jones"]);
    assert!(refused(ReturnCode::Exists)(
        &h.act(KindId::User, "add").fields(&CAROL).send().await
    ));
    let row = list(&h, KindId::User, "")
        .await
        .into_iter()
        .find(|e| e.key == "carol")
        .unwrap();
    assert_eq!(row.get("PACKAGE"), "starter");
    assert!(
        row.fields.get("RKEY").is_none(),
        "sensitive fields never leave the server"
    );
}

#[tokio::test]
async fn a_users_package_contact_shell_and_password_change_and_unknown_choices_are_refused() {
    let h = admin_with_carol().await;
    h.act(KindId::User, "package")
        .on("carol")
        .fields(&[("package", "default")])
        .send()
        .await
        .unwrap();
    h.act(KindId::User, "contact")
        .on("carol")
        .fields(&[("email", "cj@example.test")])
        .send()
        .await
        .unwrap();
    h.act(KindId::User, "shell")
        .on("carol")
        .fields(&[("shell", "bash")])
        .send()
        .await
        .unwrap();
    h.act(KindId::User, "password")
        .on("carol")
        .fields(&[("password", "another-password")])
        .send()
        .await
        .unwrap();
    // A package that does not exist and a shell that is not offered are refused before
    // Hestia is asked.
    assert!(invalid("package")(
        &h.act(KindId::User, "package")
            .on("carol")
            .fields(&[("package", "gold")])
            .send()
            .await
    ));
    assert_eq!(sent(&h, "v-change-user-package").len(), 1);
    assert!(invalid("shell")(
        &h.act(KindId::User, "shell")
            .on("carol")
            .fields(&[("shell", "fish")])
            .send()
            .await
    ));
    assert_eq!(sent(&h, "v-change-user-shell").len(), 1);
    let row = list(&h, KindId::User, "")
        .await
        .into_iter()
        .find(|e| e.key == "carol")
        .unwrap();
    assert_eq!(
        (row.get("PACKAGE"), row.get("CONTACT")),
        ("default", "cj@example.test")
    );
}

#[tokio::test]
async fn a_user_is_suspended_once_then_unsuspended() {
    let h = admin_with_carol().await;
    h.act(KindId::User, "suspend")
        .on("carol")
        .send()
        .await
        .unwrap();
    assert!(refused(ReturnCode::Suspended)(
        &h.act(KindId::User, "suspend").on("carol").send().await
    ));
    h.act(KindId::User, "unsuspend")
        .on("carol")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn the_root_user_is_never_suspended_or_deleted() {
    let h = admin().await;
    // The root user: neither suspended nor deleted, and nothing is sent.
    assert!(invalid("key")(
        &h.act(KindId::User, "suspend").on("admin").send().await
    ));
    assert!(invalid("key")(
        &h.act(KindId::User, "delete")
            .on("admin")
            .fields(&[("confirm", "admin")])
            .send()
            .await
    ));
    assert!(sent(&h, "v-delete-user").is_empty());
    assert!(sent(&h, "v-suspend-user").is_empty());
}

#[tokio::test]
async fn deleting_a_user_asks_for_the_name_and_ends_their_sessions() {
    let h = admin_with_carol().await;
    // Deleting asks for the name typed again, and ends the user's Hearth sessions.
    let key = create_key(&h, "carol", &["mail-accounts"], "carol mail")
        .await
        .unwrap();
    let carol_browser = h.another_browser();
    let pair = format!("{}:{}", key.id, key.secret);
    let login = carol_browser
        .call("login-key", &[("key", &pair), ("secret", "")])
        .await;
    assert_eq!(login.status, 200);
    assert!(invalid("confirm")(
        &h.act(KindId::User, "delete")
            .on("carol")
            .fields(&[("confirm", "carl")])
            .send()
            .await
    ));
    h.act(KindId::User, "delete")
        .on("carol")
        .fields(&[("confirm", "carol")])
        .send()
        .await
        .unwrap();
    assert_eq!(keys(&h, KindId::User, "").await, ["admin", "alice", "bob"]);
    assert!(sessions(&h).await.iter().all(|s| s.user != "carol"));
    assert!(expired(
        &carol_browser
            .call("objects", &[("kind", "MailDomain")])
            .await
    ));
    assert_eq!(
        sent(&h, "v-delete-user"),
        [["carol".to_owned(), String::new()]]
    );
}

/// A full package form.
const GOLD: [(&str, &str); 17] = [
    ("name", "gold"),
    ("WEB_DOMAINS", "5"),
    ("WEB_ALIASES", "5"),
    ("DNS_DOMAINS", "5"),
    ("DNS_RECORDS", "unlimited"),
    ("MAIL_DOMAINS", "5"),
    ("MAIL_ACCOUNTS", "50"),
    ("DATABASES", "5"),
    ("CRON_JOBS", "5"),
    ("DISK_QUOTA", "5120"),
    ("BANDWIDTH", "unlimited"),
    ("BACKUPS", "2"),
    ("NS", "ns1.example.test, ns2.example.test"),
    ("SHELL", "nologin"),
    ("WEB_TEMPLATE", "default"),
    ("PROXY_TEMPLATE", "default"),
    ("DNS_TEMPLATE", "default"),
];

#[tokio::test]
async fn packages_are_added_and_changed_through_a_package_file() {
    let h = admin().await;
    let mut bad = GOLD;
    bad[1].1 = "ten";
    assert!(invalid("WEB_DOMAINS")(
        &h.act(KindId::Package, "add").fields(&bad).send().await
    ));
    // Hestia reads the file with the shell: nothing can break out of a value.
    let mut crafted = GOLD;
    crafted[13].1 = "nologin'\nROLE='admin";
    assert!(invalid("SHELL")(
        &h.act(KindId::Package, "add").fields(&crafted).send().await
    ));
    let mut crafted = GOLD;
    crafted[14].1 = "default$(reboot)";
    assert!(invalid("WEB_TEMPLATE")(
        &h.act(KindId::Package, "add").fields(&crafted).send().await
    ));
    assert!(sent(&h, "v-add-user-package").is_empty());
    h.act(KindId::Package, "add")
        .fields(&GOLD)
        .send()
        .await
        .unwrap();
    let args = &sent(&h, "v-add-user-package")[0];
    assert!(
        args[0].starts_with("/tmp/hearth-") && args[1] == "gold",
        "{args:?}"
    );
    let (file, package) = h.sim.with_state(|s| {
        (
            s.tmp_files.get(&args[0]).cloned().unwrap(),
            s.packages["gold"].clone(),
        )
    });
    assert_eq!(file.trim(), "", "the definition file is emptied after use");
    assert_eq!(
        (
            package["WEB_DOMAINS"].as_str(),
            package["WEB_ALIASES"].as_str()
        ),
        ("5", "5")
    );
    assert_eq!(package["NS"], "ns1.example.test, ns2.example.test");
    assert!(refused(ReturnCode::Exists)(
        &h.act(KindId::Package, "add").fields(&GOLD).send().await
    ));
    let gold = list(&h, KindId::Package, "").await.remove(0);
    assert_eq!(
        (gold.key.as_str(), gold.get("DISK_QUOTA")),
        ("gold", "5120")
    );
    // Changing rewrites the package, and its users get the new limits.
    h.act(KindId::User, "package")
        .on("bob")
        .fields(&[("package", "gold")])
        .send()
        .await
        .unwrap();
    let mut more = GOLD[1..].to_vec();
    more[0].1 = "8";
    h.act(KindId::Package, "change")
        .on("gold")
        .fields(&more)
        .send()
        .await
        .unwrap();
    assert_eq!(sent(&h, "v-add-user-package")[2][1..], ["gold", "yes"]);
    let bob = list(&h, KindId::User, "")
        .await
        .into_iter()
        .find(|e| e.key == "bob")
        .unwrap();
    assert_eq!(
        bob.get("WEB_DOMAINS"),
        "8",
        "the users list shows used / limit"
    );
}

#[tokio::test]
async fn packages_are_copied_renamed_and_deleted_when_unused() {
    let h = admin().await;
    assert_eq!(
        keys(&h, KindId::Package, "").await,
        ["starter", "default", "system"]
    );
    h.act(KindId::Package, "copy")
        .on("default")
        .fields(&[("name", "gold")])
        .send()
        .await
        .unwrap();
    assert!(refused(ReturnCode::Exists)(
        &h.act(KindId::Package, "copy")
            .on("default")
            .fields(&[("name", "gold")])
            .send()
            .await
    ));
    assert!(invalid("name")(
        &h.act(KindId::Package, "copy")
            .on("default")
            .fields(&[("name", "go ld")])
            .send()
            .await
    ));
    h.act(KindId::Package, "rename")
        .on("gold")
        .fields(&[("name", "platinum")])
        .send()
        .await
        .unwrap();
    let packages = list(&h, KindId::Package, "").await;
    assert_eq!(packages[0].key, "platinum");
    assert_eq!(packages[0].get("WEB_DOMAINS"), "10");
    h.act(KindId::User, "package")
        .on("bob")
        .fields(&[("package", "platinum")])
        .send()
        .await
        .unwrap();
    assert!(refused(ReturnCode::InUse)(
        &h.act(KindId::Package, "delete").on("platinum").send().await
    ));
    h.act(KindId::User, "package")
        .on("bob")
        .fields(&[("package", "default")])
        .send()
        .await
        .unwrap();
    h.act(KindId::Package, "delete")
        .on("platinum")
        .send()
        .await
        .unwrap();
    assert!(refused(ReturnCode::Invalid)(
        &h.act(KindId::Package, "delete").on("system").send().await
    ));
}

#[tokio::test]
async fn a_key_is_shown_once_works_and_its_revocation_ends_its_sessions() {
    let h = admin().await;
    // Hestia's rules, checked by Hearth first: profiles that exist, user-role ones for users.
    assert!(
        matches!(create_key(&h, "alice", &["billing"], "mail app").await, Err(HearthError::Invalid { field, .. }) if field == "profiles")
    );
    assert!(
        matches!(create_key(&h, "alice", &[], "mail app").await, Err(HearthError::Invalid { field, .. }) if field == "profiles")
    );
    assert!(
        matches!(create_key(&h, "alice", &["mail-accounts"], "x").await, Err(HearthError::Invalid { field, .. }) if field == "comment")
    );
    assert!(sent(&h, "v-add-access-key").is_empty());
    let key = create_key(&h, "alice", &["mail-accounts"], "mail app")
        .await
        .unwrap();
    assert_eq!(
        (key.id.len(), key.secret.len(), key.user.as_str()),
        (20, 40, "alice")
    );
    assert_eq!(
        sent(&h, "v-add-access-key")[0],
        ["alice", "mail-accounts", "mail app", "json"]
    );

    // Listed with owner and profiles, never with a secret.
    let listed = list(&h, KindId::AccessKey, "").await;
    let row = listed.iter().find(|e| e.key == key.id).unwrap();
    assert_eq!(
        (row.get("USER"), row.get("PERMISSIONS")),
        ("alice", "mail-accounts")
    );
    assert!(
        listed.iter().any(|e| e.get("USER") == "admin"),
        "the root user sees every key"
    );

    // Alice logs in with it in another browser and gets Mail only.
    let browser = h.another_browser();
    assert_eq!(
        browser
            .call(
                "login-key",
                &[
                    ("key", &format!("{}:{}", key.id, key.secret)),
                    ("secret", "")
                ]
            )
            .await
            .status,
        200
    );
    assert_eq!(
        browser
            .call("objects", &[("kind", "MailDomain")])
            .await
            .status,
        200
    );
    assert!(matches!(
        browser
            .call("objects", &[("kind", "WebDomain")])
            .await
            .error(),
        Some(HearthError::NotAllowed { .. })
    ));
    assert!(browser
        .get("/keys")
        .await
        .body
        .contains("Your key does not allow this"));

    // Revoked by the admin: the session ends at its next request.
    h.act(KindId::AccessKey, "delete")
        .on(&key.id)
        .send()
        .await
        .unwrap();
    assert!(expired(
        &browser.call("objects", &[("kind", "MailDomain")]).await
    ));
    assert_eq!(
        browser.get("/mail").await.header("location"),
        Some("/login")
    );
    assert!(refused(ReturnCode::NotExist)(
        &h.act(KindId::AccessKey, "delete").on(&key.id).send().await
    ));

    // The audit log tells the story, from the browser's address, with no secret in it.
    let entries = audit(&h, &[]).await;
    let story: Vec<(&str, &str)> = entries
        .iter()
        .rev()
        .map(|e| (e.user.as_str(), e.command.as_str()))
        .collect();
    let expected = [
        ("admin", "hearth:login"),
        ("admin", "v-add-access-key"),
        ("alice", "hearth:login"),
        ("admin", "v-delete-access-key"),
    ];
    let mut it = story.iter();
    for step in expected {
        assert!(it.any(|s| *s == step), "{step:?} in order in {story:?}");
    }
    let login = entries.iter().find(|e| e.user == "alice").unwrap();
    assert_eq!(
        (login.ip.as_str(), login.key_id.as_deref()),
        ("127.0.0.1", Some(key.id.as_str()))
    );
    // Filters: by user, by command, failures only, by day; the CSV has the same selection.
    let alices = audit(&h, &[("user", "alice")]).await;
    assert!(!alices.is_empty() && alices.iter().all(|e| e.user == "alice"));
    let deletes = audit(&h, &[("command", "delete-access")]).await;
    let outcomes: Vec<&str> = deletes.iter().map(|e| e.outcome.as_str()).collect();
    assert_eq!(
        outcomes,
        ["refused by Hearth: not in the session's own listing", "ok"],
        "the second revocation was refused before Hestia"
    );
    assert!(matches!(
        create_key(&h, "ghost", &["mail-accounts"], "nobody").await,
        Err(HearthError::Refused {
            code: ReturnCode::NotExist,
            ..
        })
    ));
    let failed = audit(&h, &[("failed", "true")]).await;
    let failed: Vec<(Option<i64>, &str)> = failed
        .iter()
        .map(|e| (e.code, e.command.as_str()))
        .collect();
    assert_eq!(
        failed,
        [(Some(3), "v-add-access-key"), (None, "v-delete-access-key")]
    );
    assert!(audit(&h, &[("to", "2001-01-01")]).await.is_empty());
    let csv = h.get("/audit.csv?command=delete-access&failed=true").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert_eq!(
        csv.body.lines().count(),
        2,
        "a header and the entry: {}",
        csv.body
    );
    assert!(csv
        .body
        .lines()
        .skip(1)
        .all(|l| l.contains("v-delete-access-key")));
    let secret_answers = h
        .seen
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.body.contains(&key.secret))
        .count();
    assert_eq!(secret_answers, 1, "the secret is shown once");
}

#[tokio::test]
async fn users_manage_only_their_own_keys_when_their_key_allows_it() {
    let h = TestHearth::demo(|_| {}).await;
    h.sim.with_state(|s| {
        s.profiles.insert(
            "own-keys".into(),
            SimProfile {
                role: hestia::model::ProfileRole::User,
                commands: [
                    "v-list-access-keys",
                    "v-add-access-key",
                    "v-delete-access-key",
                    "v-list-apis",
                    "v-list-user",
                ]
                .map(String::from)
                .to_vec(),
            },
        );
        s.keys.insert(
            "AliceOwnKeys00000007".into(),
            SimKey {
                secret: "aliceOwnKeysSecret-000000000000000000007".into(),
                user: "alice".into(),
                permissions: vec!["own-keys".into()],
                comment: "keys".into(),
                date: "2025-05-02".into(),
                time: "10:00:00".into(),
            },
        );
    });
    let login = h
        .call(
            "login-key",
            &[
                ("key", "AliceOwnKeys00000007"),
                ("secret", "aliceOwnKeysSecret-000000000000000000007"),
            ],
        )
        .await;
    assert_eq!(login.status, 200, "{}", login.body);
    let own = list(&h, KindId::AccessKey, "").await;
    assert!(
        !own.is_empty() && own.iter().all(|e| e.get("USER") == "alice"),
        "{own:?}"
    );
    assert_eq!(sent(&h, "v-list-access-keys")[0], ["alice", "json"]);
    // Someone else's key is not in her listing: refused, nothing sent.
    assert!(refused(ReturnCode::NotExist)(
        &h.act(KindId::AccessKey, "delete")
            .on(demo::ADMIN_KEY.id)
            .send()
            .await
    ));
    assert!(sent(&h, "v-delete-access-key").is_empty());
    assert!(h
        .sim
        .with_state(|s| s.keys.contains_key(demo::ADMIN_KEY.id)));
    // The attempt is in her audit log, as refused by Hearth.
    let attempt = audit(&h, &[("failed", "true")]).await.remove(0);
    assert_eq!(
        (attempt.command.as_str(), attempt.code, attempt.args.clone()),
        (
            "v-delete-access-key",
            None,
            vec![demo::ADMIN_KEY.id.to_owned()]
        )
    );
    assert_eq!(
        attempt.outcome,
        "refused by Hearth: not in the session's own listing"
    );
    // The picker offers her no admin profile, even when asked about the root user's keys.
    let offered = h.call("key-profiles", &[("user", demo::ROOT_USER)]).await;
    assert_eq!(offered.status, 200, "{}", offered.body);
    assert!(!offered.body.contains("\"admin\":true"), "{}", offered.body);
    // Keys for herself only, and only user-role profiles.
    assert!(
        matches!(create_key(&h, "bob", &["mail-accounts"], "for bob").await, Err(HearthError::Invalid { field, .. }) if field == "user")
    );
    assert!(
        matches!(create_key(&h, "alice", &["billing"], "billing").await, Err(HearthError::Invalid { field, .. }) if field == "profiles")
    );
    let key = create_key(&h, "alice", &["mail-accounts"], "phone")
        .await
        .unwrap();
    h.act(KindId::AccessKey, "delete")
        .on(&key.id)
        .send()
        .await
        .unwrap();
    assert_eq!(sent(&h, "v-delete-access-key"), [[key.id.clone()]]);
    // Not the root user: no acting as others, no one else's sessions or audit entries.
    assert!(matches!(
        h.call("act-as", &[("user", "bob")]).await.error(),
        Some(HearthError::NotAllowed { .. })
    ));
    assert!(audit(&h, &[("user", "admin")])
        .await
        .iter()
        .all(|e| e.user == "alice"));
}

#[tokio::test]
async fn sessions_are_listed_and_ended_one_or_all_at_a_time() {
    let h = admin().await;
    let alice = h.another_browser();
    assert_eq!(alice.login_key(&demo::HOSTING_KEY).await.status, 200);
    let alice2 = h.another_browser();
    assert_eq!(alice2.login_key(&demo::MAIL_KEY).await.status, 200);
    let all = sessions(&h).await;
    assert_eq!(all.len(), 3);
    assert_eq!(all.iter().filter(|s| s.current).count(), 1);
    assert!(all
        .iter()
        .all(|s| s.ip == "127.0.0.1" && !s.handle.is_empty()));
    let own = sessions(&alice).await;
    assert_eq!(own.len(), 2, "alice sees her own sessions only");
    // Alice cannot end the admin's session.
    let admin_handle = all
        .iter()
        .find(|s| s.user == "admin")
        .unwrap()
        .handle
        .clone();
    let ended = alice
        .call("end-sessions", &[("handle", &admin_handle)])
        .await;
    assert_eq!(ended.body, "0");
    assert_eq!(sessions(&h).await.len(), 3);
    // The admin ends one of alice's sessions, then all of them.
    let mail = all
        .iter()
        .find(|s| s.key_id.as_deref() == Some(demo::MAIL_KEY.id))
        .unwrap();
    assert_eq!(
        h.call("end-sessions", &[("handle", &mail.handle)])
            .await
            .body,
        "1"
    );
    assert!(expired(
        &alice2.call("objects", &[("kind", "MailDomain")]).await
    ));
    assert_eq!(
        alice.call("objects", &[("kind", "WebDomain")]).await.status,
        200
    );
    assert_eq!(h.call("end-sessions", &[("user", "alice")]).await.body, "1");
    assert!(expired(
        &alice.call("objects", &[("kind", "WebDomain")]).await
    ));
    assert_eq!(sessions(&h).await.len(), 1);
    // Logging out ends the session in the list too.
    h.call("logout", &[]).await;
    let h2 = h.another_browser();
    h2.login_key(&demo::ADMIN_KEY).await;
    assert_eq!(sessions(&h2).await.len(), 1);
}

#[tokio::test]
async fn the_root_user_acts_as_a_user_under_their_name() {
    let h = admin().await;
    assert!(invalid("user")(
        &match h.call("act-as", &[("user", "nobody")]).await.error() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    ));
    assert!(h.call("act-as", &[("user", "alice")]).await.status < 400);
    let domains = keys(&h, KindId::WebDomain, "").await;
    assert!(domains.contains(&"example.test".to_owned()), "{domains:?}");
    assert_eq!(sent(&h, "v-list-web-domains").last().unwrap()[0], "alice");
    // Administration is out of reach while acting.
    assert!(h
        .get("/users")
        .await
        .body
        .contains("Your key does not allow this"));
    h.act(KindId::WebDomain, "add")
        .fields(&[
            ("domain", "acted.example.test"),
            ("ip", ""),
            ("aliases", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent(&h, "v-add-web-domain").last().unwrap()[0], "alice");
    let page = h.get("/").await;
    assert!(page.body.contains("acting-banner"));
    let entry = audit(&h, &[("command", "v-add-web-domain")])
        .await
        .remove(0);
    assert_eq!(
        (entry.user.as_str(), entry.acting_as.as_deref()),
        ("admin", Some("alice"))
    );
    assert!(h.call("act-as", &[("user", "")]).await.status < 400);
    assert_eq!(
        keys(&h, KindId::WebDomain, "").await,
        ["panel.example.test"]
    );
    assert!(!h.get("/").await.body.contains("acting-banner"));
}

#[tokio::test]
async fn the_server_page_explains_the_api_settings_and_restarts_services() {
    let h = admin().await;
    let page = h.get("/server").await;
    assert_eq!(page.status, 200);
    for text in [
        "hestia.example.test",
        "API_SYSTEM",
        "127.0.0.1,::1",
        "nginx",
        "hearth-service",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    let overview = h.call("server-overview", &[]).await;
    assert!(overview.body.contains("every user"));
    for seen in h.seen.lock().unwrap().iter() {
        assert!(
            !seen.body.contains(demo::SMTP_PASSWORD),
            "SMTP password leaked"
        );
    }
    h.act(KindId::Service, "restart")
        .on("nginx")
        .send()
        .await
        .unwrap();
    assert_eq!(sent(&h, "v-restart-service"), [["nginx".to_owned()]]);
    assert!(refused(ReturnCode::NotExist)(
        &h.act(KindId::Service, "restart").on("nope").send().await
    ));
    let report = h.call("check-service-key", &[]).await;
    assert!(
        report.body.contains("HearthServiceKey0005"),
        "{}",
        report.body
    );
    assert!(!report.body.contains("false"), "{}", report.body);
    // Users see none of it.
    let alice = h.another_browser();
    alice.login_key(&demo::HOSTING_KEY).await;
    assert!(alice
        .get("/server")
        .await
        .body
        .contains("Your key does not allow this"));
    assert!(matches!(
        alice.call("check-service-key", &[]).await.error(),
        Some(HearthError::NotAllowed { .. })
    ));
}

#[tokio::test]
async fn an_empty_api_system_reads_as_keys_switched_off() {
    let h = TestHearth::demo(|_| {}).await;
    h.sim.with_state(|s| s.config.api_system = String::new());
    // Keys (the service key's too) are off: the legacy key still logs in.
    let login = h
        .call("login-legacy-key", &[("key", demo::LEGACY_KEY)])
        .await;
    assert_eq!(login.status, 200, "{}", login.body);
    let overview = h.call("server-overview", &[]).await;
    assert!(overview.body.contains("switched off"), "{}", overview.body);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_browsers_address_is_recorded() {
    let login = [
        ("key", demo::ADMIN_KEY.id),
        ("secret", demo::ADMIN_KEY.secret),
    ];
    // Hearth behind a proxy on 127.0.0.1: the right-most address the proxy did not add itself.
    let h = TestHearth::demo(|c| c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    let seen = h
        .call_forwarded("203.0.113.9, 198.51.100.7", "login-key", &login)
        .await;
    assert_eq!(seen.status, 200);
    assert_eq!(sessions(&h).await[0].ip, "198.51.100.7");
    h.act(KindId::Service, "restart")
        .on("cron")
        .send()
        .await
        .unwrap();
    let entries = audit(&h, &[("command", "v-restart-service")]).await;
    assert_eq!(
        entries[0].ip, "127.0.0.1",
        "a request without the header is the proxy's own"
    );
    // Without a trusted proxy the header is the browser's claim, and ignored.
    let h = TestHearth::demo(|_| {}).await;
    h.call_forwarded("198.51.100.7", "login-key", &login).await;
    assert_eq!(sessions(&h).await[0].ip, "127.0.0.1");
}
