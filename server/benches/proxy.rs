//! What Hearth adds to a web-domain listing: the same `v-list-web-domains` call made directly
//! to the simulator and through Hearth's `objects` server function, at 0 and 20 ms simulated Hestia
//! latency. Hearth's listing cache is off (cache 0 s) so every proxied call reaches Hestia;
//! the cached figure is printed separately. Prints figures; asserts nothing.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::TestHearth;

use hestia::simulator::demo;
use hestia::{cmd, ClientBuilder, Credentials, UserName};

/// Mean and median of `n` sequential runs of `f`, in milliseconds.
async fn time<F, Fut>(n: usize, mut f: F) -> (f64, f64)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for _ in 0..n / 10 {
        f().await; // warm-up: connections, caches
    }
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        f().await;
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    samples.sort_by(f64::total_cmp);
    (samples.iter().sum::<f64>() / n as f64, samples[n / 2])
}

#[tokio::main]
async fn main() {
    println!("Proxied web-domain list (POST /api/objects, kind WebDomain) against the direct Hestia call, sequential requests:");
    println!(
        "{:>9} {:>6} {:>12} {:>12} {:>12} {:>8}",
        "latency", "calls", "direct ms", "hearth ms", "added ms", "ratio"
    );
    for (latency_ms, cache_seconds, label) in [
        (0, 0.0, "uncached"),
        (20, 0.0, "uncached"),
        (0, 15.0, "cached"),
        (20, 15.0, "cached"),
    ] {
        let h = TestHearth::bench(|c| c.hestia.cache_seconds = cache_seconds).await;
        let (url, sim) = (h.url(""), &h.sim);
        sim.set_latency(Duration::from_millis(latency_ms));
        let n = if latency_ms == 0 { 2000 } else { 150 };

        let direct = ClientBuilder::new(sim.url()).build().unwrap();
        let key = Credentials::parse_key_pair(&demo::USER_KEY.pair()).unwrap();
        let list = cmd::ListWebDomains {
            user: UserName::new(demo::DEMO_USER).unwrap(),
        };
        let (direct_mean, _) = time(n, || async {
            direct.run(&key, &list).await.unwrap();
        })
        .await;

        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let login = http
            .post(format!("{url}/api/login-key"))
            .header("origin", &url)
            .form(&[
                ("key", demo::USER_KEY.id),
                ("secret", demo::USER_KEY.secret),
            ])
            .send()
            .await
            .unwrap();
        assert!(login.status().is_success());
        let endpoint = format!("{url}/api/objects");
        let (proxied_mean, _) = time(n, || async {
            let res = http
                .post(&endpoint)
                .header("origin", &url)
                .form(&[("kind", "WebDomain")])
                .send()
                .await
                .unwrap();
            assert!(res.status().is_success());
            res.bytes().await.unwrap();
        })
        .await;
        println!(
            "{:>7} ms {:>6} {:>12.3} {:>12.3} {:>12.3} {:>8.3}  ({label})",
            latency_ms,
            n,
            direct_mean,
            proxied_mean,
            proxied_mean - direct_mean,
            proxied_mean / direct_mean
        );
    }
    println!("Budget: ≤ 0.5 ms added at 0 ms latency, ≤ 5% (ratio ≤ 1.05) at 20 ms.");
}
