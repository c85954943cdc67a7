//! The gateway to one Hestia server: the client, key lookup, the strike budget, the read cache
//! and the sealer. Server functions reach it through [`super::RequestCtx`]; every call Hestia
//! may refuse at its key or password check goes through [`Gateway::send`].

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use hestia::cmd::Call;
use hestia::cmd::Spec;
use hestia::protocol::Args;
use hestia::resolver::{KeyCheckError, KeyResolver};
use hestia::{Allowed, Client, Command, Credentials, UserName};

use super::budget::{BudgetConfig, Risk, StrikeBudget};
use super::cache::{CacheKey, Forget, ReadCache};
use super::changes::Changes;
use super::errors::from_hestia;
use super::sealer::Sealer;
use crate::error::HearthError;

/// How the gateway is set up (built by the server from its configuration).
pub struct GatewayConfig {
    /// The server's id (cache keys, sessions and logs carry it).
    pub server_id: String,
    /// `host:port` of the Hestia API, to name Hearth's source address in errors.
    pub hestia_addr: Option<String>,
    /// The client.
    pub client: Client,
    /// Key lookup, when a service key is configured.
    pub resolver: Option<KeyResolver>,
    /// Hestia's `ROOT_USER`.
    pub root_user: UserName,
    /// Without a service key: the commands of the profiles the operator declared.
    pub declared: Allowed,
    /// Running on the embedded simulator.
    pub demo: bool,
    /// How long listings are cached.
    pub cache_ttl: Duration,
    /// How long a session lives at most, however active.
    pub absolute_lifetime: Duration,
    /// How long a session lives without a request.
    pub idle_timeout: Duration,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Seals secrets in the session store.
    pub sealer: Sealer,
    /// Hearth's own records.
    pub db: super::HearthDb,
    /// How many refusals Hearth may cause at this server.
    pub budget: BudgetConfig,
    /// How often queued backups and restores are checked.
    pub job_checks: super::jobs::JobChecks,
    /// The profiles of the key made for a password session (DESIGN.md decision 17).
    pub session_profiles: Vec<String>,
    /// The same for the root user's password sessions; none: an unrestricted key.
    pub root_session_profiles: Vec<String>,
    /// How often the database is looked at for sessions that ended on another instance, whose
    /// keys are to be deleted.
    pub key_sweep: Duration,
}

/// Who a call to Hestia is made for: what the strike budget and the session lanes need.
pub struct Caller {
    /// The credentials it is sent with.
    pub credentials: Arc<Credentials>,
    /// The session's handle, for a session's call: its calls go one at a time and stop for good
    /// once Hestia refused its credentials.
    pub session: Option<String>,
    /// Whether the credentials ever worked.
    pub risk: Risk,
    /// The browser's address, for a login (one address may not spend the whole budget).
    pub address: Option<IpAddr>,
}

/// Sessions' Hestia calls, one at a time per session, and the sessions whose credentials Hestia
/// refused (at most one refusal per session, ever: DESIGN.md decision 14).
#[derive(Default)]
struct Lanes {
    lanes: Mutex<HashMap<String, Weak<tokio::sync::Mutex<()>>>>,
    revoked: Mutex<HashSet<String>>,
}

impl Lanes {
    fn lane(&self, handle: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut lanes = self.lanes.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(lane) = lanes.get(handle).and_then(Weak::upgrade) {
            return lane;
        }
        if lanes.len() > 1024 {
            lanes.retain(|_, lane| lane.strong_count() > 0);
        }
        let lane = Arc::new(tokio::sync::Mutex::new(()));
        lanes.insert(handle.to_owned(), Arc::downgrade(&lane));
        lane
    }

    fn revoke(&self, handle: &str) {
        let mut revoked = self.revoked.lock().unwrap_or_else(PoisonError::into_inner);
        if revoked.len() > 10_000 {
            revoked.clear();
        }
        revoked.insert(handle.to_owned());
    }

    fn is_revoked(&self, handle: &str) -> bool {
        self.revoked
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(handle)
    }
}

