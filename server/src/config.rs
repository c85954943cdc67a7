//! Hearth's configuration: one TOML file, overridden by `HEARTH_*` environment variables, then
//! by command-line flags (DESIGN.md decision 13). Secrets are read from files.

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::Deserialize;

/// Everything Hearth can be told.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address to listen on (`HEARTH_LISTEN`).
    pub listen: SocketAddr,
    /// The URL people reach Hearth at, e.g. `https://panel.example.com` (`HEARTH_PUBLIC_URL`).
    /// When it is https, cookies get `Secure` and the `__Host-` prefix, and HSTS is sent.
    pub public_url: Option<String>,
    /// Where cargo-leptos put the site (`HEARTH_SITE_ROOT`).
    pub site_root: PathBuf,
    /// The Hestia server.
    pub hestia: HestiaConfig,
    /// Sessions.
    pub sessions: SessionConfig,
    /// Reverse proxies whose `X-Forwarded-For` names the browser's address
    /// (`HEARTH_TRUSTED_PROXIES`, comma-separated IPs; the audit log and sessions list show
    /// that address).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Hearth's own database: sessions, the live sessions list and the audit log
    /// (`HEARTH_DATABASE_URL`): `sqlite://PATH` (default `sqlite://hearth.db`),
    /// `sqlite::memory:` (gone at restart), or `postgres://USER:PASSWORD@HOST/DB` for several
    /// instances on one database.
    pub database_url: String,
}

/// The Hestia server Hearth talks to. Without `url`, Hearth runs in demo mode on its
/// embedded simulator.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HestiaConfig {
    /// `https://host:8083` (`HEARTH_HESTIA_URL`).
    pub url: Option<String>,
    /// Hestia's `ROOT_USER` (`HEARTH_ROOT_USER`, default `admin`).
    pub root_user: String,
    /// SHA-256 fingerprint of Hestia's certificate, hex (`HEARTH_TLS_FINGERPRINT`).
    pub tls_fingerprint: Option<String>,
    /// A PEM file of the CA that signed Hestia's certificate (`HEARTH_CA_FILE`).
    pub ca_file: Option<PathBuf>,
    /// A file holding the service key as `ID:SECRET` (`HEARTH_SERVICE_KEY_FILE`).
    pub service_key_file: Option<PathBuf>,
    /// Without a service key: the profiles user keys are expected to carry
    /// (`HEARTH_PROFILES`, comma-separated). Shipped profile names resolve to their commands.
    pub profiles: Vec<String>,
    /// The profiles of the access key Hearth makes for each password session of a user other
    /// than the root user (`HEARTH_SESSION_PROFILES`, comma-separated; default `hearth-user`,
    /// the README's profile).
    pub session_profiles: Vec<String>,
    /// The same for the root user's password sessions (`HEARTH_ROOT_SESSION_PROFILES`); empty,
    /// the default: an unrestricted key.
    pub root_session_profiles: Vec<String>,
    /// Calls in flight to Hestia at once (`HEARTH_MAX_CONCURRENT`, default 4).
    pub max_concurrent: usize,
    /// Seconds to wait for a listing (`HEARTH_READ_TIMEOUT`, default 30).
    pub read_timeout_secs: u64,
    /// Seconds listings are cached (`HEARTH_CACHE_SECONDS`, default 300): Hearth's own changes
    /// drop exactly what they touch at once, and the Refresh button fetches anew.
    pub cache_seconds: f64,
    /// Refusals Hearth may cause at Hestia's key or password check in one window, counting
    /// attempts in flight (`HEARTH_STRIKE_LIMIT`, default 4: below fail2ban's `maxretry` 5).
    pub strike_limit: usize,
    /// The window, in minutes: fail2ban's `findtime` (`HEARTH_STRIKE_WINDOW_MINUTES`, default 10).
    pub strike_window_minutes: f64,
    /// Seconds before a queued backup is first checked; the wait then doubles
    /// (`HEARTH_JOB_CHECK_SECONDS`, default 15).
    pub job_check_seconds: f64,
    /// The longest wait between two checks (`HEARTH_JOB_CHECK_MAX_SECONDS`, default 60).
    pub job_check_max_seconds: f64,
}

/// Session rules (DESIGN.md decision 11).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionConfig {
    /// A file with 64 hex digits: the key that seals secrets in the store
    /// (`HEARTH_SESSION_KEY_FILE`). Created on first start when missing.
    pub key_file: Option<PathBuf>,
    /// Minutes without a request before a session ends (`HEARTH_IDLE_MINUTES`, default 30;
    /// fractions allowed).
    pub idle_minutes: f64,
    /// Hours after login a session ends however active (`HEARTH_LIFETIME_HOURS`, default 12).
    pub lifetime_hours: f64,
    /// Seconds between two looks for password sessions that ended on another instance, whose
    /// keys are then deleted at Hestia (`HEARTH_KEY_SWEEP_SECONDS`, default 30); those ending
    /// on this instance lose their key at once.
    pub key_sweep_seconds: f64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: None,
            site_root: PathBuf::from("target/site"),
            hestia: HestiaConfig::default(),
            sessions: SessionConfig::default(),
            database_url: "sqlite://hearth.db".into(),
            trusted_proxies: Vec::new(),
        }
    }
}

