//! Every refusal of PROTOCOL.md §1.6 and every `v-check-access-key` message, sent over HTTP to
//! the simulator and decoded by the real client code.

#![allow(clippy::unwrap_used, clippy::type_complexity)]

use hestia::error::CredentialProblem as P;
use hestia::protocol::{self, RawReply};
use hestia::simulator::{demo, Fault, Simulator};
use hestia::{
    cmd, Client, ClientBuilder, Credentials, Error, Refusal, ReturnCode, Secret, UserName,
};

fn client(sim: &Simulator) -> Client {
    ClientBuilder::new(sim.url()).build().unwrap()
}

fn key(k: &demo::DemoKey) -> Credentials {
    Credentials::parse_key_pair(&k.pair()).unwrap()
}

fn alice() -> UserName {
    UserName::new(demo::DEMO_USER).unwrap()
}

/// Posts raw form fields (for requests the typed client cannot even express).
async fn post(sim: &Simulator, fields: &[(&str, &str)]) -> RawReply {
    let res = reqwest::Client::new()
        .post(format!("{}/api/", sim.url()))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let exit_code = res
        .headers()
        .get("Hestia-Exit-Code")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    RawReply {
        status,
        exit_code,
        body: res.text().await.unwrap(),
    }
}

fn refusal(result: Result<impl std::fmt::Debug, Error>) -> (Refusal, u16) {
    let err = result.unwrap_err();
    let (r, c) = err
        .refusal()
        .unwrap_or_else(|| panic!("not a refusal: {err:?}"));
    (r, c.number())
}

#[tokio::test]
async fn successful_calls_in_every_mode() {
    let sim = Simulator::start().await.unwrap();
    let c = client(&sim);
    let list = cmd::ListWebDomains { user: alice() };
    for creds in [
        key(&demo::USER_KEY),
        key(&demo::ADMIN_KEY),
        Credentials::Password {
            user: UserName::new(demo::ROOT_USER).unwrap(),
            password: Secret::new(demo::ROOT_PASSWORD),
        },
        Credentials::LegacyKey(Secret::new(demo::LEGACY_KEY)),
    ] {
        let domains = c
            .run(&creds, &list)
            .await
            .unwrap_or_else(|e| panic!("{creds:?}: {e:?}"));
        assert!(
            domains.iter().any(|d| d.domain == "example.test"),
            "{creds:?}"
        );
    }
    // 204 for an action without output, in key mode; "OK"/returncode in legacy mode.
    let purge = cmd::PurgeNginxCache {
        user: alice(),
        domain: hestia::DomainName::new("example.test").unwrap(),
    };
    c.run(&key(&demo::NARROW_KEY), &purge).await.unwrap();
    c.run(
        &Credentials::LegacyKey(Secret::new(demo::LEGACY_KEY)),
        &purge,
    )
    .await
    .unwrap();
    assert_eq!(sim.failed_logins("127.0.0.1".parse().unwrap()), 0);
}

#[tokio::test]
async fn hash_field_with_key_pair_is_key_mode() {
    let sim = Simulator::start().await.unwrap();
    let pair = demo::USER_KEY.pair();
    let r = post(
        &sim,
        &[
            ("hash", &pair),
            ("cmd", "v-list-web-domains"),
            ("arg1", "alice"),
            ("arg2", "json"),
        ],
    )
    .await;
    assert_eq!((r.status, r.exit_code), (200, Some(0)));
}

