//! A stateful stand-in for a Hestia server's API, served over real HTTP on loopback
//! (DESIGN.md decision 10). Same routing order, statuses, `Hestia-Exit-Code` header, error
//! strings, JSON shapes, key and profile rules, USER-argument check and fail2ban-like ban as
//! PROTOCOL.md describes; faults and latency can be injected.

mod admin;
mod commands;
pub mod demo;
mod endpoint;
mod hosting;
mod login;
mod state;
mod totp;

pub use state::web_domain_record;
pub use state::{
    BackupJob, Fault, Knobs, LoggedRequest, Record, SimKey, SimProfile, SimUser, State, SysConfig,
    BAN_AFTER, BAN_WINDOW,
};
pub use totp::totp;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use tokio::net::TcpListener;
use tokio::sync::watch;

/// A running simulator. Stops when dropped.
#[derive(Debug)]
pub struct Simulator {
    state: Arc<Mutex<State>>,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    in_flight: Arc<InFlight>,
}

/// Calls being answered, and the most there ever were at once (Hestia's PHP pool runs 4).
#[derive(Debug, Default)]
struct InFlight {
    now: std::sync::atomic::AtomicUsize,
    peak: std::sync::atomic::AtomicUsize,
}

/// One call being answered, counted until dropped.
struct Answering(Arc<InFlight>);

impl Answering {
    fn new(in_flight: &Arc<InFlight>) -> Self {
        use std::sync::atomic::Ordering::SeqCst;
        let now = in_flight.now.fetch_add(1, SeqCst) + 1;
        in_flight.peak.fetch_max(now, SeqCst);
        Self(Arc::clone(in_flight))
    }
}

impl Drop for Answering {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Why the connection is dropped without an answer: a ban or a "down" server.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by the simulated firewall")
    }
}

impl std::error::Error for Dropped {}

impl Simulator {
    /// Starts the demo server on `127.0.0.1` and a free port.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_with(
            State::demo(),
            "127.0.0.1:0".parse().map_err(std::io::Error::other)?,
        )
        .await
    }

    /// Starts a server with `state` on `addr`.
    pub async fn start_with(state: State, addr: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(state));
        let (stop, mut stopped) = watch::channel(false);
        let shared = state.clone();
        let in_flight = Arc::new(InFlight::default());
        let counted = Arc::clone(&in_flight);
        tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    accepted = listener.accept() => accepted,
                    _ = stopped.changed() => break,
                };
                let Ok((stream, peer)) = accepted else {
                    continue;
                };
                if lock(&shared).drops(peer.ip()) {
                    continue; // the simulated firewall: no answer at all
                }
                let (state, counted) = (shared.clone(), Arc::clone(&counted));
                let service = hyper::service::service_fn(move |req| {
                    serve(state.clone(), Arc::clone(&counted), peer.ip(), req)
                });
                tokio::spawn(async move {
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(io, service)
                        .await;
                });
            }
        });
        Ok(Self {
            state,
            addr,
            stop,
            in_flight,
        })
    }

    /// The base URL to give a client: `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Reads or changes the state (settings, users, keys, knobs).
    pub fn with_state<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut lock(&self.state))
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.state).log.clone()
    }

    /// `failed to login` lines from `ip` in the current fail2ban window.
    pub fn failed_logins(&self, ip: IpAddr) -> usize {
        lock(&self.state).failed_login_count(ip)
    }

    /// The lines written to `/var/log/hestia/auth.log` so far (without date and time), e.g.
    /// `alice 203.0.113.7 failed to login`.
    pub fn auth_log(&self) -> Vec<String> {
        lock(&self.state).auth_log.clone()
    }

    /// The most API calls it was answering at once since it started.
    pub fn peak_calls_in_flight(&self) -> usize {
        self.in_flight
            .peak
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Sets the injected fault.
    pub fn set_fault(&self, fault: Fault) {
        lock(&self.state).knobs.fault = fault;
    }

    /// Sets the latency added to every answer.
    pub fn set_latency(&self, latency: std::time::Duration) {
        lock(&self.state).knobs.latency = latency;
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

async fn serve(
    state: Arc<Mutex<State>>,
    in_flight: Arc<InFlight>,
    ip: IpAddr,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    if lock(&state).drops(ip) {
        return Err(Dropped);
    }
    let path = req.uri().path().to_owned();
    let content_type = req
        .headers()
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = req
        .into_body()
        .collect()
        .await
        .map_err(|_| Dropped)?
        .to_bytes();
    if path != "/api/" && path != "/api/index.php" {
        return Ok(plain(
            404,
            "text/html",
            "<html><body><h1>404 Not Found</h1></body></html>",
        ));
    }
    let _answering = Answering::new(&in_flight);
    let latency = lock(&state).knobs.latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let answer = endpoint::handle(&mut lock(&state), ip, &content_type, &body);
    let mut response = plain(answer.status, answer.content_type, &answer.body);
    if let Some(code) = answer.exit_code {
        if let Ok(value) = code.to_string().parse() {
            response
                .headers_mut()
                .insert(crate::protocol::EXIT_CODE_HEADER, value);
        }
    }
    Ok(response)
}

fn plain(status: u16, content_type: &'static str, body: &str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body.to_owned())));
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::BAD_REQUEST);
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(content_type),
    );
    response
}