impl Default for HestiaConfig {
    fn default() -> Self {
        Self {
            url: None,
            root_user: "admin".into(),
            tls_fingerprint: None,
            ca_file: None,
            service_key_file: None,
            profiles: Vec::new(),
            session_profiles: vec!["hearth-user".into()],
            root_session_profiles: Vec::new(),
            max_concurrent: 4,
            read_timeout_secs: 30,
            cache_seconds: 300.0,
            strike_limit: 4,
            strike_window_minutes: 10.0,
            job_check_seconds: 15.0,
            job_check_max_seconds: 60.0,
        }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            key_file: None,
            idle_minutes: 30.0,
            lifetime_hours: 12.0,
            key_sweep_seconds: 30.0,
        }
    }
}

/// A configuration problem, said so that an operator can fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, std::io::Error),
    /// The file is not valid.
    #[error("{0}: {1}")]
    Parse(PathBuf, toml::de::Error),
    /// A variable or flag has a bad value.
    #[error("{name}: {problem}")]
    Value {
        /// The variable or flag.
        name: String,
        /// What is wrong.
        problem: String,
    },
    /// An unknown flag.
    #[error("unknown option {0} (see --help)")]
    UnknownFlag(String),
}

/// The settings that environment variables and flags can set, by their common name
/// (`HEARTH_HESTIA_URL` and `--hestia-url` are both `hestia-url`).
const SETTINGS: &[&str] = &[
    "config",
    "listen",
    "public-url",
    "site-root",
    "hestia-url",
    "root-user",
    "tls-fingerprint",
    "ca-file",
    "service-key-file",
    "profiles",
    "session-profiles",
    "root-session-profiles",
    "max-concurrent",
    "read-timeout",
    "cache-seconds",
    "strike-limit",
    "strike-window-minutes",
    "job-check-seconds",
    "job-check-max-seconds",
    "session-key-file",
    "idle-minutes",
    "lifetime-hours",
    "key-sweep-seconds",
    "database-url",
    "trusted-proxies",
];

/// The `--help` text.
pub fn usage() -> String {
    let mut text = String::from(
        "hearth: a web control panel for Hestia servers\n\n\
         Usage: hearth [--NAME VALUE]...                   start Hearth\n\
         \x20      hearth check-config [--NAME VALUE]...      check the database, the keys and\n\
         \x20                                                 Hestia, then stop\n\
         \x20      hearth forget-sessions [--NAME VALUE]...   end every session; the key of\n\
         \x20                                                 this instance seals from now on\n\n\
         Every option can also be set as HEARTH_NAME (upper case, '-' as '_') or in the\n\
         TOML file given by --config / HEARTH_CONFIG. Without --hestia-url Hearth runs in\n\
         demo mode on its embedded Hestia simulator.\n\nOptions:\n",
    );
    for name in SETTINGS {
        text.push_str(&format!("  --{name}\n"));
    }
    text
}

