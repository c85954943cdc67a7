//! The `hearth` server: configuration, the Hestia gateway, sessions, security headers, static
//! files and the Leptos routes, assembled by [`build`]. `main.rs` only starts it.
// The islands' views are deep types (see the app crate).
#![recursion_limit = "256"]

pub mod config;
pub mod security;
pub mod session_store;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use app::ssr::{Gateway, GatewayConfig, Sealer};
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use hestia::resolver::KeyResolver;
use hestia::simulator::{demo, Simulator};
use hestia::{Allowed, ClientBuilder, Credentials, TlsTrust, UserName};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use config::Config;
use security::Origins;
use session_store::DbStore;

/// A built Hearth: its router, and the simulator it runs on in demo mode.
pub struct Hearth {
    /// The whole HTTP application.
    pub router: Router,
    /// The embedded simulator, in demo mode.
    pub simulator: Option<Simulator>,
    /// The gateway to the Hestia server.
    pub gateway: Arc<Gateway>,
}

/// Why Hearth cannot start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A setting is wrong.
    #[error("{0}")]
    Config(String),
    /// The simulator could not start.
    #[error("cannot start the demo simulator: {0}")]
    Simulator(std::io::Error),
}

fn config_error(message: impl Into<String>) -> StartError {
    StartError::Config(message.into())
}