#[tokio::test]
async fn endpoint_refusals_rows_1_to_9() {
    let sim = Simulator::start().await.unwrap();
    let c = client(&sim);
    let web = cmd::ListWebDomains { user: alice() };
    let id = demo::USER_KEY.id;

    // Row 1: nothing usable.
    let r = post(&sim, &[("cmd", "v-list-users")]).await;
    assert_eq!((r.status, r.exit_code), (405, Some(405)));
    assert!(r
        .body
        .starts_with("Error: data received is null or invalid"));
    assert_eq!(
        refusal(protocol::decode("x", true, false, r)),
        (Refusal::UnreadableRequest, 405)
    );

    // Row 4 and 5: command empty or malformed.
    let pair = [("access_key", id), ("secret_key", demo::USER_KEY.secret)];
    let r = post(&sim, &[pair[0], pair[1], ("cmd", "")]).await;
    assert_eq!(
        (r.status, r.body.as_str()),
        (422, "Error: Command not provided")
    );
    assert_eq!(
        refusal(protocol::decode("", true, false, r)),
        (Refusal::InvalidCommand, 2)
    );
    let r = post(&sim, &[pair[0], pair[1], ("cmd", "v-list;id")]).await;
    assert_eq!(r.body, "Error: v-list;id command invalid");
    assert_eq!(
        refusal(protocol::decode("v-list;id", true, false, r)),
        (Refusal::InvalidCommand, 2)
    );

    // Row 6: empty key or secret.
    let r = post(
        &sim,
        &[
            ("access_key", id),
            ("secret_key", ""),
            ("cmd", "v-list-user"),
        ],
    )
    .await;
    assert_eq!(
        (r.status, r.body.as_str()),
        (401, "Error: Authentication failed")
    );
    assert_eq!(
        refusal(protocol::decode("v", true, false, r)),
        (Refusal::BadCredentials(P::Missing), 9)
    );

    // Row 9: the USER argument must be the key's owner.
    let bob = cmd::ListWebDomains {
        user: UserName::new("bob").unwrap(),
    };
    let e = c.run(&key(&demo::USER_KEY), &bob).await;
    assert_eq!(refusal(e), (Refusal::UserArgumentMismatch, 10));
    let r = post(
        &sim,
        &[
            pair[0],
            pair[1],
            ("cmd", "v-list-web-domains"),
            ("arg1", "bob"),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        format!("Error: Key {id} - the \"user\" argument doesn\\'t match the key\\'s user")
    );

    // Row 8: user keys need API_SYSTEM=2.
    sim.with_state(|s| s.config.api_system = "1".into());
    assert_eq!(
        refusal(c.run(&key(&demo::USER_KEY), &web).await),
        (Refusal::UserKeysDisabled, 21)
    );
    assert!(
        c.run(&key(&demo::ADMIN_KEY), &web).await.is_ok(),
        "root keys still work"
    );

    // Row 2: key mode off.
    sim.with_state(|s| s.config.api_system = "0".into());
    assert_eq!(
        refusal(c.run(&key(&demo::ADMIN_KEY), &web).await),
        (Refusal::KeyApiDisabled, 11)
    );
    let r = post(
        &sim,
        &[
            pair[0],
            pair[1],
            ("cmd", "v-list-users"),
            ("returncode", "yes"),
        ],
    )
    .await;
    assert_eq!(
        (r.status, r.exit_code, r.body.as_str()),
        (400, Some(11), "11"),
        "returncode=yes sends only the code"
    );
    sim.with_state(|s| s.config.api_system = "2".into());

    // Row 3: address not allowed (checked before the key).
    sim.with_state(|s| s.config.api_allowed_ip = "192.0.2.1".into());
    assert_eq!(
        refusal(c.run(&key(&demo::ADMIN_KEY), &web).await),
        (Refusal::IpNotAllowed, 10)
    );
    sim.with_state(|s| s.config.api_allowed_ip = "0.0.0.0".into());
    assert!(
        c.run(&key(&demo::ADMIN_KEY), &web).await.is_ok(),
        "0.0.0.0 allows everyone in key mode"
    );
    let legacy = Credentials::LegacyKey(Secret::new(demo::LEGACY_KEY));
    assert_eq!(
        refusal(c.run(&legacy, &web).await),
        (Refusal::IpNotAllowed, 10),
        "…but not in legacy mode"
    );
    sim.with_state(|s| s.config.api_allowed_ip = "allow-all".into());
    assert!(c.run(&legacy, &web).await.is_ok());

    // None of the above wrote a `failed to login` line.
    assert_eq!(sim.failed_logins("127.0.0.1".parse().unwrap()), 0);
}

#[tokio::test]
async fn every_v_check_access_key_message() {
    let sim = Simulator::start().await.unwrap();
    let web = cmd::ListWebDomains { user: alice() };
    let id = demo::USER_KEY.id;
    let secret = demo::USER_KEY.secret;

    let cases: Vec<(Vec<(&str, String)>, Refusal, u16, String)> = vec![
        (
            vec![
                ("access_key", "short".into()),
                ("secret_key", secret.into()),
            ],
            Refusal::BadCredentials(P::MalformedKeyId),
            9,
            "Error: invalid access_key_id format :: short".into(),
        ),
        (
            vec![
                ("access_key", "NoSuchKey00000000000".into()),
                ("secret_key", secret.into()),
            ],
            Refusal::BadCredentials(P::UnknownKey),
            9,
            "Error: key NoSuchKey00000000000 doesn't exist".into(),
        ),
        (
            vec![("access_key", id.into()), ("secret_key", "short".into())],
            Refusal::BadCredentials(P::MalformedSecret),
            9,
            "Error: invalid secret_access_key format".into(),
        ),
        (
            vec![("access_key", id.into()), ("secret_key", "x".repeat(40))],
            Refusal::BadCredentials(P::WrongSecret),
            9,
            format!("Error: Invalid secret key for key {id}"),
        ),
    ];
    for (fields, want, code, body) in cases {
        let mut form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        form.extend([
            ("cmd", "v-list-web-domains"),
            ("arg1", "alice"),
            ("arg2", "json"),
        ]);
        let r = post(&sim, &form).await;
        assert_eq!(
            (r.status, r.exit_code, r.body.as_str()),
            (401, Some(code), body.as_str())
        );
        assert_eq!(
            refusal(protocol::decode("v-list-web-domains", true, false, r)),
            (want, code)
        );
    }

    assert_eq!(
        sim.failed_logins("127.0.0.1".parse().unwrap()),
        4,
        "each one is a `failed to login` line"
    );

    // Permission refusals count too (a fresh server: a fifth strike would ban us).
    let sim = Simulator::start().await.unwrap();
    let c = client(&sim);
    let narrow = key(&demo::NARROW_KEY);
    let unknown = cmd::Spec {
        name: "v-no-such-command",
        class: hestia::CommandClass::Read,
        usage: "USER",
    };
    let e = c
        .call(
            &narrow,
            &unknown,
            &hestia::protocol::Args::new().arg("alice"),
        )
        .await;
    assert_eq!(refusal(e), (Refusal::CommandNotFound, 10));
    let e = c.run(&narrow, &cmd::ListUser { user: alice() }).await;
    assert_eq!(refusal(e), (Refusal::NotPermitted, 10));
    assert_eq!(sim.failed_logins("127.0.0.1".parse().unwrap()), 2);

    // Owner suspended, then removed.
    let sim = Simulator::start().await.unwrap();
    let c = client(&sim);
    sim.with_state(|s| {
        s.users["alice"]
            .record
            .insert("SUSPENDED".into(), "yes".into())
    });
    assert_eq!(
        refusal(c.run(&key(&demo::USER_KEY), &web).await),
        (Refusal::OwnerSuspended, 9)
    );
    sim.with_state(|s| s.users.shift_remove("alice"));
    assert_eq!(
        refusal(c.run(&key(&demo::USER_KEY), &web).await),
        (Refusal::OwnerMissing, 9)
    );

    // Demo mode.
    sim.with_state(|s| s.config.demo_mode = true);
    assert_eq!(
        refusal(c.run(&key(&demo::ADMIN_KEY), &web).await),
        (Refusal::DemoMode, 1)
    );
}

#[tokio::test]
async fn legacy_mode_refusals_rows_10_to_17() {
    let sim = Simulator::start().await.unwrap();
    let c = client(&sim);
    let web = cmd::ListWebDomains { user: alice() };
    let root = UserName::new(demo::ROOT_USER).unwrap();
    let bad_password = Credentials::Password {
        user: root.clone(),
        password: Secret::new("wrong"),
    };
    assert_eq!(
        refusal(c.run(&bad_password, &web).await),
        (Refusal::BadCredentials(P::Rejected), 9)
    );
    let not_root = Credentials::Password {
        user: alice(),
        password: Secret::new("alice-password"),
    };
    assert_eq!(
        refusal(c.run(&not_root, &web).await),
        (Refusal::BadCredentials(P::Rejected), 10)
    );
    let unknown_key = Credentials::LegacyKey(Secret::new("x".repeat(32)));
    assert_eq!(
        refusal(c.run(&unknown_key, &web).await),
        (Refusal::BadCredentials(P::Rejected), 9)
    );
    let r = post(&sim, &[("user", "admin"), ("cmd", "v-list-users")]).await;
    assert_eq!(
        (r.status, r.exit_code, r.body.as_str()),
        (401, Some(9), "Error: authentication failed"),
        "row 13"
    );
    let r = post(&sim, &[("hash", demo::LEGACY_KEY), ("cmd", "")]).await;
    assert_eq!(
        (r.status, r.body.as_str()),
        (422, "Error: Command not provided"),
        "row 16"
    );
    let r = post(&sim, &[("hash", demo::LEGACY_KEY), ("cmd", "v-x y")]).await;
    assert_eq!(
        (r.status, r.body.as_str()),
        (422, "Error: v-x y command invalid"),
        "row 17"
    );

    sim.with_state(|s| s.config.api = "no".into());
    let legacy = Credentials::LegacyKey(Secret::new(demo::LEGACY_KEY));
    assert_eq!(
        refusal(c.run(&legacy, &web).await),
        (Refusal::LegacyApiDisabled, 11)
    );
    let r = post(&sim, &[("hash", demo::LEGACY_KEY), ("cmd", "v-list-users")]).await;
    assert_eq!(
        (r.status, r.body.as_str()),
        (400, "Error: API has been disabledError: API Disabled"),
        "row 10"
    );

    // A legacy command failure: the exit code through returncode=yes, the text otherwise.
    sim.with_state(|s| s.config.api = "yes".into());
    let missing = cmd::PurgeNginxCache {
        user: alice(),
        domain: hestia::DomainName::new("nope.test").unwrap(),
    };
    assert_eq!(
        refusal(c.run(&legacy, &missing).await),
        (Refusal::CommandFailed, 3)
    );
    let e = c
        .run(
            &legacy,
            &cmd::ListWebDomain {
                user: alice(),
                domain: hestia::DomainName::new("nope.test").unwrap(),
            },
        )
        .await;
    assert_eq!(refusal(e), (Refusal::CommandFailed, 3));
}

#[tokio::test]
async fn fail2ban_bans_after_five_failed_logins() {
    let sim = Simulator::start().await.unwrap();
    let c = client(&sim);
    let web = cmd::ListWebDomains { user: alice() };
    let wrong =
        Credentials::parse_key_pair(&format!("{}:{}", demo::USER_KEY.id, "y".repeat(40))).unwrap();
    for _ in 0..4 {
        assert!(c.run(&wrong, &web).await.unwrap_err().is_failed_login());
    }
    assert!(
        c.run(&key(&demo::USER_KEY), &web).await.is_ok(),
        "four strikes: still let in"
    );
    let _ = c.run(&wrong, &web).await;
    let fresh = client(&sim);
    let e = fresh.run(&key(&demo::USER_KEY), &web).await.unwrap_err();
    assert!(
        matches!(e, Error::Unreachable { .. }),
        "banned: the connection is dropped, got {e:?}"
    );
}

#[tokio::test]
async fn faults_become_clear_errors() {
    let sim = Simulator::start().await.unwrap();
    let c = client(&sim);
    let web = cmd::ListWebDomains { user: alice() };
    let k = key(&demo::USER_KEY);

    sim.set_fault(Fault::MalformedJson);
    let e = c.run(&k, &web).await.unwrap_err();
    assert!(
        matches!(e, Error::Decode { ref command, .. } if command == "v-list-web-domains"),
        "{e:?}"
    );

    sim.set_fault(Fault::BadGateway);
    assert!(matches!(
        c.run(&k, &web).await.unwrap_err(),
        Error::Http { status: 502, .. }
    ));

    sim.set_fault(Fault::Down);
    assert!(matches!(
        ClientBuilder::new(sim.url())
            .build()
            .unwrap()
            .run(&k, &web)
            .await
            .unwrap_err(),
        Error::Unreachable { .. }
    ));

    sim.set_fault(Fault::None);
    sim.set_latency(std::time::Duration::from_millis(400));
    let slow = ClientBuilder::new(sim.url())
        .read_timeout(std::time::Duration::from_millis(100))
        .build()
        .unwrap();
    assert!(matches!(
        slow.run(&k, &web).await.unwrap_err(),
        Error::Timeout { .. }
    ));

    let nowhere = ClientBuilder::new("http://127.0.0.1:9").build().unwrap();
    assert!(matches!(
        nowhere.run(&k, &web).await.unwrap_err(),
        Error::Unreachable { .. }
    ));
}

#[tokio::test]
async fn empty_collections_and_return_codes() {
    let sim = Simulator::start().await.unwrap();
    let c = client(&sim);
    let bob = cmd::ListWebDomains {
        user: UserName::new("bob").unwrap(),
    };
    assert!(c
        .run(&key(&demo::ADMIN_KEY), &bob)
        .await
        .unwrap()
        .is_empty());
    let ghost = cmd::ListUser {
        user: UserName::new("ghost").unwrap(),
    };
    let e = c.run(&key(&demo::ADMIN_KEY), &ghost).await.unwrap_err();
    assert_eq!(
        e.refusal(),
        Some((Refusal::CommandFailed, ReturnCode::NotExist))
    );
}

#[tokio::test]
async fn concurrent_calls_are_bounded_and_all_answered() {
    let sim = Simulator::start().await.unwrap();
    sim.set_latency(std::time::Duration::from_millis(50));
    let c = ClientBuilder::new(sim.url())
        .max_concurrent(2)
        .build()
        .unwrap();
    let k = key(&demo::USER_KEY);
    let web = cmd::ListWebDomains { user: alice() };
    let started = std::time::Instant::now();
    let calls = (0..6).map(|_| c.run(&k, &web));
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok));
    // Six calls of 50 ms, two at a time: at least three rounds.
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(150),
        "{:?}",
        started.elapsed()
    );
}