/// Whether Hestia accepts Hearth's service key. A refused service key is the operator's to fix:
/// key logins wait, and it is tried again at most once a minute, through the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ServiceHealth {
    Unchecked,
    Works,
    Refused(Instant),
}

/// How Hestia answered the last call through the gateway (for `/healthz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HestiaSeen {
    /// No call yet.
    NotYet,
    /// It answered (refusals included).
    Answers,
    /// No connection, or it broke.
    Unreachable,
    /// No answer in time.
    TimingOut,
    /// Its web server answered with an error page.
    HttpErrors,
}

impl HestiaSeen {
    fn after(result: &Result<String, hestia::Error>) -> Option<Self> {
        match result {
            Err(hestia::Error::Unreachable { .. }) => Some(Self::Unreachable),
            Err(hestia::Error::Timeout { .. }) => Some(Self::TimingOut),
            Err(hestia::Error::Http { .. }) => Some(Self::HttpErrors),
            // Hearth's own wait for a slot says nothing of Hestia.
            Err(hestia::Error::Busy { .. }) => None,
            _ => Some(Self::Answers),
        }
    }

    /// In a word or two.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotYet => "not called yet",
            Self::Answers => "ok",
            Self::Unreachable => "unreachable",
            Self::TimingOut => "timing out",
            Self::HttpErrors => "answering with HTTP errors",
        }
    }
}

/// Wrong passwords (and 2FA codes) Hearth lets one account have in the budget's window; one
/// address may spend half of them (as many as Hestia's fail2ban allows), so one guesser alone
/// never locks the account's owner out.
const ACCOUNT_GUESSES: usize = 10;
/// Wrong passwords Hearth lets one address (an IPv6 /64) try, whatever the accounts.
const ADDRESS_GUESSES: usize = 10;

/// How long a refused service key is left alone before it is tried again.
const SERVICE_RECHECK: Duration = Duration::from_secs(60);

/// Listings this fresh are kept when the Refresh button is pressed.
const REFRESH_KEEPS: Duration = Duration::from_secs(5);

/// The gateway to one Hestia server.
pub struct Gateway {
    pub(super) config: GatewayConfig,
    budget: Arc<StrikeBudget>,
    lanes: Arc<Lanes>,
    service_health: Mutex<ServiceHealth>,
    hestia_seen: Mutex<HestiaSeen>,
    service_check: tokio::sync::Mutex<()>,
    pub(super) cache: ReadCache<Sent>,
    /// What this instance tells the others, and hears from them, about stale listings.
    changes: Changes,
    jobs: super::jobs::JobBook,
    parsed: super::objects::ParsedLists,
    sessions: super::sessions::SessionBook,
    session_keys: super::session_keys::SessionKeys,
    audit: super::audit::AuditLog,
}

impl Gateway {
    /// A gateway, following the other instances' news of changes while it lives.
    pub fn start(config: GatewayConfig) -> Arc<Self> {
        let gateway = Arc::new(Self::new(config));
        super::changes::spawn_follower(&gateway);
        super::session_keys::spawn_reaper(&gateway);
        gateway
    }

    fn new(config: GatewayConfig) -> Self {
        let cache = ReadCache::new(config.cache_ttl);
        let idle = i64::try_from(config.idle_timeout.as_secs()).unwrap_or(i64::MAX);
        let lifetime = i64::try_from(config.absolute_lifetime.as_secs()).unwrap_or(i64::MAX);
        let ended = Arc::new(tokio::sync::Notify::new());
        let sessions = super::sessions::SessionBook::new(
            config.db.clone(),
            config.server_id.clone(),
            idle,
            Arc::clone(&ended),
        );
        let session_keys = super::session_keys::SessionKeys::new(
            config.db.clone(),
            config.server_id.clone(),
            (idle, lifetime),
            config.key_sweep,
            ended,
        );
        let audit = super::audit::AuditLog::new(config.db.clone(), config.server_id.clone());
        Self {
            sessions,
            session_keys,
            audit,
            budget: Arc::new(StrikeBudget::new(
                config.budget,
                config.db.clone(),
                format!("{}/hestia", config.server_id),
            )),
            changes: Changes::new(config.db.clone()),
            lanes: Arc::default(),
            service_health: Mutex::new(ServiceHealth::Unchecked),
            hestia_seen: Mutex::new(HestiaSeen::NotYet),
            service_check: tokio::sync::Mutex::new(()),
            config,
            cache,
            jobs: super::jobs::JobBook::default(),
            parsed: super::objects::ParsedLists::default(),
        }
    }

