//! `cargo xtask test`: formatting and lints (`cargo fmt --check`, clippy with warnings as errors
//! for the server build and the browser's wasm32 build), the Rust suites (unit and integration,
//! against the simulator over real HTTP, the database ones on SQLite and PostgreSQL), then the
//! browser suite against a release `hearth` in demo mode. Ends with one line
//! `N passed, M failed` over everything.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use hestia::simulator::demo;

use crate::demo::DemoHearth;
use crate::postgres::TestPostgres;
use crate::tools;

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    skipped: u64,
}

pub(crate) fn test() -> Result<(), String> {
    tools::setup(true)?;
    let mut tally = Tally::default();
    let lints = lints(&mut tally);
    let rust = rust_suites(&mut tally);
    let browser = tools::build_release()
        .and_then(|()| bundle_holds_no_secret(&mut tally))
        .and_then(|()| browser_suite(&mut tally));
    println!(
        "{} passed, {} failed, {} skipped",
        tally.passed, tally.failed, tally.skipped
    );
    lints.and(rust).and(browser)
}

/// `cargo fmt --check` and clippy (warnings are errors) on both builds: each counts as a test.
fn lints(tally: &mut Tally) -> Result<(), String> {
    let checks: [&[&str]; 3] = [
        &["fmt", "--all", "--check"],
        &[
            "clippy",
            "--workspace",
            "--exclude",
            "frontend",
            "--all-targets",
            "--features",
            "app/ssr",
            "--",
            "-D",
            "warnings",
        ],
        &[
            "clippy",
            "-p",
            "frontend",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ],
    ];
    let mut result = Ok(());
    for args in checks {
        match tools::run(tools::command("cargo").args(args)) {
            Ok(()) => tally.passed += 1,
            Err(e) => {
                tally.failed += 1;
                result = Err(e);
            }
        }
    }
    result
}

/// `cargo test` over every crate but the browser one, counting its `test result:` lines. The
/// database tests run on SQLite and on a throwaway PostgreSQL.
fn rust_suites(tally: &mut Tally) -> Result<(), String> {
    let postgres = TestPostgres::start().inspect_err(|_| tally.failed += 1)?;
    let mut cargo = tools::command("cargo");
    cargo
        .args([
            "test",
            "--no-fail-fast",
            "--workspace",
            "--exclude",
            "frontend",
        ])
        .env("HEARTH_TEST_POSTGRES_URL", &postgres.url)
        .stdout(Stdio::piped());
    eprintln!("xtask: running {cargo:?}");
    let mut child = cargo
        .spawn()
        .map_err(|e| format!("cannot start cargo test: {e}"))?;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(rest) = line.strip_prefix("test result: ") {
                let count = |word: &str| -> u64 {
                    rest.split(';')
                        .find_map(|part| {
                            part.trim()
                                .trim_start_matches("ok. ")
                                .trim_start_matches("FAILED. ")
                                .strip_suffix(word)
                        })
                        .and_then(|n| n.trim().parse().ok())
                        .unwrap_or(0)
                };
                tally.passed += count(" passed");
                tally.failed += count(" failed");
                tally.skipped += count(" ignored");
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        tally.failed = tally.failed.max(1);
        Err("cargo test failed".into())
    }
}

/// The browser bundle must not carry a secret: scan every built asset for each demo secret.
fn bundle_holds_no_secret(tally: &mut Tally) -> Result<(), String> {
    let pkg = tools::root().join("target/site/pkg");
    let secrets: Vec<&str> = demo::LOGIN_KEYS
        .iter()
        .map(|k| k.secret)
        .chain([
            demo::SERVICE_KEY.secret,
            demo::ROOT_PASSWORD,
            demo::LEGACY_KEY,
        ])
        .collect();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&pkg).map_err(|e| format!("{}: {e}", pkg.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        for secret in &secrets {
            if bytes.windows(secret.len()).any(|w| w == secret.as_bytes()) {
                found.push(path.display().to_string());
            }
        }
    }
    if found.is_empty() {
        println!("test the browser bundle holds no demo secret ... ok");
        tally.passed += 1;
        Ok(())
    } else {
        tally.failed += 1;
        Err(format!(
            "a secret is in the browser bundle: {}",
            found.join(", ")
        ))
    }
}

/// Playwright against `hearth` in demo mode.
fn browser_suite(tally: &mut Tally) -> Result<(), String> {
    let hearth = DemoHearth::start()?;
    let results = tools::root().join("end2end/test-results/results.json");
    let _ = std::fs::remove_file(&results);
    let run = tools::run(&mut hearth.command("npx", &["playwright", "test"]));
    let stats = std::fs::read_to_string(&results)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .map(|json| json["stats"].clone());
    match stats {
        Some(stats) => {
            let n = |k: &str| stats[k].as_u64().unwrap_or(0);
            tally.passed += n("expected") + n("flaky");
            tally.failed += n("unexpected");
            tally.skipped += n("skipped");
        }
        None => tally.failed += 1,
    }
    println!("Browser report and screenshots: end2end/playwright-report/index.html, end2end/test-results/");
    run
}
