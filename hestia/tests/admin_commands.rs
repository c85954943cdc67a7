//! The simulator's administration commands over HTTP, with Hestia's rules: access keys
//! (§3.5's `*`, admin profiles, comments), users and packages (§5.1), services (§5.8).

#![allow(clippy::unwrap_used)]

use hestia::simulator::{demo, Simulator};
use hestia::{cmd, ClientBuilder, Credentials, UserName};

/// Runs `command` with the admin key: (exit code, body).
async fn admin(sim: &Simulator, command: &str, args: &[&str]) -> (u16, String) {
    let mut form = vec![
        ("access_key".to_owned(), demo::ADMIN_KEY.id.to_owned()),
        ("secret_key".to_owned(), demo::ADMIN_KEY.secret.to_owned()),
        ("cmd".to_owned(), command.to_owned()),
        ("returncode".to_owned(), "no".to_owned()),
    ];
    for (i, a) in args.iter().enumerate() {
        form.push((format!("arg{}", i + 1), (*a).to_owned()));
    }
    let res = reqwest::Client::new()
        .post(format!("{}/api/", sim.url()))
        .form(&form)
        .send()
        .await
        .unwrap();
    let code = res
        .headers()
        .get("Hestia-Exit-Code")
        .map_or(0, |v| v.to_str().unwrap().parse().unwrap());
    (code, res.text().await.unwrap())
}

#[tokio::test]
async fn access_keys_follow_the_star_and_role_rules() {
    let sim = Simulator::start().await.unwrap();
    // `*` alone for the root user: an unrestricted key (empty list).
    let (code, body) = admin(
        &sim,
        "v-add-access-key",
        &["admin", "*", "all of it", "json"],
    )
    .await;
    assert_eq!(code, 0, "{body}");
    let key: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(key["PERMISSIONS"], serde_json::json!([]));
    assert_eq!(key["SECRET_ACCESS_KEY"].as_str().unwrap().len(), 40);
    // `*` for anyone else: a permission list is required.
    let (code, body) = admin(&sim, "v-add-access-key", &["alice", "*", "x1", "json"]).await;
    assert_eq!(
        (code, body.as_str()),
        (2, "Error: Non-admin users need a permission list")
    );
    // Admin profiles only for the root user; unknown profiles do not exist.
    let (code, body) = admin(
        &sim,
        "v-add-access-key",
        &["alice", "billing", "x1", "json"],
    )
    .await;
    assert_eq!(
        (code, body.as_str()),
        (2, "Error: Only the admin can run this API")
    );
    let (code, body) = admin(&sim, "v-add-access-key", &["alice", "nope", "x1", "json"]).await;
    assert_eq!((code, body.as_str()), (3, "Error: API nope doesn't exist"));
    let (code, _) = admin(&sim, "v-add-access-key", &["ghost", "mail-accounts", "x1"]).await;
    assert_eq!(code, 3);
    let (code, _) = admin(
        &sim,
        "v-add-access-key",
        &["alice", "mail-accounts", "bad!", "json"],
    )
    .await;
    assert_eq!(code, 2);
    // `*` with profiles keeps only the profiles, duplicates and paths dropped; plain prints ID:SECRET.
    let (code, pair) = admin(
        &sim,
        "v-add-access-key",
        &[
            "alice",
            "*, mail-accounts,/x/mail-accounts",
            "phone",
            "plain",
        ],
    )
    .await;
    assert_eq!(code, 0);
    let creds = Credentials::parse_key_pair(pair.trim()).unwrap();
    let id = creds.key_id().unwrap().clone();
    let key = ClientBuilder::new(sim.url())
        .build()
        .unwrap()
        .run(
            &Credentials::parse_key_pair(&demo::ADMIN_KEY.pair()).unwrap(),
            &cmd::ListAccessKey { id: id.clone() },
        )
        .await
        .unwrap();
    assert_eq!(
        (key.key.user.as_str(), key.key.permissions.clone()),
        ("alice", vec!["mail-accounts".to_owned()])
    );
    // The new key works for its profile, and not after it is deleted (no ownership check, §3.6).
    let client = ClientBuilder::new(sim.url()).build().unwrap();
    let alice = UserName::new("alice").unwrap();
    let mail = cmd::Call {
        spec: &cmd::LIST_MAIL_DOMAINS,
        args: hestia::protocol::Args::new().arg("alice").arg("json"),
        user: Some(alice),
    };
    assert!(client.call(&creds, mail.spec, &mail.args).await.is_ok());
    assert_eq!(
        admin(&sim, "v-delete-access-key", &[id.as_str()]).await.0,
        0
    );
    assert!(client.call(&creds, mail.spec, &mail.args).await.is_err());
}

