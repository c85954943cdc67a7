//! How many Hestia calls a scripted 10-minute session costs (every call made with a user's key
//! is a line in that user's 300-line Hestia history, PROTOCOL.md §3.8). The session: log in,
//! the dashboard, every hosting section twice (its list and an object's page), one change per
//! section, one backup followed to its end in an open tab, the dashboard again. The clock runs
//! `SPEED` times faster (cache windows and job checks scaled alike), so ten minutes take
//! about 30 seconds. Prints figures; asserts nothing.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use app::catalogue::KindId;
use common::objects::keys;
use common::TestHearth;
use hestia::simulator::demo;

/// Simulated seconds per real second.
const SPEED: f64 = 20.0;

/// Waits `seconds` of simulated time: the person reads the page.
async fn read_for(seconds: f64) {
    tokio::time::sleep(Duration::from_secs_f64(seconds / SPEED)).await;
}

/// One page view: the server-rendered page, as a first load or a reload fetches it.
async fn view(h: &TestHearth, path: &str) {
    let seen = h.get(path).await;
    assert_eq!(seen.status, 200, "{path}: {}", seen.body);
}

/// A section, an object's page in it, and the change made there (kind, parent, form).
type Visit<'a> = (&'a str, String, (KindId, &'a str, &'a [(&'a str, &'a str)]));

/// The scripted session; returns what Hestia was asked, by command: in all, and with the
/// user's key (the lines it adds to the user's history; the rest are the service key's).
async fn session(h: &TestHearth) -> BTreeMap<String, (usize, usize)> {
    let before = h.sim.requests().len();
    assert_eq!(h.login_key(&demo::HOSTING_KEY).await.status, 200);
    view(h, "/").await;
    read_for(20.0).await;

    let zone = keys(h, KindId::DnsZone, "").await.remove(0);
    let mail = keys(h, KindId::MailDomain, "").await.remove(0);
    let web = keys(h, KindId::WebDomain, "").await.remove(0);
    // (section, an object's page, the change made there)
    let cron = [
        ("min", "5"),
        ("hour", "3"),
        ("day", "*"),
        ("month", "*"),
        ("wday", "*"),
        ("command", "php ~/web/tick.php"),
    ];
    let visits: [Visit<'_>; 6] = [
        (
            "web",
            format!("/web/{web}"),
            (KindId::WebDomain, "", &[("domain", "shop.example.org")]),
        ),
        (
            "dns",
            format!("/dns/{zone}"),
            (
                KindId::DnsRecord,
                &zone,
                &[("record", "www2"), ("type", "A"), ("value", "203.0.113.7")],
            ),
        ),
        (
            "mail",
            format!("/mail/{mail}"),
            (
                KindId::MailAccount,
                &mail,
                &[("account", "orders"), ("password", "a long mail secret")],
            ),
        ),
        (
            "db",
            "/db".to_owned(),
            (
                KindId::Database,
                "",
                &[
                    ("database", "shop"),
                    ("dbuser", "shop"),
                    ("password", "a long db secret"),
                ],
            ),
        ),
        ("cron", "/cron".to_owned(), (KindId::CronJob, "", &cron)),
        ("backups", "/backups".to_owned(), (KindId::Backup, "", &[])),
    ];
    let mut tab = None;
    for (section, page, (kind, parent, fields)) in &visits {
        view(h, &format!("/{section}")).await;
        read_for(10.0).await;
        view(h, page).await;
        read_for(15.0).await;
        h.act(*kind, "add")
            .under(parent)
            .fields(fields)
            .send()
            .await
            .unwrap();
        if *kind == KindId::Backup {
            tab = Some(follow_jobs(h));
        }
        view(h, page).await;
        read_for(20.0).await;
    }
    // Back to each section a few minutes later.
    for (section, page, _) in &visits {
        view(h, &format!("/{section}")).await;
        read_for(15.0).await;
        view(h, page).await;
        read_for(20.0).await;
    }
    view(h, "/").await;
    let elapsed_to_ten_minutes = 600.0 - (6.0 * 45.0 + 6.0 * 35.0 + 20.0);
    read_for(elapsed_to_ten_minutes).await;
    if let Some(tab) = tab {
        tab.abort();
    }
    let mut by_command = BTreeMap::new();
    for r in &h.sim.requests()[before..] {
        let (all, users) = by_command.entry(r.command.clone()).or_insert((0, 0));
        *all += 1;
        if r.key_id.as_deref() == Some(demo::HOSTING_KEY.id) {
            *users += 1;
        }
    }
    by_command
}

/// A tab following the queued backup until it is done (the backups page does this).
fn follow_jobs(h: &TestHearth) -> tokio::task::JoinHandle<()> {
    let cookie = h.cookie.lock().unwrap().clone().unwrap();
    let url = h.url("/events/jobs");
    tokio::spawn(async move {
        let Ok(mut stream) = reqwest::Client::new()
            .get(url)
            .header("cookie", cookie)
            .send()
            .await
        else {
            return;
        };
        while let Ok(Some(_)) = stream.chunk().await {}
    })
}

#[tokio::main]
async fn main() {
    let h = TestHearth::demo(|c| {
        c.hestia.cache_seconds /= SPEED;
        c.hestia.job_check_seconds /= SPEED;
        c.hestia.job_check_max_seconds /= SPEED;
    })
    .await;
    // A backup waits for Hestia's queue (run every 5 minutes) for 2 minutes, then runs for one.
    h.sim
        .with_state(|s| s.knobs.queue_every = Duration::from_secs_f64(120.0 / SPEED));
    let by_command = session(&h).await;
    println!("\nHestia calls in a scripted 10-minute session (dashboard, 6 sections twice, 6 changes, 1 backup):");
    println!("  {:<32} {:>5} {:>12}", "command", "calls", "user's key");
    for (command, (all, users)) in &by_command {
        println!("  {command:<32} {all:>5} {users:>12}");
    }
    let all: usize = by_command.values().map(|(a, _)| a).sum();
    let users: usize = by_command.values().map(|(_, u)| u).sum();
    println!("  {:<32} {all:>5} {users:>12}", "total");
}