/// Builds Hearth from its configuration. Without a Hestia URL it starts the simulator and runs
/// in demo mode.
pub async fn build(config: Config) -> Result<Hearth, StartError> {
    let (url, simulator) = match &config.hestia.url {
        Some(url) => (url.clone(), None),
        None => {
            let sim = Simulator::start().await.map_err(StartError::Simulator)?;
            (sim.url(), Some(sim))
        }
    };
    let demo = simulator.is_some();
    let trust = match (&config.hestia.tls_fingerprint, &config.hestia.ca_file) {
        (Some(pin), _) => TlsTrust::pin_from_hex(pin).ok_or_else(|| {
            config_error("tls-fingerprint: expected 64 hex digits (SHA-256 of the certificate)")
        })?,
        (None, Some(ca)) => TlsTrust::CaFile(ca.clone()),
        (None, None) => TlsTrust::WebPki,
    };
    let db = app::ssr::HearthDb::connect(&config.database_url)
        .await
        .map_err(|e| config_error(format!("database-url: {e}")))?;
    let server_id = "default".to_owned();
    // The bound on calls in flight holds for every instance on the database together.
    let slots =
        app::ssr::SharedSlots::new(db.clone(), server_id.clone(), config.hestia.max_concurrent);
    let client = ClientBuilder::new(&url)
        .trust(trust)
        .slots(Arc::new(slots))
        .read_timeout(Duration::from_secs(config.hestia.read_timeout_secs))
        .build()
        .map_err(|e| config_error(format!("hestia-url: {e}")))?;
    let root_user = UserName::new(config.hestia.root_user.clone())
        .map_err(|e| config_error(format!("root-user: {e}")))?;
    let service = match (&config.hestia.service_key_file, demo) {
        (_, true) => Some(
            Credentials::parse_key_pair(&demo::SERVICE_KEY.pair())
                .ok_or_else(|| config_error("demo key"))?,
        ),
        (Some(path), false) => Some(read_service_key(path)?),
        (None, false) => None,
    };
    let declared = declared_commands(&config.hestia.profiles);
    if service.is_none() && declared == Allowed::Commands(Default::default()) {
        tracing::warn!("no service key and no declared profiles: only the root password and legacy keys can log in");
    }
    let resolver = service.map(|creds| KeyResolver::new(client.clone(), creds, root_user.clone()));
    let store = session_store(&db);
    let sealer = sealer(&config)?;
    db.agree_on_sealing_key(&sealer).await.map_err(|e| {
        config_error(format!(
            "session-key-file {}: {e}",
            key_file(&config).unwrap_or_default().display()
        ))
    })?;
    let hestia_addr = host_and_port(&url);
    let gateway = Gateway::start(GatewayConfig {
        server_id,
        hestia_addr,
        client,
        resolver,
        root_user,
        declared,
        demo,
        cache_ttl: Duration::from_secs_f64(config.hestia.cache_seconds),
        absolute_lifetime: Duration::from_secs_f64(config.sessions.lifetime_hours * 3600.0),
        idle_timeout: Duration::from_secs_f64(config.sessions.idle_minutes * 60.0),
        trusted_proxies: config.trusted_proxies.clone(),
        sealer,
        db,
        budget: app::ssr::budget::BudgetConfig {
            limit: config.hestia.strike_limit,
            window: Duration::from_secs_f64(config.hestia.strike_window_minutes * 60.0),
            ..Default::default()
        },
        job_checks: app::ssr::jobs::JobChecks {
            first: Duration::from_secs_f64(config.hestia.job_check_seconds),
            longest: Duration::from_secs_f64(config.hestia.job_check_max_seconds),
        },
        session_profiles: config.hestia.session_profiles.clone(),
        root_session_profiles: config.hestia.root_session_profiles.clone(),
        key_sweep: Duration::from_secs_f64(config.sessions.key_sweep_seconds),
    });
    let https = config.is_https();
    let sessions = SessionManagerLayer::new(store)
        .with_name(if https { "__Host-hearth" } else { "hearth" })
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds_f64(
            config.sessions.idle_minutes * 60.0,
        )));
    let origins = Origins {
        public: config.public_url.clone(),
        https,
    };

    let hashed = assets_are_hashed(&config.site_root);
    let options = LeptosOptions::builder()
        .output_name("hearth")
        .hash_files(hashed)
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .env(if cfg!(debug_assertions) {
            Env::DEV
        } else {
            Env::PROD
        })
        .site_addr(config.listen)
        .build();
    let routes = route_list();
    let built_gateway = gateway.clone();
    let events_gateway = gateway.clone();
    let context = move || provide_context(gateway.clone());
    let mut router = Router::new()
        .route(
            "/healthz",
            get(app::ssr::health::healthz).layer(axum::Extension(events_gateway.clone())),
        )
        .route(
            "/events/jobs",
            get(app::ssr::jobs::events).layer(axum::Extension(events_gateway.clone())),
        )
        .route(
            "/audit.csv",
            get(app::ssr::audit::csv).layer(axum::Extension(events_gateway)),
        )
        // The build's files, ahead of the `/{section}/{key}` page route that would claim them.
        .nest_service("/pkg", build_files(&config.site_root, hashed));
    // Top-level assets (favicon…) by name, ahead of the `/{section}` page route.
    for file in top_level_files(&config.site_root) {
        let path = format!(
            "/{}",
            file.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
        router = router.route_service(&path, tower_http::services::ServeFile::new(file));
    }
    let router = router
        .leptos_routes_with_context(&options, routes, context, {
            let options = options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler(app::shell))
        .with_state(options)
        .layer(axum::middleware::map_response(app::ssr::error_status))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(
            origins.clone(),
            security::forgery_check,
        ))
        .layer(axum::middleware::from_fn_with_state(
            origins,
            security::security_headers,
        ))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(
            tower_http::trace::TraceLayer::new_for_http().make_span_with(
                |req: &axum::http::Request<_>| {
                    // The path only: no query string, no headers.
                    tracing::info_span!("request", method = %req.method(), path = req.uri().path())
                },
            ),
        );
    Ok(Hearth {
        router,
        simulator,
        gateway: built_gateway,
    })
}

/// `hearth forget-sessions`: ends every session stored in the database and makes the sealing
/// key of `config` the one every instance must use (when the key that sealed them is lost).
/// The number of sessions ended.
pub async fn forget_sessions(config: Config) -> Result<u64, String> {
    let db = app::ssr::HearthDb::connect(&config.database_url)
        .await
        .map_err(|e| format!("database-url: {e}"))?;
    let sealer = sealer(&config).map_err(|e| e.to_string())?;
    db.forget_sessions(&sealer).await
}

