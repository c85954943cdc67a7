//! Following a queued backup without erasing the user's Hestia history: one follower per
//! user, checks that back off, streams that end with the session.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::time::Duration;

use app::catalogue::KindId;
use common::TestHearth;
use hestia::simulator::demo;

/// Hearth over the simulator, logged in with the hosting key: the first check of a queued job
/// after `first` seconds, then at most every `max`; Hestia's queue moves every `queue`.
async fn logged_in(first: f64, max: f64, queue: Duration) -> TestHearth {
    let h = TestHearth::demo(|c| {
        c.hestia.job_check_seconds = first;
        c.hestia.job_check_max_seconds = max;
    })
    .await;
    h.sim.with_state(|s| s.knobs.queue_every = queue);
    assert_eq!(h.login_key(&demo::HOSTING_KEY).await.status, 200);
    h
}

/// Opens the session's job stream, as a tab does.
async fn job_stream(h: &TestHearth) -> reqwest::Response {
    let cookie = h.cookie.lock().unwrap().clone().unwrap();
    reqwest::Client::new()
        .get(h.url("/events/jobs"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

fn history_reads(h: &TestHearth) -> usize {
    h.sim
        .requests()
        .iter()
        .filter(|r| r.command == "v-list-user-log")
        .count()
}

#[tokio::test]
async fn a_backup_queued_for_five_minutes_costs_few_calls_and_its_streams_end_at_logout() {
    // The clock at 1:100: first check after 20 ms, then at most every 600 ms, so 3 s here are
    // Hestia's 5-minute queue.
    let h = logged_in(0.02, 0.6, Duration::from_secs(3600)).await;
    h.act(KindId::Backup, "add").send().await.unwrap();
    let before = history_reads(&h);
    // Two tabs follow it.
    let (a, b) = tokio::join!(job_stream(&h), job_stream(&h));
    let mut streams = vec![a, b];
    let first = streams[0].chunk().await.unwrap().unwrap();
    assert!(
        String::from_utf8_lossy(&first).contains("Queued"),
        "{first:?}"
    );
    // A fourth stream of the same session is refused (with the two above and one more).
    let third = job_stream(&h).await;
    assert_eq!(third.status(), 200);
    assert_eq!(job_stream(&h).await.status(), 429);
    drop(third);
    // Five simulated minutes.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let calls = history_reads(&h) - before;
    println!("history reads for a backup queued 5 (simulated) minutes, two tabs: {calls}");
    assert!(
        (3..=15).contains(&calls),
        "{calls} reads of the user's history"
    );
    // Logging out ends both streams.
    h.call("logout", &[]).await;
    for mut stream in streams {
        let ended = tokio::time::timeout(Duration::from_secs(5), async {
            while let Ok(Some(_)) = stream.chunk().await {}
        })
        .await;
        assert!(ended.is_ok(), "the stream ended with the session");
    }
}

#[tokio::test]
async fn the_page_loaded_when_a_backup_ends_shows_how_it_ended() {
    let h = logged_in(0.02, 0.1, Duration::from_millis(50)).await;
    // As the browser does: the page, its stream, and the page again the moment the stream
    // reports the end. Several times, as the moment varies.
    for round in 0..4 {
        // Hestia's history has whole seconds: a backup queued in the second the last one
        // ended would see that end as its own.
        tokio::time::sleep(Duration::from_millis(1100)).await;
        h.act(KindId::Backup, "add").send().await.unwrap();
        assert_eq!(h.get("/backups").await.status, 200);
        let events = tokio::time::timeout(Duration::from_secs(10), job_stream(&h).await.text())
            .await
            .expect("the stream ends when the job does")
            .unwrap();
        assert!(events.contains("\"Done\""), "{events}");
        // The page that follows, a second tab and a reload all say how it ended.
        for tab in 0..2 {
            let page = tokio::time::timeout(Duration::from_secs(10), h.get("/backups"))
                .await
                .unwrap_or_else(|_| panic!("round {round}, tab {tab}: the page hung"));
            assert_eq!(page.status, 200);
            assert!(
                page.body.contains("data-job-state=\"done\""),
                "round {round}"
            );
        }
    }
}