    /// Running on the embedded simulator.
    pub fn is_demo(&self) -> bool {
        self.config.demo
    }

    /// Whether a service key lets Hearth look keys up.
    pub fn has_service_key(&self) -> bool {
        self.config.resolver.is_some()
    }

    /// Hestia's root user.
    pub fn root_user(&self) -> &UserName {
        &self.config.root_user
    }

    /// The server's id.
    pub fn server_id(&self) -> &str {
        &self.config.server_id
    }

    /// The sealer.
    pub fn sealer(&self) -> &Sealer {
        &self.config.sealer
    }

    /// Backups and restores queued through Hearth.
    pub fn jobs(&self) -> &super::jobs::JobBook {
        &self.jobs
    }

    /// How often queued jobs are checked.
    pub fn job_checks(&self) -> super::jobs::JobChecks {
        self.config.job_checks
    }

    /// The live Hearth sessions.
    pub fn sessions(&self) -> &super::sessions::SessionBook {
        &self.sessions
    }

    /// The audit log.
    pub fn audit(&self) -> &super::audit::AuditLog {
        &self.audit
    }

    /// The service key's lookups, when there is a service key.
    pub fn resolver(&self) -> Option<&KeyResolver> {
        self.config.resolver.as_ref()
    }

    /// Listings parsed from cached answers.
    pub fn parsed_lists(&self) -> &super::objects::ParsedLists {
        &self.parsed
    }

    /// The news of changes shared with the other instances.
    pub(super) fn changes(&self) -> &Changes {
        &self.changes
    }

    /// Drops the cached listings `forget` names, here only (news from another instance).
    pub(super) fn drop_cached(&self, forget: &Forget) {
        self.cache.forget(forget);
    }

    /// Drops the cached listings `forget` names, here and on every other instance.
    async fn forget(&self, forget: Forget) {
        self.cache.forget(&forget);
        self.changes.publish(&forget).await;
    }

    /// Forgets the cached listings a change by `command` (for `owner`, acting for `user`) may
    /// have made stale: exactly those it touches when the catalogue knows them, else all of the
    /// account's, else (a server-wide change: users, packages, keys) all.
    async fn forget_after(&self, command: &str, owner: &UserName, user: Option<&UserName>) {
        let server = &self.config.server_id;
        match (crate::catalogue::lists_changed_by(command), user) {
            (Some(lists), _) if lists.is_empty() => {}
            (Some(lists), Some(user)) => {
                self.forget(Forget::lists(server, user.as_str(), &lists, true))
                    .await;
            }
            (None, Some(user)) => {
                self.forget(Forget::account(server, user.as_str())).await;
                if owner != user {
                    self.forget(Forget::account(server, owner.as_str())).await;
                }
            }
            (_, None) => self.forget(Forget::server(server)).await,
        }
    }

    /// Forgets `owner`'s cached listings for the Refresh button (and the server-wide ones for
    /// the root user), but not those read in the last [`REFRESH_KEEPS`].
    pub async fn forget_for_refresh(&self, owner: &str, root: bool) {
        let forget = Forget {
            server_wide: root,
            keep_ms: u64::try_from(REFRESH_KEEPS.as_millis()).unwrap_or(u64::MAX),
            ..Forget::account(&self.config.server_id, owner)
        };
        self.forget(forget).await;
    }

    /// Forgets every cached listing of `owner` (a finished backup or restore may have changed
    /// any of them).
    pub async fn forget_account(&self, owner: &str) {
        self.forget(Forget::account(&self.config.server_id, owner))
            .await;
    }