/// `hearth check-config`: builds Hearth as a start would (the database connected and its
/// tables brought up to date, the sealing key read and compared with the other instances'),
/// without serving, then asks Hestia with the service key what that key may run. One line per
/// finding; the first problem is the error.
pub async fn check_config(config: Config) -> Result<Vec<String>, String> {
    let url = config.hestia.url.clone();
    let key = key_file(&config);
    let hearth = build(config).await.map_err(|e| e.to_string())?;
    let gateway = &hearth.gateway;
    let mut found = vec![
        "database: answers; its tables are up to date".to_owned(),
        match key {
            Some(path) => format!(
                "session-key-file: {} (the key of every instance on this database)",
                path.display()
            ),
            None => "session-key-file: none (a random key, for a database in memory)".to_owned(),
        },
    ];
    let hestia = url.unwrap_or_else(|| "the embedded simulator (demo mode)".to_owned());
    if !gateway.has_service_key() {
        found.push(format!(
            "hestia: {hestia}; no service key (key logins use the declared profiles)"
        ));
        return Ok(found);
    }
    let allowed = gateway
        .with_service_key(|resolver| resolver.service_allowed())
        .await
        .map_err(|e| format!("hestia: {hestia}: the service key does not work: {e}"))?;
    let may = match &allowed {
        Allowed::Everything => "every command".to_owned(),
        Allowed::Commands(commands) => format!("{} commands", commands.len()),
    };
    found.push(format!(
        "hestia: {hestia} answers; the service key is accepted and may run {may}"
    ));
    let missing: Vec<&str> = hestia::permissions::SERVICE_COMMANDS
        .iter()
        .copied()
        .filter(|c| !allowed.allows(c))
        .collect();
    let password_logins = hestia::permissions::PASSWORD_LOGIN_COMMANDS
        .iter()
        .all(|c| allowed.allows(c));
    found.push(match (password_logins, missing.is_empty()) {
        (true, true) => {
            "password logins: every user, with 2FA, login history and crash sweep".to_owned()
        }
        (true, false) => format!(
            "password logins: every user; without {} (README, \"Create Hearth's service key\")",
            missing.join(", ")
        ),
        (false, _) => format!(
            "password logins: the root user only, in legacy mode; the service key lacks {}",
            missing.join(", ")
        ),
    });
    Ok(found)
}

/// `cargo xtask` builds with hashed file names (`hearth.<hash>.wasm`), named in `hash.txt`
/// beside the binary, where Leptos reads them. Hashing is on when that file names files
/// that exist: a build without it (`cargo leptos watch`) keeps the plain names.
fn assets_are_hashed(site_root: &Path) -> bool {
    let Some(hashes) = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::read_to_string(exe.with_file_name("hash.txt")).ok())
    else {
        return false;
    };
    hashes
        .lines()
        .filter_map(|l| l.split_once(':'))
        .all(|(ext, hash)| {
            site_root
                .join("pkg")
                .join(format!("hearth.{}.{}", hash.trim(), ext.trim()))
                .is_file()
        })
}

/// `/pkg`: the build's files, as the brotli or gzip copies made at build time when the
/// browser takes them (`cargo xtask`), so nothing is compressed per request. A hashed name changes with the content, so those are cached for good.
fn build_files(
    site_root: &Path,
    hashed: bool,
) -> SetResponseHeader<SetResponseHeader<ServeDir, HeaderValue>, HeaderValue> {
    let files = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    let cache = HeaderValue::from_static(if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    });
    let files = SetResponseHeader::overriding(files, header::CACHE_CONTROL, cache);
    SetResponseHeader::overriding(
        files,
        header::VARY,
        HeaderValue::from_static("accept-encoding"),
    )
}

/// The app's routes, generated once per process: generating them sets Leptos's process-wide
/// resource-suppression flag (leptos-rs/leptos#4773), and a page rendering meanwhile in any
/// other Hearth of this process would wait for its resources forever.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

fn top_level_files(site_root: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(site_root)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default()
}

fn read_service_key(path: &Path) -> Result<Credentials, StartError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| config_error(format!("service-key-file {}: {e}", path.display())))?;
    Credentials::parse_key_pair(text.trim()).ok_or_else(|| {
        config_error(format!(
            "service-key-file {}: expected ACCESS_KEY_ID:SECRET on one line",
            path.display()
        ))
    })
}

