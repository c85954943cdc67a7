//! A throwaway PostgreSQL for the test suites: a fresh cluster in a temporary directory, on a
//! free loopback port, with one empty database, stopped and removed when dropped. Debian's
//! `postgresql` package is installed when missing (as root). PostgreSQL refuses to run as
//! root: then the cluster belongs to the `postgres` user.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools;

/// A running cluster and the URL of its test database.
pub(crate) struct TestPostgres {
    bin: PathBuf,
    dir: PathBuf,
    /// `postgres://hearth@127.0.0.1:PORT/hearth_test`.
    pub(crate) url: String,
}

impl TestPostgres {
    pub(crate) fn start() -> Result<Self, String> {
        let bin = match server_binaries() {
            Some(bin) => bin,
            None => {
                install()?;
                server_binaries().ok_or("PostgreSQL's server binaries are missing after install")?
            }
        };
        let dir = std::env::temp_dir().join(format!("hearth-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut pg = Self {
            bin,
            dir,
            url: String::new(),
        };
        if is_root() {
            tools::run(Command::new("chown").args(["postgres:postgres", &pg.path(&pg.dir)]))?;
        }
        let data = pg.dir.join("data");
        pg.run(
            "initdb",
            &[
                "-D",
                &pg.path(&data),
                "-U",
                "hearth",
                "--auth=trust",
                "-E",
                "UTF8",
            ],
        )?;
        let port = free_port()?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            pg.path(&pg.dir)
        );
        pg.run(
            "pg_ctl",
            &[
                "-D",
                &pg.path(&data),
                "-l",
                &pg.path(&pg.dir.join("log")),
                "-o",
                &options,
                "-w",
                "start",
            ],
        )?;
        let port = port.to_string();
        pg.run(
            "createdb",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &port,
                "-U",
                "hearth",
                "hearth_test",
            ],
        )?;
        pg.url = format!("postgres://hearth@127.0.0.1:{port}/hearth_test");
        Ok(pg)
    }

    fn path(&self, path: &Path) -> String {
        path.display().to_string()
    }

    /// Runs one of PostgreSQL's programs, as `postgres` when Hearth's tests run as root.
    fn run(&self, program: &str, args: &[&str]) -> Result<(), String> {
        let program = self.bin.join(program);
        let mut command = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        command.args(args).current_dir(&self.dir);
        tools::run(&mut command)
    }
}

impl Drop for TestPostgres {
    fn drop(&mut self) {
        let data = self.path(&self.dir.join("data"));
        let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The newest `/usr/lib/postgresql/N/bin` (Debian's layout).
fn server_binaries() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn install() -> Result<(), String> {
    if !is_root() {
        return Err("PostgreSQL is missing: install Debian's package with `sudo apt-get install postgresql`".into());
    }
    tools::run(Command::new("apt-get").arg("update"))?;
    tools::run(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends", "postgresql"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}
