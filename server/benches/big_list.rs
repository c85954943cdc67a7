//! A list of 5,000 web domains: how long Hearth takes to render the page on the server
//! (listing cached and not), and how long Chromium takes until the page is interactive.
//! Needs the release site in `target/site` (`cargo xtask bench` builds it) and the end2end
//! npm packages for the browser figure. Prints figures; asserts nothing.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::time::Instant;

use common::TestHearth;
use hestia::simulator::{demo, web_domain_record};

const DOMAINS: usize = 5_000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Hearth on a simulator whose user has `DOMAINS` web domains.
async fn hearth(cache_seconds: f64) -> TestHearth {
    let h = TestHearth::bench(|c| {
        c.hestia.cache_seconds = cache_seconds;
        c.site_root = root().join("target/site");
    })
    .await;
    h.sim.with_state(|s| {
        let alice = s.users.get_mut(demo::DEMO_USER).unwrap();
        alice
            .record
            .insert("WEB_DOMAINS".into(), "unlimited".into());
        for i in 0..DOMAINS {
            let (name, record) =
                web_domain_record(demo::DEMO_USER, &format!("site{i:05}.example.org"));
            alice.web_domains.insert(name, record);
        }
    });
    h
}

async fn logged_in(url: &str) -> reqwest::Client {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = http
        .post(format!("{url}/api/login-key"))
        .header("origin", url)
        .form(&[
            ("key", demo::HOSTING_KEY.id),
            ("secret", demo::HOSTING_KEY.secret),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    http
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

#[tokio::main]
async fn main() {
    println!("A list of {DOMAINS} web domains (release build, medians):");
    for (cache_seconds, label) in [
        (0.0, "listing not cached: every page asks Hestia"),
        (60.0, "listing cached"),
    ] {
        let h = hearth(cache_seconds).await;
        let url = h.url("");
        let http = logged_in(&url).await;
        let mut page_ms = Vec::new();
        let mut bytes = 0;
        for i in 0..21 {
            let start = Instant::now();
            let body = http
                .get(format!("{url}/web"))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            if i > 0 {
                page_ms.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            bytes = body.len();
            assert!(
                body.contains("site00040.example.org"),
                "the first page lists the first domains"
            );
        }
        let mut search_ms = Vec::new();
        for i in 0..21 {
            let start = Instant::now();
            let res = http
                .post(format!("{url}/api/objects"))
                .header("origin", &url)
                .form(&[
                    ("kind", "WebDomain"),
                    ("query[q]", "site042"),
                    ("query[sort]", "@key"),
                    ("query[desc]", "true"),
                ])
                .send()
                .await
                .unwrap();
            res.bytes().await.unwrap();
            if i > 0 {
                search_ms.push(start.elapsed().as_secs_f64() * 1000.0);
            }
        }
        println!("  {label}:");
        println!(
            "    server render of /web (first page of 50): {:>8.2} ms, {:.1} KB of HTML",
            median(page_ms),
            bytes as f64 / 1024.0
        );
        println!(
            "    search + sort through the server function: {:>8.2} ms",
            median(search_ms)
        );
        if cache_seconds > 0.0 {
            let script = root().join("end2end/bench/tti.mjs");
            // Off the runtime's threads: the server under test keeps answering meanwhile.
            let (node_url, pair) = (url.clone(), demo::HOSTING_KEY.pair());
            let out = tokio::task::spawn_blocking(move || {
                std::process::Command::new("node")
                    .current_dir(root().join("end2end"))
                    .arg(script)
                    .args([node_url.as_str(), "/web", &pair, "7"])
                    .output()
            })
            .await
            .unwrap();
            match out {
                Ok(o) if o.status.success() => {
                    println!(
                        "    Chromium, navigation to interactive (hydrated): {}",
                        String::from_utf8_lossy(&o.stdout).trim()
                    );
                }
                Ok(o) => println!(
                    "    Chromium figure unavailable: {}",
                    String::from_utf8_lossy(&o.stderr)
                        .lines()
                        .last()
                        .unwrap_or("")
                ),
                Err(e) => println!("    Chromium figure unavailable: {e}"),
            }
        }
    }
}
