//! `cargo xtask bench`: figures, not pass/fail. The proxy overhead comes from the `proxy`
//! bench of the server crate, the 5,000-row list from `big_list`, the Hestia calls of a
//! scripted session from `economy`; then, against the release build in demo mode, what a
//! first load of each kind of page fetches (the browser suite's `first-load` test, which also
//! holds the budget) and Lighthouse's mobile scores.

use crate::demo::DemoHearth;
use crate::tools;

pub(crate) fn bench() -> Result<(), String> {
    tools::setup(true)?;
    tools::build_release()?;
    for bench in ["proxy", "big_list", "economy"] {
        tools::run(tools::command("cargo").args(["bench", "-p", "server", "--bench", bench]))?;
    }
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
