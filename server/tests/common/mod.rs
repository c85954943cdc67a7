//! A real Hearth on a loopback port, in front of a real simulator, and an HTTP client that
//! keeps every response so tests can scan them.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod objects;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};

use hestia::simulator::{demo, Simulator};
use server::config::Config;

/// Every log line Hearth wrote in this test process.
pub fn logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let _ = tracing_subscriber::fmt()
            .with_env_filter("debug,hyper=info,h2=info,reqwest=info,rustls=info")
            .with_ansi(false)
            .with_writer(move || LogWriter(writer.clone()))
            .try_init();
        buffer
    })
    .clone()
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One response, kept whole.
#[derive(Debug, Clone)]
pub struct Seen {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The session cookie's `name=value`, if this response set one.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, v)| v.split(';').next().unwrap_or("").to_owned())
            .find(|c| c.starts_with("hearth=") || c.starts_with("__Host-hearth="))
    }

    /// The server function's error, decoded.
    pub fn error(&self) -> Option<app::error::HearthError> {
        serde_json::from_str(&self.body).ok()
    }
}

pub struct TestHearth {
    pub addr: SocketAddr,
    /// The simulator Hearth talks to (embedded in demo mode, or the test's own).
    pub sim: Arc<Simulator>,
    pub cookie: Mutex<Option<String>>,
    pub seen: Mutex<Vec<Seen>>,
    http: reqwest::Client,
    /// The task serving it.
    serving: tokio::task::AbortHandle,
}

impl TestHearth {
    /// Hearth in demo mode, its log captured for the tests that read it.
    pub async fn demo(configure: impl FnOnce(&mut Config)) -> Self {
        logs();
        Self::bench(configure).await
    }

    /// Hearth in demo mode, its log not captured (debug lines would weigh on a bench's timings).
    pub async fn bench(configure: impl FnOnce(&mut Config)) -> Self {
        let mut config = Config {
            database_url: "sqlite::memory:".into(),
            ..Config::default()
        };
        configure(&mut config);
        Self::start(config, None).await
    }

    /// Hearth in front of `sim`, configured by `configure` (the Hestia URL is set).
    pub async fn with_simulator(sim: Arc<Simulator>, configure: impl FnOnce(&mut Config)) -> Self {
        logs();
        Self::bench_with_simulator(sim, configure).await
    }

    /// Hearth in front of `sim`, its log not captured (for benches).
    pub async fn bench_with_simulator(
        sim: Arc<Simulator>,
        configure: impl FnOnce(&mut Config),
    ) -> Self {
        let mut config = Config {
            database_url: "sqlite::memory:".into(),
            ..Config::default()
        };
        config.hestia.url = Some(sim.url());
        configure(&mut config);
        Self::start(config, Some(sim)).await
    }