#[tokio::test]
async fn users_and_packages_keep_hestias_rules() {
    let sim = Simulator::start().await.unwrap();
    let add = |name: &'static str, package: &'static str| {
        ["", "pw-12345678", "x@example.test", package, "X"]
            .map(|a| if a.is_empty() { name } else { a })
    };
    assert_eq!(
        admin(&sim, "v-add-user", &add("carol", "starter")).await.0,
        0
    );
    assert_eq!(
        admin(&sim, "v-add-user", &add("carol", "starter")).await,
        (4, "Error: user carol exists".to_owned())
    );
    assert_eq!(
        admin(&sim, "v-add-user", &add("2carol", "starter")).await.0,
        2
    );
    assert_eq!(
        admin(&sim, "v-add-user", &add("mysql", "starter")).await.0,
        2
    );
    assert_eq!(
        admin(&sim, "v-add-user", &add("dave", "gold")).await,
        (3, "Error: package gold doesn't exist".to_owned())
    );
    assert_eq!(admin(&sim, "v-add-user", &["erin"]).await.0, 1);
    let users = admin(&sim, "v-list-users", &["json"]).await.1;
    let carol = &serde_json::from_str::<serde_json::Value>(&users).unwrap()["carol"];
    assert_eq!(
        (carol["PACKAGE"].as_str(), carol["WEB_DOMAINS"].as_str()),
        (Some("starter"), Some("3"))
    );
    // Package changes carry the limits over; a package in use stays.
    assert_eq!(
        admin(&sim, "v-change-user-package", &["carol", "default"])
            .await
            .0,
        0
    );
    assert_eq!(
        admin(&sim, "v-copy-user-package", &["default", "gold"])
            .await
            .0,
        0
    );
    assert_eq!(
        admin(&sim, "v-change-user-package", &["carol", "gold"])
            .await
            .0,
        0
    );
    assert_eq!(admin(&sim, "v-delete-user-package", &["gold"]).await.0, 7);
    assert_eq!(
        admin(&sim, "v-rename-user-package", &["gold", "platinum"])
            .await
            .0,
        0
    );
    let users = admin(&sim, "v-list-users", &["json"]).await.1;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&users).unwrap()["carol"]["PACKAGE"],
        "platinum"
    );
    assert_eq!(
        admin(&sim, "v-change-user-shell", &["carol", "fish"])
            .await
            .0,
        2
    );
    assert_eq!(
        admin(&sim, "v-change-user-contact", &["carol", "nope"])
            .await
            .0,
        2
    );
    // The root user is never suspended (exit 0, nothing done) nor deleted.
    assert_eq!(admin(&sim, "v-suspend-user", &["admin"]).await.0, 0);
    assert!(admin(&sim, "v-list-user", &["admin", "json"])
        .await
        .1
        .contains("\"SUSPENDED\": \"no\""));
    assert_eq!(admin(&sim, "v-delete-user", &["admin"]).await.0, 2);
    // Deleting a user leaves their keys (PROTOCOL.md §7.4): listed, and deleted one by one.
    let (code, made) = admin(
        &sim,
        "v-add-access-key",
        &["carol", "mail-accounts", "c1", "json"],
    )
    .await;
    assert_eq!(code, 0);
    let id = serde_json::from_str::<serde_json::Value>(&made).unwrap()["ACCESS_KEY_ID"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(admin(&sim, "v-delete-user", &["carol"]).await.0, 0);
    assert!(admin(&sim, "v-list-access-keys", &["carol", "json"])
        .await
        .1
        .contains(&id));
    assert_eq!(admin(&sim, "v-delete-access-key", &[&id]).await.0, 0);
    assert_eq!(admin(&sim, "v-delete-access-key", &[&id]).await.0, 3);
    // Services restart; unknown ones do not exist.
    assert_eq!(admin(&sim, "v-restart-service", &["nginx"]).await.0, 0);
    assert_eq!(admin(&sim, "v-restart-service", &["nope"]).await.0, 3);
    // The configuration has the SMTP password (Hearth must not forward it).
    assert!(admin(&sim, "v-list-sys-config", &["json"])
        .await
        .1
        .contains(demo::SMTP_PASSWORD));
}
