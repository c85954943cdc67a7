//! `cargo xtask bench`: figures, not pass/fail. The proxy overhead comes from the `proxy`
//! bench of the server crate, the 5,000-row list from `big_list`, the Hestia calls of a
//! scripted session from `economy`, the bundle sizes from the release build.

use std::io::Write;

use crate::tools;

pub(crate) fn bench() -> Result<(), String> {
    tools::setup(false)?;
    tools::build_release()?;
    tools::run(tools::command("cargo").args(["bench", "-p", "server", "--bench", "proxy"]))?;
    tools::run(tools::command("cargo").args(["bench", "-p", "server", "--bench", "big_list"]))?;
    tools::run(tools::command("cargo").args(["bench", "-p", "server", "--bench", "economy"]))?;
    bundle_sizes()
}

/// Raw and gzip sizes of every file a first page load fetches: the JS loader, the WASM, the
/// stylesheet and the icon (the HTML itself is a few KB and differs per page).
fn bundle_sizes() -> Result<(), String> {
    let site = tools::root().join("target/site");
    let files = [
        "pkg/hearth.wasm",
        "pkg/hearth.js",
        "pkg/hearth.css",
        "favicon.svg",
    ];
    println!("\nFirst page load (release build, gzip -9):");
    let (mut raw_total, mut gz_total) = (0, 0);
    for file in files {
        let bytes = std::fs::read(site.join(file)).map_err(|e| format!("{file}: {e}"))?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?;
        println!(
            "  {file:<18} {:>8.1} KB raw {:>8.1} KB gzip",
            kb(bytes.len()),
            kb(gz.len())
        );
        raw_total += bytes.len();
        gz_total += gz.len();
    }
    println!(
        "  {:<18} {:>8.1} KB raw {:>8.1} KB gzip (budget 250 KB gzip)",
        "total",
        kb(raw_total),
        kb(gz_total)
    );
    Ok(())
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}