/// Without a service key, the commands of the operator's declared profiles (shipped profiles
/// by name; unknown names are reported and skipped).
fn declared_commands(profiles: &[String]) -> Allowed {
    let shipped = hestia::permissions::shipped_profiles();
    for name in profiles.iter().filter(|p| !shipped.contains_key(*p)) {
        tracing::warn!(profile = %name, "unknown profile name: not a profile Hestia ships");
    }
    Allowed::from_profiles(profiles.iter().map(String::as_str), &shipped)
}

/// The session store in Hearth's database, with a sweep of expired sessions every 10 minutes.
fn session_store(db: &app::ssr::HearthDb) -> DbStore {
    let store = DbStore::new(db.clone());
    let cleaner = store.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(600)).await;
            if let Err(e) = cleaner.delete_expired().await {
                tracing::warn!(error = %e, "could not delete expired sessions");
            }
        }
    });
    store
}

/// The key that seals secrets in the session store: from the key file (created when missing,
/// by default in `~/.config/hearth/`, away from the database it protects), or random for a
/// database in memory. A key file others may read is refused. Instances sharing a database
/// share this file.
fn sealer(config: &Config) -> Result<Sealer, StartError> {
    let path = match key_file(config) {
        Some(path) => path,
        None if app::ssr::in_memory(&config.database_url) => return Ok(Sealer::random()),
        None => {
            return Err(config_error(
                "session-key-file: set it (HOME is not set, so there is no default)",
            ))
        }
    };
    let bad = |e: String| config_error(format!("session-key-file {}: {e}", path.display()));
    if !path.exists() {
        use rand::RngCore;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| bad(e.to_string()))?;
        }
        let mut key = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut key);
        write_private(&path, &hex::encode(key)).map_err(|e| bad(e.to_string()))?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .map_err(|e| bad(e.to_string()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(bad(format!(
                "others may read it (mode {:o}); run chmod 600 on it",
                mode & 0o777
            )));
        }
    }
    let text = std::fs::read_to_string(&path).map_err(|e| bad(e.to_string()))?;
    let key: [u8; 32] = hex::decode(text.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| bad("expected 64 hex digits".into()))?;
    Ok(Sealer::from_key(&key))
}

/// The sealing key's file: the configured one, else (but for a database in memory) one in
/// `~/.config/hearth/`.
fn key_file(config: &Config) -> Option<std::path::PathBuf> {
    if let Some(path) = &config.sessions.key_file {
        return Some(path.clone());
    }
    if app::ssr::in_memory(&config.database_url) {
        return None;
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    Some(std::path::PathBuf::from(home).join(".config/hearth/session.key"))
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

/// `host:port` of a URL, defaulting the port by scheme.
fn host_and_port(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split('/').next()?;
    if authority.contains(':') {
        Some(authority.to_owned())
    } else {
        Some(format!(
            "{authority}:{}",
            if scheme == "https" { 443 } else { 80 }
        ))
    }
}

/// The demo credentials, as printed at start in demo mode.
pub fn demo_credentials() -> String {
    let mut text = String::from("Demo credentials (Hestia simulator):\n");
    for key in demo::LOGIN_KEYS {
        text.push_str(&format!("  access key  {:<34} {}\n", key.label, key.pair()));
    }
    for (who, user, password) in [
        ("a user", demo::DEMO_USER, demo::USER_PASSWORD),
        ("the root user", demo::ROOT_USER, demo::ROOT_PASSWORD),
    ] {
        text.push_str(&format!("  password    {who:<34} {user} / {password}\n"));
    }
    text.push_str(&format!(
        "  password    {:<34} {} / {}, then the code of secret {} (e.g. oathtool --totp -b)\n",
        "a user with two-factor authentication",
        demo::TWO_FACTOR_USER,
        demo::TWO_FACTOR_PASSWORD,
        demo::TWO_FACTOR_SECRET
    ));
    text.push_str(&format!("  legacy API key {}\n", demo::LEGACY_KEY));
    text
}
