//! Several instances on one database: 500 logged-in sessions spread over the instances, then
//! 60 s (`HEARTH_BENCH_SECONDS`) of page views by 32 browsers at once, each a random session
//! and one of the hosting pages, on one instance with SQLite, one with PostgreSQL and two with
//! PostgreSQL (`HEARTH_TEST_POSTGRES_URL`; `cargo xtask bench` starts one). The instances run
//! in this process over the demo simulator, so on a small machine they share its cores: the
//! figures show what the shared database costs, not how far more machines scale. Prints
//! figures; asserts nothing.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]
// The islands' views are deep types (see the app crate).
#![recursion_limit = "256"]

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::TestHearth;
use hestia::simulator::{demo, Simulator};

const SESSIONS: usize = 500;
const BROWSERS: usize = 32;
const PAGES: [&str; 7] = ["/", "/web", "/dns", "/mail", "/db", "/cron", "/backups"];

/// What one run measured.
struct Run {
    requests: usize,
    errors: usize,
    p50_ms: f64,
    p99_ms: f64,
    seconds: f64,
}

/// `instances` Hearths on the database `url`, the sessions logged in over them in turn, then
/// the page views.
async fn run(url: &str, instances: usize, seconds: u64) -> Run {
    let sim = Arc::new(Simulator::start().await.unwrap());
    let dir = std::env::temp_dir().join(format!("hearth-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key_file = dir.join("service.key");
    std::fs::write(&key_file, demo::SERVICE_KEY.pair()).unwrap();
    let mut hearths = Vec::new();
    for _ in 0..instances {
        let h = TestHearth::bench_with_simulator(sim.clone(), |c| {
            c.database_url = url.to_owned();
            c.sessions.key_file = Some(dir.join("session.key"));
            c.hestia.service_key_file = Some(key_file.clone());
        })
        .await;
        hearths.push(h);
    }
    let mut sessions = Vec::with_capacity(SESSIONS);
    for i in 0..SESSIONS {
        let browser = hearths[i % instances].another_browser();
        assert_eq!(browser.login_key(&demo::HOSTING_KEY).await.status, 200);
        sessions.push(browser);
    }
    let sessions = Arc::new(sessions);
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let browsers = (0..BROWSERS).map(|b| {
        let sessions = sessions.clone();
        tokio::spawn(async move {
            let (mut times, mut errors) = (Vec::new(), 0);
            let mut n = b;
            while Instant::now() < until {
                // A fixed walk through sessions and pages, different for each browser.
                n = n
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let session = &sessions[(n >> 33) % SESSIONS];
                let page = PAGES[(n >> 17) % PAGES.len()];
                let at = Instant::now();
                let seen = session.get(page).await;
                times.push(at.elapsed().as_secs_f64() * 1000.0);
                if seen.status != 200 {
                    errors += 1;
                }
                session.seen.lock().unwrap().clear();
            }
            (times, errors)
        })
    });
    let (mut times, mut errors) = (Vec::new(), 0);
    for browser in futures::future::join_all(browsers).await {
        let (t, e) = browser.unwrap();
        times.extend(t);
        errors += e;
    }
    let seconds = started.elapsed().as_secs_f64();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
    Run {
        requests: times.len(),
        errors,
        p50_ms: at(0.5),
        p99_ms: at(0.99),
        seconds,
    }
}

#[tokio::main]
async fn main() {
    let seconds = std::env::var("HEARTH_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let sqlite = common::databases("bench_sqlite").await.remove(0);
    let mut runs = vec![("1 instance, SQLite", sqlite, 1)];
    match common::databases("bench_pg").await.get(1) {
        Some(postgres) => {
            runs.push(("1 instance, PostgreSQL", postgres.clone(), 1));
            runs.push(("2 instances, PostgreSQL", postgres.clone(), 2));
        }
        None => println!("(no PostgreSQL: set HEARTH_TEST_POSTGRES_URL, or run cargo xtask bench)"),
    }
    println!(
        "{SESSIONS} sessions, {BROWSERS} browsers at once viewing {} for {seconds} s:",
        PAGES.join(" ")
    );
    println!(
        "{:<26} {:>9} {:>7} {:>8} {:>8} {:>8}",
        "", "requests", "errors", "p50 ms", "p99 ms", "req/s"
    );
    for (name, url, instances) in runs {
        let r = run(&url, instances, seconds).await;
        println!(
            "{name:<26} {:>9} {:>7} {:>8.1} {:>8.1} {:>8.0}",
            r.requests,
            r.errors,
            r.p50_ms,
            r.p99_ms,
            r.requests as f64 / r.seconds
        );
    }
}
