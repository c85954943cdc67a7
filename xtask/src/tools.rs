//! Installing and finding the tools Hearth builds with (see TOOLCHAIN notes in the README):
//! each step is skipped when its result is already there.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) const CARGO_LEPTOS_VERSION: &str = "0.3.10";
pub(crate) const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub(crate) const BINARYEN_VERSION: &str = "132.0.0";
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

/// npm tools (wasm-opt) live outside the clone, so a fresh clone reuses them.
fn tools_dir() -> PathBuf {
    std::env::var_os("HEARTH_TOOLS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| home().join(".cache/hearth-tools"))
}

/// PATH with the npm tools and cargo's bin first: cargo-leptos takes wasm-opt and
/// wasm-bindgen from PATH (Debian's wasm-opt silently breaks hydration, so ours comes first).
pub(crate) fn path_env() -> String {
    let old = std::env::var("PATH").unwrap_or_default();
    format!(
        "{}:{}:{old}",
        tools_dir().join("node_modules/.bin").display(),
        home().join(".cargo/bin").display()
    )
}

/// A command with the tools on PATH, run from the workspace root.
pub(crate) fn command(program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("PATH", path_env()).current_dir(root());
    c
}

/// Runs a command, failing with its name.
pub(crate) fn run(c: &mut Command) -> Result<(), String> {
    eprintln!("xtask: running {c:?}");
    let status = c
        .status()
        .map_err(|e| format!("cannot start {:?}: {e}", c.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{:?} failed ({status})", c.get_program()))
    }
}

/// What a command prints, or empty if it cannot run.
fn output(program: &str, args: &[&str]) -> String {
    command(program)
        .args(args)
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
        })
        .unwrap_or_default()
}

/// Installs what is missing: the wasm target, cargo-leptos, wasm-bindgen, wasm-opt and, with
/// `browser`, Chromium and the Playwright packages.
pub(crate) fn setup(browser: bool) -> Result<(), String> {
    if !output("rustup", &["target", "list", "--installed"]).contains("wasm32-unknown-unknown") {
        run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let components = output("rustup", &["component", "list", "--installed"]);
    for component in ["clippy", "rustfmt"] {
        if !components.contains(component) {
            run(command("rustup").args(["component", "add", component]))?;
        }
    }
    if !output("cargo-leptos", &["--version"]).contains(CARGO_LEPTOS_VERSION) {
        run(command("cargo").args([
            "install",
            "cargo-leptos",
            "--version",
            CARGO_LEPTOS_VERSION,
            "--locked",
        ]))?;
    }
    if !output("wasm-bindgen", &["--version"]).contains(WASM_BINDGEN_VERSION) {
        // Not --locked: its lockfile wants a crate version the registry mirror may lack.
        run(command("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            WASM_BINDGEN_VERSION,
        ]))?;
    }
    let wasm_opt = tools_dir().join("node_modules/.bin/wasm-opt");
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    if !output(&wasm_opt.display().to_string(), &["--version"])
        .contains(&format!("version {major}"))
    {
        std::fs::create_dir_all(tools_dir()).map_err(|e| e.to_string())?;
        let prefix = tools_dir().display().to_string();
        run(command("npm").args([
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            &prefix,
            &format!("binaryen@{BINARYEN_VERSION}"),
        ]))?;
    }
    if browser {
        if !Path::new(CHROMIUM).exists() {
            if output("id", &["-u"]).trim() != "0" {
                return Err("Chromium is missing: install Debian's package with `sudo apt-get install chromium`".into());
            }
            run(command("apt-get").arg("update"))?;
            run(command("apt-get").args(["install", "-y", "--no-install-recommends", "chromium"]))?;
        }
        if !root()
            .join("end2end/node_modules/@playwright/test")
            .exists()
        {
            // Playwright must never download a browser of its own: Debian's Chromium is used.
            run(command("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(root().join("end2end"))
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
        }
    }
    Ok(())
}

/// `cargo leptos build --release`: the server binary and the optimised browser bundle, with
/// content-hashed file names (listed in `target/release/hash.txt`, which `hearth` reads), and
/// their brotli and gzip copies, made once here so the server never compresses them.
pub(crate) fn build_release() -> Result<(), String> {
    run(command("cargo")
        .args(["leptos", "build", "--release"])
        .env("LEPTOS_HASH_FILES", "true"))?;
    precompress(&root().join("target/site/pkg"))
}

/// Writes `F.br` (brotli, best) and `F.gz` (gzip -9) beside each script, WASM and stylesheet
/// in `dir`. (cargo-leptos's own `--precompress` makes a gzip copy a fifth larger.)
fn precompress(dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if !["wasm", "js", "css"].contains(&ext) {
            continue;
        }
        let failed = |e: std::io::Error| format!("{}: {e}", path.display());
        let bytes = std::fs::read(&path).map_err(failed)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).map_err(failed)?;
        std::fs::write(with_suffix(&path, "gz"), gz.finish().map_err(failed)?).map_err(failed)?;
        let mut br = Vec::new();
        let best = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 24,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut br, &best).map_err(failed)?;
        std::fs::write(with_suffix(&path, "br"), br).map_err(failed)?;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// The release `hearth` binary, to be run from the workspace root (it serves `target/site`).
pub(crate) fn hearth_command() -> Command {
    command(&root().join("target/release/hearth").display().to_string())
}
