//! `cargo xtask …`: the entry points the README names. Each installs what it lacks first.
//!
//! * `run [HEARTH OPTIONS]`: build Hearth (release) and start it; demo mode without a Hestia URL.
//! * `test`: every test: the Rust suites, then Playwright against a running Hearth.
//! * `bench`: print the proxy overhead, what a first page load fetches and Lighthouse scores.
//! * `fuzz [CASES]`: the property tests with a million generated inputs each.
//! * `setup [--browser]`: only install the tools.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod bench;
mod demo;
mod fuzz;
mod postgres;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test::test(),
        Some("bench") => bench::bench(),
        Some("fuzz") => fuzz::fuzz(args.get(1).map(String::as_str)),
        Some("setup") => tools::setup(args.iter().any(|a| a == "--browser")),
        _ => {
            eprintln!(
                "usage: cargo xtask <run [hearth options] | test | bench | fuzz [cases] | setup [--browser]>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(hearth_args: &[String]) -> Result<(), String> {
    tools::setup(false)?;
    tools::build_release()?;
    let mut hearth = tools::hearth_command();
    hearth.args(hearth_args);
    tools::run(&mut hearth)
}
