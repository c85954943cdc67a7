//! Every way Hestia can fail reaches the user as a clear message, never a blank page.

mod common;

use app::error::{ApiSwitch, HearthError};
use common::TestHearth;
use hestia::simulator::{demo, Fault};

#[tokio::test]
async fn hestia_refusals_become_instructions() {
    let h = TestHearth::demo(|_| {}).await;
    h.sim
        .with_state(|s| s.config.api_allowed_ip = "192.0.2.1".into());
    let res = h.login_key(&demo::USER_KEY).await;
    assert_eq!(
        res.error(),
        Some(HearthError::IpNotAllowed {
            address: Some("127.0.0.1".into())
        })
    );

    h.sim.with_state(|s| {
        s.config.api_allowed_ip = "127.0.0.1".into();
        s.config.api_system = "0".into();
    });
    assert_eq!(
        h.login_key(&demo::USER_KEY).await.error(),
        Some(HearthError::ApiDisabled(ApiSwitch::AccessKeys))
    );

    h.sim.with_state(|s| s.config.api_system = "2".into());
    h.sim.with_state(|s| {
        s.users["alice"]
            .record
            .insert("SUSPENDED".into(), "yes".into())
    });
    assert_eq!(
        h.login_key(&demo::USER_KEY).await.error(),
        Some(HearthError::OwnerSuspended {
            user: "alice".into()
        })
    );
    assert_eq!(h.failed_logins(), 0, "the service key found out first");
}

#[tokio::test]
async fn user_keys_when_hestia_allows_only_root_keys() {
    let h = TestHearth::demo(|_| {}).await;
    h.login_key(&demo::USER_KEY).await;
    h.sim.with_state(|s| s.config.api_system = "1".into());
    let res = h.call("objects", &[("kind", "WebDomain")]).await;
    assert_eq!(
        res.error(),
        Some(HearthError::ApiDisabled(ApiSwitch::UserAccessKeys))
    );
    let page = h.get("/web").await;
    assert!(
        page.body.contains("API_SYSTEM"),
        "the page says which setting to change"
    );
}

#[tokio::test]
async fn unreachable_slow_and_unreadable_hestia() {
    let h = TestHearth::demo(|c| c.hestia.read_timeout_secs = 1).await;
    h.login_key(&demo::USER_KEY).await;

    h.sim.set_fault(Fault::MalformedJson);
    assert_eq!(
        h.call("objects", &[("kind", "WebDomain")]).await.error(),
        Some(HearthError::BadPayload {
            command: "v-list-web-domains".into()
        })
    );
    let page = h.get("/web").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("unreadable"));

    h.sim.set_fault(Fault::BadGateway);
    assert_eq!(
        h.call("objects", &[("kind", "WebDomain")]).await.error(),
        Some(HearthError::UpstreamHttp { status: 502 })
    );

    h.sim.set_fault(Fault::None);
    h.sim.set_latency(std::time::Duration::from_millis(1500));
    assert_eq!(
        h.call("objects", &[("kind", "WebDomain")]).await.error(),
        Some(HearthError::Timeout)
    );

    h.sim.set_latency(std::time::Duration::ZERO);
    h.sim.set_fault(Fault::Down);
    assert_eq!(
        h.call("objects", &[("kind", "WebDomain")]).await.error(),
        Some(HearthError::Unreachable)
    );
    let page = h.get("/").await;
    assert_eq!(page.status, 200, "the shell still renders");
    assert!(page.body.contains("Hestia cannot be reached"));
}

#[tokio::test]
async fn a_revoked_key_ends_the_session() {
    let h = TestHearth::demo(|_| {}).await;
    h.login_key(&demo::NARROW_KEY).await;
    h.sim
        .with_state(|s| s.keys.shift_remove(demo::NARROW_KEY.id));
    let res = h.call("objects", &[("kind", "WebDomain")]).await;
    assert_eq!(res.error(), Some(HearthError::CredentialsRevoked));
    assert_eq!(
        h.get("/").await.header("location"),
        Some("/login"),
        "the session is gone"
    );
    assert_eq!(h.failed_logins(), 1);
}

/// A failed server function answers with the status of what happened, its body the error as
/// data; a form posted without JavaScript is still sent back to its page.
#[tokio::test]
async fn failures_carry_their_http_status() {
    let h = TestHearth::demo(|_| {}).await;
    let none = h.call("objects", &[("kind", "WebDomain")]).await;
    assert_eq!(
        (none.status, none.error()),
        (401, Some(HearthError::SessionExpired))
    );
    h.login_key(&demo::NARROW_KEY).await;
    let refused = h.call("account", &[]).await;
    assert_eq!(refused.status, 403);
    assert!(matches!(
        refused.error(),
        Some(HearthError::NotAllowed { command }) if command == "v-list-user"
    ));
    h.call("logout", &[]).await;
    h.login_key(&demo::HOSTING_KEY).await;
    let form = [
        ("kind", "WebDomain"),
        ("action", "add"),
        ("parent", ""),
        ("key", ""),
        ("values[domain]", "not a domain"),
    ];
    let invalid = h.call("act", &form).await;
    assert_eq!(invalid.status, 422);
    assert!(matches!(invalid.error(), Some(HearthError::Invalid { .. })));
    let missing = h
        .call(
            "act",
            &[
                ("kind", "WebDomain"),
                ("action", "suspend"),
                ("parent", ""),
                ("key", "nowhere.example.test"),
            ],
        )
        .await;
    assert_eq!(missing.status, 404, "{}", missing.body);
    let posted = h.submit("act", &form, "/web").await;
    assert!(
        (300..400).contains(&posted.status),
        "no-JS forms are redirected back: {}",
        posted.status
    );
    h.sim.set_fault(Fault::Down);
    h.call("refresh", &[]).await;
    let down = h.call("objects", &[("kind", "CronJob")]).await;
    assert_eq!(
        (down.status, down.error()),
        (502, Some(HearthError::Unreachable))
    );
}
