//! `cargo xtask bench`: figures, not pass/fail. The proxy overhead comes from the `proxy`
//! bench of the server crate, the 5,000-row list from `big_list`, the Hestia calls of a
//! scripted session from `economy`, page views over one and two instances on SQLite and on a
//! throwaway PostgreSQL from `instances`; then, against the release build in demo mode, what a
//! first load of each kind of page fetches (the browser suite's `first-load` test, which also
//! holds the budget) and Lighthouse's mobile scores.

use crate::demo::DemoHearth;
use crate::postgres::TestPostgres;
use crate::tools;

pub(crate) fn bench() -> Result<(), String> {
    tools::setup(true)?;
    tools::build_release()?;
    let postgres = TestPostgres::start()?;
    for bench in ["proxy", "big_list", "economy", "instances"] {
        tools::run(
            tools::command("cargo")
                .args(["bench", "-p", "server", "--bench", bench])
                .env("HEARTH_TEST_POSTGRES_URL", &postgres.url),
        )?;
    }
    drop(postgres);
    let hearth = DemoHearth::start()?;
    tools::run(&mut hearth.command(
        "npx",
        &[
            "playwright",
            "test",
            "first-load",
            "--project",
            "hydrated",
            "--reporter",
            "list",
        ],
    ))?;
    tools::run(&mut hearth.command("node", &["bench/lighthouse.mjs"]))
}