impl Config {
    /// Reads the file (if any), then the environment, then `args` (without the program name).
    pub fn load(
        env: impl Fn(&str) -> Option<String>,
        args: &[String],
    ) -> Result<Self, ConfigError> {
        let mut overrides: Vec<(String, String)> = Vec::new();
        for name in SETTINGS {
            let var = format!("HEARTH_{}", name.to_uppercase().replace('-', "_"));
            if let Some(value) = env(&var) {
                overrides.push(((*name).to_owned(), value));
            }
        }
        let mut rest = args.iter();
        while let Some(flag) = rest.next() {
            let (name, inline) = match flag.strip_prefix("--").map(|f| f.split_once('=')) {
                Some(Some((n, v))) => (n.to_owned(), Some(v.to_owned())),
                Some(None) => (flag[2..].to_owned(), None),
                None => return Err(ConfigError::UnknownFlag(flag.clone())),
            };
            if !SETTINGS.contains(&name.as_str()) {
                return Err(ConfigError::UnknownFlag(flag.clone()));
            }
            let value = match inline {
                Some(v) => v,
                None => rest.next().cloned().ok_or_else(|| ConfigError::Value {
                    name: flag.clone(),
                    problem: "needs a value".into(),
                })?,
            };
            overrides.push((name, value));
        }
        let file = overrides
            .iter()
            .rev()
            .find(|(n, _)| n == "config")
            .map(|(_, v)| PathBuf::from(v));
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| ConfigError::Read(path.clone(), e))?;
                toml::from_str(&text).map_err(|e| ConfigError::Parse(path, e))?
            }
            None => Config::default(),
        };
        for (name, value) in overrides {
            config.set(&name, value)?;
        }
        Ok(config)
    }

    fn set(&mut self, name: &str, value: String) -> Result<(), ConfigError> {
        let bad = |problem: &str| ConfigError::Value {
            name: name.to_owned(),
            problem: problem.to_owned(),
        };
        let number = |v: &str| {
            v.trim()
                .parse::<u64>()
                .map_err(|_| bad("must be a whole number"))
        };
        let positive = |v: &str| match v.trim().parse::<f64>() {
            Ok(n) if n > 0.0 && n.is_finite() => Ok(n),
            _ => Err(bad("must be a positive number")),
        };
        let optional = |v: String| if v.trim().is_empty() { None } else { Some(v) };
        let names = |v: &str| -> Vec<String> {
            v.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect()
        };
        match name {
            "config" => {}
            "listen" => {
                self.listen = value
                    .parse()
                    .map_err(|_| bad("must be an address like 127.0.0.1:3000"))?
            }
            "public-url" => self.public_url = optional(value),
            "site-root" => self.site_root = value.into(),
            "hestia-url" => self.hestia.url = optional(value),
            "root-user" => self.hestia.root_user = value,
            "tls-fingerprint" => self.hestia.tls_fingerprint = optional(value),
            "ca-file" => self.hestia.ca_file = optional(value).map(PathBuf::from),
            "service-key-file" => self.hestia.service_key_file = optional(value).map(PathBuf::from),
            "profiles" => self.hestia.profiles = names(&value),
            "session-profiles" => self.hestia.session_profiles = names(&value),
            "root-session-profiles" => self.hestia.root_session_profiles = names(&value),
            "max-concurrent" => self.hestia.max_concurrent = number(&value)? as usize,
            "read-timeout" => self.hestia.read_timeout_secs = number(&value)?,
            "cache-seconds" => match value.trim().parse::<f64>() {
                Ok(n) if n >= 0.0 && n.is_finite() => self.hestia.cache_seconds = n,
                _ => return Err(bad("must be a number of seconds, 0 or more")),
            },
            "strike-limit" => match number(&value)? {
                0 => return Err(bad("must be at least 1")),
                n => self.hestia.strike_limit = n as usize,
            },
            "strike-window-minutes" => self.hestia.strike_window_minutes = positive(&value)?,
            "job-check-seconds" => self.hestia.job_check_seconds = positive(&value)?,
            "job-check-max-seconds" => self.hestia.job_check_max_seconds = positive(&value)?,
            "database-url" => self.database_url = value,
            "trusted-proxies" => {
                self.trusted_proxies = value
                    .split(',')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| {
                        v.parse()
                            .map_err(|_| bad("must be IP addresses separated by commas"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "session-key-file" => self.sessions.key_file = optional(value).map(PathBuf::from),
            "idle-minutes" => self.sessions.idle_minutes = positive(&value)?,
            "lifetime-hours" => self.sessions.lifetime_hours = positive(&value)?,
            "key-sweep-seconds" => self.sessions.key_sweep_seconds = positive(&value)?,
            other => return Err(ConfigError::UnknownFlag(format!("--{other}"))),
        }
        Ok(())
    }

    /// Whether Hearth is served over HTTPS (so cookies get `Secure` and `__Host-`).
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_then_environment_then_flags() {
        let dir = std::env::temp_dir().join(format!("hearth-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("hearth.toml");
        std::fs::write(&file, "listen = \"127.0.0.1:4000\"\n[hestia]\nurl = \"https://h.example:8083\"\nprofiles = [\"purge-nginx-cache\"]\n").unwrap();
        let env = |name: &str| match name {
            "HEARTH_CONFIG" => Some(file.display().to_string()),
            "HEARTH_LISTEN" => Some("127.0.0.1:5000".into()),
            "HEARTH_SERVICE_KEY_FILE" => Some("/etc/hearth/key".into()),
            _ => None,
        };
        let c = Config::load(env, &["--listen".into(), "127.0.0.1:6000".into()]).unwrap();
        assert_eq!(c.listen.port(), 6000, "flags win");
        assert_eq!(c.hestia.url.as_deref(), Some("https://h.example:8083"));
        assert_eq!(
            c.hestia.service_key_file,
            Some(PathBuf::from("/etc/hearth/key"))
        );
        assert_eq!(c.hestia.profiles, ["purge-nginx-cache"]);
        let c = Config::load(env, &[]).unwrap();
        assert_eq!(c.listen.port(), 5000, "environment beats the file");
    }

    #[test]
    fn bad_values_are_named() {
        let none = |_: &str| None;
        let e = Config::load(none, &["--listen".into(), "nowhere".into()]).unwrap_err();
        assert!(e.to_string().starts_with("listen:"), "{e}");
        assert!(Config::load(none, &["--bogus".into(), "1".into()]).is_err());
        let e = Config::load(
            none,
            &["--trusted-proxies".into(), "10.0.0.1, proxy".into()],
        );
        assert!(e.unwrap_err().to_string().starts_with("trusted-proxies:"));
        let ok = Config::load(none, &["--trusted-proxies".into(), "10.0.0.1, ::1".into()]);
        assert_eq!(ok.unwrap().trusted_proxies.len(), 2);
        let d = Config::load(none, &[]).unwrap();
        assert!(
            d.hestia.url.is_none()
                && d.sessions.idle_minutes == 30.0
                && d.sessions.lifetime_hours == 12.0
        );
    }
}