    /// Whether `ip` is a reverse proxy whose `X-Forwarded-For` is believed.
    pub fn trusts_proxy(&self, ip: std::net::IpAddr) -> bool {
        self.config.trusted_proxies.contains(&ip)
    }

    /// The absolute session lifetime.
    pub fn absolute_lifetime(&self) -> Duration {
        self.config.absolute_lifetime
    }

    /// The limits on wrong passwords and codes for `user` (reserved with the address, which may
    /// hold half of it) and from `address` (an IPv6 /64 as one). They cost
    /// Hearth no strike once the service key checks them (the browser's address is the one
    /// Hestia counts), but Hearth is the one guarding its login page.
    pub(super) fn guess_limits(
        &self,
        user: &UserName,
        address: Option<IpAddr>,
    ) -> [Arc<StrikeBudget>; 2] {
        let limit = |limit: usize, whose: String| {
            Arc::new(StrikeBudget::new(
                BudgetConfig {
                    limit,
                    ..self.config.budget
                },
                self.config.db.clone(),
                format!("{}/guesses/{whose}", self.config.server_id),
            ))
        };
        let address = address.map_or_else(|| "unknown".to_owned(), |a| a.to_string());
        [
            limit(ACCOUNT_GUESSES, format!("account/{user}")),
            limit(ADDRESS_GUESSES, format!("address/{address}")),
        ]
    }

    /// The keys made for password sessions.
    pub(super) fn session_keys(&self) -> &super::session_keys::SessionKeys {
        &self.session_keys
    }

    /// The profiles of the key made for a password session of `user`.
    pub(super) fn session_profiles(&self, user: &UserName) -> &[String] {
        if user == self.root_user() {
            &self.config.root_session_profiles
        } else {
            &self.config.session_profiles
        }
    }

