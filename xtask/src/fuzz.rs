//! `cargo xtask fuzz [CASES]`: the property tests of the reply decoder, the lenient JSON
//! models, the name checks and every form validator, with CASES generated inputs each
//! (default one million) in an optimised build. Prints the cases and time of each.

use std::time::Instant;

use crate::tools;

/// (package, test target, test function)
const PROPERTIES: &[(&str, &str, &str)] = &[
    ("hestia", "properties", "any_reply_decodes_or_fails_cleanly"),
    (
        "hestia",
        "properties",
        "error_like_bodies_decode_or_fail_cleanly",
    ),
    ("hestia", "properties", "models_never_panic_on_text"),
    ("hestia", "properties", "models_never_panic_on_json"),
    ("hestia", "properties", "names_check_without_panicking"),
    ("app", "validators", "every_action_checks_any_form"),
    ("app", "validators", "every_validator_answers_any_value"),
];

pub(crate) fn fuzz(cases: Option<&str>) -> Result<(), String> {
    let cases: u64 = match cases {
        Some(n) => n
            .parse()
            .map_err(|_| format!("not a number of cases: {n}"))?,
        None => 1_000_000,
    };
    let mut figures = Vec::new();
    for (package, target, name) in PROPERTIES {
        let start = Instant::now();
        tools::run(
            tools::command("cargo")
                .args(["test", "--release", "-p", package, "--test", target])
                .args(["--", "--exact", name])
                .env("PROPTEST_CASES", cases.to_string()),
        )?;
        figures.push((*name, start.elapsed().as_secs_f64()));
    }
    println!("\nProperty runs ({cases} cases each, release build):");
    for (name, secs) in figures {
        println!("  {name:<44} {secs:>8.1} s  (no panic, no failure)");
    }
    Ok(())
}
