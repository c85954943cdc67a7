//! A release `hearth` in demo mode for the browser suite and the benchmarks, and the
//! Playwright or Node commands that talk to it (the demo keys passed in the environment).

use std::process::{Child, Command, Stdio};

use hestia::simulator::demo;

use crate::tools;

/// `target/release/hearth` in demo mode on a free port; stopped when dropped, however the
/// caller ends.
pub(crate) struct DemoHearth {
    child: Child,
    url: String,
}

impl DemoHearth {
    pub(crate) fn start() -> Result<Self, String> {
        let url = format!("http://127.0.0.1:{}", free_port()?);
        let child = tools::hearth_command()
            .env("HEARTH_LISTEN", url.trim_start_matches("http://"))
            .env_remove("HEARTH_HESTIA_URL")
            .env_remove("HEARTH_CONFIG")
            // A fresh audit log and sessions list for every run.
            .env("HEARTH_DATABASE_URL", "sqlite::memory:")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start hearth: {e}"))?;
        Ok(Self { child, url })
    }

    /// `program args…` in `end2end/`, with this Hearth's address, Chromium and the demo keys.
    pub(crate) fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut command = tools::command(program);
        command
            .args(args)
            .current_dir(tools::root().join("end2end"))
            .env("HEARTH_URL", &self.url)
            .env("CHROMIUM", tools::CHROMIUM);
        for (name, key) in [
            ("HOSTING", demo::HOSTING_KEY),
            ("ADMIN", demo::ADMIN_KEY),
            ("NARROW", demo::NARROW_KEY),
            ("USER", demo::USER_KEY),
            ("MAIL", demo::MAIL_KEY),
            ("DNS", demo::DNS_KEY),
        ] {
            command.env(format!("HEARTH_DEMO_{name}_KEY"), key.pair());
        }
        command
            .env(
                "HEARTH_DEMO_PASSWORD",
                format!("{}:{}", demo::DEMO_USER, demo::USER_PASSWORD),
            )
            .env(
                "HEARTH_DEMO_2FA",
                format!(
                    "{}:{}:{}",
                    demo::TWO_FACTOR_USER,
                    demo::TWO_FACTOR_PASSWORD,
                    demo::TWO_FACTOR_SECRET
                ),
            );
        command
    }
}

impl Drop for DemoHearth {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}