    async fn start(config: Config, sim: Option<Arc<Simulator>>) -> Self {
        let hearth = server::build(config).await.expect("hearth builds");
        let sim = sim.or(hearth.simulator.map(Arc::new)).expect("a simulator");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let serving = tokio::spawn(async move {
            axum::serve(
                listener,
                hearth
                    .router
                    .into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        })
        .abort_handle();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .unwrap();
        Self {
            addr,
            sim,
            cookie: Mutex::new(None),
            seen: Mutex::new(Vec::new()),
            http,
            serving,
        }
    }

    /// Stops this Hearth as if its process died: it takes no more connections, and nothing of
    /// it runs on but the requests already under way.
    pub fn kill(&self) {
        self.serving.abort();
    }

    /// Carries on in this browser with `other`'s session cookie (a load balancer sent the
    /// browser's next request here).
    pub fn take_cookie_of(&self, other: &Self) {
        *self.cookie.lock().unwrap() = other.cookie.lock().unwrap().clone();
    }

    /// Another browser on the same Hearth: its own cookies, nothing logged in.
    pub fn another_browser(&self) -> Self {
        Self {
            addr: self.addr,
            sim: self.sim.clone(),
            cookie: Mutex::new(None),
            seen: Mutex::new(Vec::new()),
            http: self.http.clone(),
            serving: self.serving.clone(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Seen {
        let request = match self.cookie.lock().unwrap().clone() {
            Some(c) => request.header("cookie", c),
            None => request,
        };
        let res = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("hearth answers: {e:?}"));
        let status = res.status().as_u16();
        let headers = res
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let seen = Seen {
            status,
            headers,
            body: res.text().await.unwrap(),
        };
        if let Some(c) = seen.session_cookie() {
            *self.cookie.lock().unwrap() = Some(c);
        }
        self.seen.lock().unwrap().push(seen.clone());
        seen
    }

    /// A page, as a browser asks for it.
    pub async fn get(&self, path: &str) -> Seen {
        self.send(self.http.get(self.url(path)).header("accept", "text/html"))
            .await
    }

    /// A server function, as the hydrated app calls it.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Seen {
        let origin = format!("http://{}", self.addr);
        self.send(
            self.http
                .post(self.url(&format!("/api/{endpoint}")))
                .header("origin", origin)
                .form(form),
        )
        .await
    }

    /// A server function called through a reverse proxy that says the browser is `forwarded`
    /// (its User-Agent is [`BROWSER`]).
    pub async fn call_forwarded(
        &self,
        forwarded: &str,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Seen {
        let origin = format!("http://{}", self.addr);
        self.send(
            self.http
                .post(self.url(&format!("/api/{endpoint}")))
                .header("origin", origin)
                .header("x-forwarded-for", forwarded)
                .header("user-agent", BROWSER)
                .form(form),
        )
        .await
    }

    /// A server function, as a plain HTML form posts it (no JavaScript).
    pub async fn submit(&self, endpoint: &str, form: &[(&str, &str)], from_page: &str) -> Seen {
        let origin = format!("http://{}", self.addr);
        let request = self
            .http
            .post(self.url(&format!("/api/{endpoint}")))
            .header("origin", origin)
            .header("accept", "text/html")
            .header("referer", self.url(from_page))
            .form(form);
        self.send(request).await
    }

    pub async fn login_key(&self, key: &demo::DemoKey) -> Seen {
        self.call("login-key", &[("key", key.id), ("secret", key.secret)])
            .await
    }

    pub fn failed_logins(&self) -> usize {
        self.sim.failed_logins("127.0.0.1".parse().unwrap())
    }
}

/// The User-Agent of requests through a proxy ([`TestHearth::call_forwarded`]).
pub const BROWSER: &str = "Mozilla/5.0 (X11; Linux x86_64) HearthTests/1.0";

/// Every secret the demo knows.
pub fn demo_secrets() -> Vec<&'static str> {
    let mut all: Vec<&str> = demo::LOGIN_KEYS.iter().map(|k| k.secret).collect();
    all.extend([
        demo::SERVICE_KEY.secret,
        demo::ROOT_PASSWORD,
        demo::USER_PASSWORD,
        demo::TWO_FACTOR_PASSWORD,
        demo::TWO_FACTOR_SECRET,
        demo::LEGACY_KEY,
    ]);
    all
}

/// The PostgreSQL database tests may use (`HEARTH_TEST_POSTGRES_URL`; `cargo xtask test`
/// starts one and sets it). Without it the PostgreSQL half of a test is skipped, and says so.
#[allow(clippy::print_stdout)]
pub fn postgres_url() -> Option<String> {
    let url = std::env::var("HEARTH_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty());
    if url.is_none() {
        println!("PostgreSQL half skipped: HEARTH_TEST_POSTGRES_URL is not set");
    }
    url
}

/// A fresh database on each engine for one test: a new SQLite file, and a new database on the
/// test PostgreSQL when there is one (tests of one binary run at once, and instances on one
/// database share their budgets). `test` is a short name of lowercase letters and `_`.
pub async fn databases(test: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("hearth-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut urls = vec![format!("sqlite://{}", dir.join("hearth.db").display())];
    if let Some(url) = postgres_url() {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        let name = format!("hearth_{test}_{}", std::process::id());
        for statement in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            sqlx::query(&statement).execute(&pool).await.unwrap();
        }
        pool.close().await;
        let (server, _) = url.rsplit_once('/').unwrap();
        urls.push(format!("{server}/{name}"));
    }
    urls
}

/// Every session record stored in the database at `url`, end to end.
pub async fn stored_session_records(url: &str) -> String {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let records: Vec<String> = sqlx::query_scalar("SELECT record FROM session_records")
        .fetch_all(&pool)
        .await
        .unwrap();
    records.concat()
}