mod resolver {
    use super::*;
    use hestia::resolver::{KeyCheckError, KeyResolver};
    use hestia::{AccessKeyId, Allowed};

    fn resolver(sim: &Simulator) -> KeyResolver {
        KeyResolver::new(
            client(sim),
            key(&demo::SERVICE_KEY),
            UserName::new(demo::ROOT_USER).unwrap(),
        )
    }

    fn id(k: &demo::DemoKey) -> AccessKeyId {
        AccessKeyId::new(k.id).unwrap()
    }

    #[tokio::test]
    async fn resolves_owner_and_commands_without_probing() {
        let sim = Simulator::start().await.unwrap();
        let r = resolver(&sim);
        let narrow = r
            .check(
                &id(&demo::NARROW_KEY),
                &Secret::new(demo::NARROW_KEY.secret),
            )
            .await
            .unwrap();
        assert_eq!(narrow.owner.as_str(), "alice");
        assert!(
            narrow.allowed.allows("v-list-web-domains") && !narrow.allowed.allows("v-list-user")
        );
        let admin = r
            .check(&id(&demo::ADMIN_KEY), &Secret::new(demo::ADMIN_KEY.secret))
            .await
            .unwrap();
        assert_eq!(admin.allowed, Allowed::Everything);

        let wrong = r
            .check(&id(&demo::NARROW_KEY), &Secret::new("z".repeat(40)))
            .await;
        assert!(matches!(wrong, Err(KeyCheckError::WrongSecret)));
        let unknown = r
            .check(
                &AccessKeyId::new("NoSuchKey00000000000").unwrap(),
                &Secret::new("z".repeat(40)),
            )
            .await;
        assert!(matches!(unknown, Err(KeyCheckError::UnknownKey)));

        sim.with_state(|s| {
            s.users["alice"]
                .record
                .insert("SUSPENDED".into(), "yes".into())
        });
        let suspended = r
            .check(
                &id(&demo::NARROW_KEY),
                &Secret::new(demo::NARROW_KEY.secret),
            )
            .await;
        assert!(matches!(suspended, Err(KeyCheckError::OwnerSuspended(_))));

        // Only the service key talked to Hestia, and nothing was refused.
        assert!(sim
            .requests()
            .iter()
            .all(|q| q.key_id.as_deref() == Some(demo::SERVICE_KEY.id)
                && (q.code == 0 || q.code == 3)));
        assert_eq!(sim.failed_logins("127.0.0.1".parse().unwrap()), 0);
        // v-list-apis is cached.
        assert_eq!(
            sim.requests()
                .iter()
                .filter(|q| q.command == "v-list-apis")
                .count(),
            1
        );
    }
}