    /// How Hestia answered the last call.
    pub fn hestia_seen(&self) -> HestiaSeen {
        *self
            .hestia_seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Hearth's database.
    pub fn db(&self) -> &super::HearthDb {
        &self.config.db
    }

    /// Whether Hestia refused the credentials of the session with this handle.
    pub fn is_revoked(&self, handle: &str) -> bool {
        self.lanes.is_revoked(handle)
    }

    pub(super) fn map_error(&self, error: &hestia::Error) -> HearthError {
        from_hestia(error, self.config.hestia_addr.as_deref())
    }

    /// Runs `command` for `caller`, acting for `owner`. The caller has checked that the session
    /// may run it.
    pub(super) async fn run<C: Command>(
        &self,
        caller: &Caller,
        owner: &UserName,
        command: &C,
    ) -> Result<C::Output, HearthError> {
        let parse = |body: &str| C::parse(body).map(drop);
        let body = self
            .fetch(
                caller,
                owner,
                &C::SPEC,
                &command.args(),
                command.user(),
                parse,
            )
            .await?;
        C::parse(&body).map_err(|e| self.map_error(&decode_error(C::NAME, e)))
    }

    /// Runs a described command; a read's output must be a keyed listing.
    pub(super) async fn call(
        &self,
        caller: &Caller,
        owner: &UserName,
        call: &Call,
    ) -> Result<Arc<str>, HearthError> {
        let parse = |body: &str| hestia::model::parse_entries(body, &[]).map(drop);
        self.fetch(
            caller,
            owner,
            call.spec,
            &call.args,
            call.user.as_ref(),
            parse,
        )
        .await
    }

    fn cache_key(
        &self,
        credentials: &Credentials,
        user: Option<&UserName>,
        command: &'static str,
        args: &Args,
    ) -> CacheKey {
        CacheKey {
            server: self.config.server_id.clone(),
            owner: user.map_or_else(|| "*".to_owned(), ToString::to_string),
            // Answers are shared only among sessions of one key: another key's refusal is not
            // this session's.
            credentials: credentials.identity(),
            command,
            args: args.to_wire(),
        }
    }

    /// Keeps the answer to a read made on another path (the login's check of the account), so
    /// the session's first page need not ask Hestia again.
    pub(super) fn remember(
        &self,
        credentials: &Credentials,
        user: &UserName,
        command: &'static str,
        args: &Args,
        body: &str,
    ) {
        if hestia::model::parse_entries(body, &[]).is_ok() {
            let key = self.cache_key(credentials, Some(user), command, args);
            self.cache.put(key, body);
        }
    }

    /// One call: reads go through the cache (only answers that `parse` accepts are kept, so a
    /// broken one is fetched again next time); changes drop the owner's cached reads.
    async fn fetch(
        &self,
        caller: &Caller,
        owner: &UserName,
        spec: &'static Spec,
        args: &Args,
        user: Option<&UserName>,
        parse: impl Fn(&str) -> Result<(), hestia::model::DecodeError>,
    ) -> Result<Arc<str>, HearthError> {
        let call = || async {
            let body = self.send(caller, spec, args).await?;
            parse(&body).map_err(|e| Sent::Hestia(decode_error(spec.name, e)))?;
            Ok(body)
        };
        let result: Result<Arc<str>, Sent> = if spec.changes() {
            let result = call().await.map(Arc::from);
            self.forget_after(spec.name, owner, user).await;
            result
        } else {
            let key = self.cache_key(&caller.credentials, user, spec.name, args);
            self.cache.get_or_fetch(key, call).await
        };
        result.map_err(|e| match e {
            Sent::Hestia(e) => self.map_error(&e),
            Sent::Hearth(e) => e,
        })
    }

    /// Sends one call Hestia may refuse at its key check: in the session's lane, with a slot of
    /// the strike budget. The call runs to its end even if the request that made it goes away,
    /// so its slot is settled with what Hestia really answered.
    pub(super) async fn send(
        &self,
        caller: &Caller,
        spec: &'static Spec,
        args: &Args,
    ) -> Result<String, Sent> {
        let lane = match &caller.session {
            Some(handle) => {
                let lane = self.lanes.lane(handle);
                let (guard, waited) = match Arc::clone(&lane).try_lock_owned() {
                    Ok(guard) => (guard, false),
                    // A slow command (minutes) holds its session's lane: others of that
                    // session say "busy" rather than hang.
                    Err(_) => {
                        let wait = self.config.budget.wait;
                        let guard = tokio::time::timeout(wait, lane.lock_owned())
                            .await
                            .map_err(|_| Sent::Hearth(HearthError::Busy))?;
                        (guard, true)
                    }
                };
                // Another request of this session may have found its credentials refused, or
                // the session was ended, while this one waited (the request itself found it
                // live when it began).
                if self.lanes.is_revoked(handle) {
                    return Err(Sent::Hearth(HearthError::CredentialsRevoked));
                }
                if waited && !self.sessions.touch(handle).await.map_err(Sent::Hearth)? {
                    return Err(Sent::Hearth(HearthError::SessionExpired));
                }
                Some(guard)
            }
            None => None,
        };
        let reservation = self
            .budget
            .reserve(caller.address, caller.risk)
            .await
            .map_err(Sent::Hearth)?;
        let client = self.config.client.clone();
        let credentials = Arc::clone(&caller.credentials);
        let args = args.clone();
        let (session, lanes) = (caller.session.clone(), Arc::clone(&self.lanes));
        let handle = session.clone();
        let result = tokio::spawn(async move {
            let result = client.call(&credentials, spec, &args).await;
            match &result {
                Err(e) if e.is_failed_login() => {
                    reservation.refused().await;
                    // Before the lane opens: the session's next call must see it.
                    if let Some(handle) = &session {
                        lanes.revoke(handle);
                    }
                }
                _ => reservation.accepted().await,
            }
            drop(lane);
            result
        })
        .await
        .map_err(|_| Sent::Hearth(HearthError::Internal))?;
        if let Some(seen) = HestiaSeen::after(&result) {
            *self
                .hestia_seen
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = seen;
        }
        match result {
            Err(e) if e.is_failed_login() => match handle {
                Some(handle) => {
                    tracing::warn!(
                        command = spec.name,
                        "Hestia refused a session's credentials: the session is over"
                    );
                    let _ = self
                        .sessions
                        .end(super::sessions::Ending::One(handle), None)
                        .await;
                    // The words for the person; Hestia's own reason goes to the log.
                    let _ = self.map_error(&e);
                    Err(Sent::Hearth(HearthError::CredentialsRevoked))
                }
                None => Err(Sent::Hestia(e)),
            },
            other => other.map_err(Sent::Hestia),
        }
    }

    /// Runs `check` with the service key's resolver, unless Hestia refused the service key in
    /// the last minute. Until the key is known to work, one check at a time, through the budget.
    pub async fn with_service_key<'a, T, F, Fut>(&'a self, check: F) -> Result<T, HearthError>
    where
        F: FnOnce(&'a KeyResolver) -> Fut,
        Fut: std::future::Future<Output = Result<T, KeyCheckError>>,
    {
        let Some(resolver) = self.config.resolver.as_ref() else {
            return Err(HearthError::Internal);
        };
        let health = || {
            *self
                .service_health
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        };
        let set_health = |h| {
            *self
                .service_health
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = h
        };
        let refused_recently =
            |h| matches!(h, ServiceHealth::Refused(at) if at.elapsed() < SERVICE_RECHECK);
        if refused_recently(health()) {
            return Err(HearthError::ServiceKeyRefused);
        }
        let mut reservation = None;
        let _one_check = if health() == ServiceHealth::Works {
            None
        } else {
            let guard = self.service_check.lock().await;
            if refused_recently(health()) {
                return Err(HearthError::ServiceKeyRefused);
            }
            if health() != ServiceHealth::Works {
                reservation = Some(self.budget.reserve(None, Risk::Proven).await?);
            }
            Some(guard)
        };
        let result = check(resolver).await;
        let refused = matches!(&result, Err(KeyCheckError::Hestia(e)) if e.is_failed_login());
        match (reservation, refused) {
            (Some(r), true) => r.refused().await,
            (Some(r), false) => r.accepted().await,
            // It worked a moment ago: the refusal came unannounced, but it still counts.
            (None, true) => self.budget.record_strike(None).await,
            (None, false) => {}
        }
        if refused {
            if let Err(KeyCheckError::Hestia(e)) = &result {
                tracing::error!(error = %e, "Hestia refused Hearth's service key: key logins wait until it works again");
            }
            set_health(ServiceHealth::Refused(Instant::now()));
            return Err(HearthError::ServiceKeyRefused);
        }
        // Any answer but a failed call means Hestia accepted the service key.
        if !matches!(result, Err(KeyCheckError::Hestia(_))) {
            set_health(ServiceHealth::Works);
        }
        result.map_err(|e| self.key_check_error(e))
    }

    fn key_check_error(&self, e: KeyCheckError) -> HearthError {
        use crate::error::LoginProblem;
        match e {
            KeyCheckError::UnknownKey => HearthError::Login(LoginProblem::UnknownKey),
            KeyCheckError::WrongSecret => HearthError::Login(LoginProblem::WrongSecret),
            KeyCheckError::NoPermissions => HearthError::Login(LoginProblem::NoPermissions),
            KeyCheckError::OwnerSuspended(user) => HearthError::OwnerSuspended {
                user: user.to_string(),
            },
            KeyCheckError::OwnerMissing(user) => HearthError::OwnerMissing {
                user: user.to_string(),
            },
            KeyCheckError::BadOwner => HearthError::Internal,
            KeyCheckError::Hestia(e) => self.map_error(&e),
        }
    }
}

/// How a call ended before it was decoded: Hestia's answer, or Hearth's own refusal.
#[derive(Debug, Clone)]
pub(super) enum Sent {
    Hestia(hestia::Error),
    Hearth(HearthError),
}

fn decode_error(command: &str, e: hestia::model::DecodeError) -> hestia::Error {
    hestia::Error::Decode {
        command: command.to_owned(),
        path: e.path,
    }
}
