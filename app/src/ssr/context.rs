//! Everything a server function needs for one request: the gateway and the logged-in session.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use hestia::cmd::{self, Spec};
use hestia::protocol::Args;
use hestia::{Command, UserName};
use leptos::prelude::*;
use tower_sessions::Session;

use super::gateway::Gateway;
use super::record::{SessionRecord, SESSION_KEY};
use crate::error::HearthError;

/// The gateway from the Leptos context (the server provides it for every request).
pub fn gateway() -> Result<Arc<Gateway>, HearthError> {
    use_context::<Arc<Gateway>>().ok_or_else(|| {
        tracing::error!("no Hestia gateway in the request context");
        HearthError::Internal
    })
}

/// The request's tower-sessions session.
pub async fn session() -> Result<Session, HearthError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer");
        HearthError::Internal
    })
}

/// What a failure of the session store means to the person: the database is out of reach (the
/// store's backend failed), or something Hearth did not expect (a record it cannot read).
pub fn session_store_error(e: tower_sessions::session::Error) -> HearthError {
    use tower_sessions::session::Error;
    use tower_sessions::session_store::Error as StoreError;
    match e {
        Error::Store(StoreError::Backend(reason)) => {
            tracing::error!(error = %reason, "the session store is unavailable");
            HearthError::DatabaseUnavailable
        }
        e => {
            tracing::error!(error = %e, "the session store failed");
            HearthError::Internal
        }
    }
}

/// The browser's address and User-Agent. Behind a trusted reverse proxy the address is the
/// right-most one in `X-Forwarded-For` that is not itself a trusted proxy (the ones to its left
/// are whatever the browser claimed).
pub async fn client_address() -> (String, String) {
    let peer = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .map(|ConnectInfo(a)| a.ip())
        .ok();
    let parts = use_context::<http::request::Parts>();
    let header = |name: http::header::HeaderName| {
        parts.as_ref().map_or_else(Vec::new, |p| {
            p.headers
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    };
    let ip = match (peer, gateway()) {
        (Some(peer), Ok(gateway)) if gateway.trusts_proxy(peer) => Some(
            header(http::HeaderName::from_static("x-forwarded-for"))
                .iter()
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<std::net::IpAddr>().ok())
                .rev()
                .find(|a| !gateway.trusts_proxy(*a))
                .unwrap_or(peer),
        ),
        (peer, _) => peer,
    };
    let agent = header(http::header::USER_AGENT).join(" ");
    let ip = ip.map(|ip| ip.to_string()).unwrap_or_default();
    (ip, agent.chars().take(200).collect())
}

/// A request of a logged-in session.
#[derive(Clone)]
pub struct RequestCtx {
    gateway: Arc<Gateway>,
    session: Session,
    record: SessionRecord,
    /// The browser's address for this request (the audit log's).
    ip: String,
}

impl RequestCtx {
    /// The logged-in session of this request, or [`HearthError::SessionExpired`].
    pub async fn extract() -> Result<Self, HearthError> {
        let (ip, _) = client_address().await;
        let mut ctx = Self::from_parts(gateway()?, session().await?).await?;
        ctx.ip = ip;
        Ok(ctx)
    }

    /// The logged-in session of a plain axum request (outside Leptos).
    pub async fn from_parts(gateway: Arc<Gateway>, session: Session) -> Result<Self, HearthError> {
        let record = Self::load(&gateway, &session)
            .await?
            .ok_or(HearthError::SessionExpired)?;
        Ok(Self {
            ip: record.client_ip.clone(),
            gateway,
            session,
            record,
        })
    }

    /// The session record if logged in. One that expired, was ended (from the sessions page,
    /// or by revoking its key) or belongs to another server is flushed, and this request is
    /// told why (every page is a full load: its login page then says the session ended).
    pub async fn load(
        gateway: &Gateway,
        session: &Session,
    ) -> Result<Option<SessionRecord>, HearthError> {
        let record: Option<SessionRecord> = session
            .get(SESSION_KEY)
            .await
            .map_err(session_store_error)?;
        let Some(record) = record else {
            return Ok(None);
        };
        let age = time::OffsetDateTime::now_utc()
            - time::OffsetDateTime::from_unix_timestamp(record.logged_in_at)
                .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        let too_old = age.is_negative() || age.unsigned_abs() > gateway.absolute_lifetime();
        if too_old || record.server != gateway.server_id() {
            tracing::info!(user = %record.owner, "session reached its absolute lifetime");
            if too_old {
                let ending = super::sessions::Ending::One(record.handle.clone());
                let _ = gateway.sessions().end(ending, None).await;
            }
            let _ = session.flush().await;
            return Err(HearthError::SessionExpired);
        }
        if !gateway.sessions().touch(&record.handle).await? {
            tracing::info!(user = %record.owner, "session was ended");
            let _ = session.flush().await;
            if gateway.is_revoked(&record.handle) {
                return Err(HearthError::CredentialsRevoked);
            }
            return Err(HearthError::SessionExpired);
        }
        Ok(Some(record))
    }

    /// The account that logged in.
    pub fn owner(&self) -> &UserName {
        &self.record.owner
    }

    /// The account the session's commands act for: the one acted as, or its own.
    pub fn subject(&self) -> &UserName {
        self.record.subject()
    }

    /// Whether the session belongs to the root user (whether or not it acts as someone).
    pub fn is_root(&self) -> bool {
        &self.record.owner == self.gateway.root_user()
    }

    /// Whose Hearth records (sessions, audit entries) the session sees and ends: everyone's
    /// for the root user (`None`), its own account's otherwise.
    pub fn records_of(&self) -> Option<String> {
        (!self.is_root()).then(|| self.owner().to_string())
    }

    /// The browser's address.
    pub fn ip(&self) -> &str {
        &self.ip
    }

    /// Who is acting, for the audit log.
    pub fn actor(&self) -> super::audit::Actor {
        super::audit::Actor {
            user: self.record.owner.to_string(),
            acting_as: self.record.acting_as.as_ref().map(ToString::to_string),
            key_id: self.record.key_id.as_ref().map(ToString::to_string),
            ip: self.ip.clone(),
        }
    }

    /// The tower-sessions session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The session record.
    pub fn record(&self) -> &SessionRecord {
        &self.record
    }

    /// Fails unless the session may run `command`.
    pub fn require(&self, command: &str) -> Result<(), HearthError> {
        if self.record.allowed.allows(command) {
            Ok(())
        } else {
            tracing::warn!(user = %self.record.owner, command, "refused a command outside the session's set");
            Err(HearthError::NotAllowed {
                command: command.to_owned(),
            })
        }
    }

    /// Runs a command the session is allowed to run. Credentials that Hestia no longer accepts
    /// end the session (the gateway sees to that, once for all its requests).
    pub async fn run<C: Command>(&self, command: C) -> Result<C::Output, HearthError> {
        self.require(C::NAME)?;
        let caller = self.caller().await?;
        let result = self.gateway.run(&caller, self.subject(), &command).await;
        self.audit_change(&C::SPEC, &command.args(), &result).await;
        self.after(result).await
    }

    /// Runs a described command the session is allowed to run (same rules as [`Self::run`]);
    /// yields its raw output.
    pub async fn call(&self, call: &hestia::cmd::Call) -> Result<Arc<str>, HearthError> {
        self.require(call.spec.name)?;
        let caller = self.caller().await?;
        let result = self.gateway.call(&caller, self.subject(), call).await;
        self.audit_change(call.spec, &call.args, &result).await;
        self.after(result).await
    }

    /// Writes a change (not a password file on the Hestia host) to the audit log, with the
    /// arguments its description marks secret masked.
    async fn audit_change<T>(&self, spec: &Spec, args: &Args, result: &Result<T, HearthError>) {
        if !spec.changes() || *spec == cmd::MAKE_TMP_FILE {
            return;
        }
        let args = args
            .to_wire()
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                if spec.is_secret(i) {
                    "***".to_owned()
                } else {
                    a
                }
            })
            .collect();
        self.audit(spec.name, args, result).await;
    }

    /// Writes a change Hearth refused before asking Hestia, and why.
    pub async fn audit_refusal(&self, command: &str, args: Vec<String>, why: &str) {
        let outcome = format!("refused by Hearth: {why}");
        self.gateway
            .audit()
            .record(&self.actor(), command, args, None, &outcome)
            .await;
    }

    /// Writes a change and its result to the audit log.
    pub async fn audit<T>(
        &self,
        command: &str,
        args: Vec<String>,
        result: &Result<T, HearthError>,
    ) {
        let (code, outcome) = match result {
            Ok(_) => (Some(0), "ok".to_owned()),
            Err(HearthError::Refused { code, .. }) => {
                (Some(i64::from(code.number())), code.to_string())
            }
            Err(e) => (None, e.to_string()),
        };
        self.gateway
            .audit()
            .record(&self.actor(), command, args, code, &outcome)
            .await;
    }

    /// The session as the gateway's caller: its credentials, proven at login.
    async fn caller(&self) -> Result<super::Caller, HearthError> {
        match self.record.credentials(self.gateway.sealer()) {
            Some(credentials) => Ok(super::Caller {
                credentials: Arc::new(credentials),
                session: Some(self.record.handle.clone()),
                risk: super::budget::Risk::Proven,
                address: None,
            }),
            None => {
                let _ = self.session.flush().await;
                Err(HearthError::SessionExpired)
            }
        }
    }

    /// Ends the session in the store too once its credentials stopped working.
    async fn after<T>(&self, result: Result<T, HearthError>) -> Result<T, HearthError> {
        if let Err(HearthError::CredentialsRevoked | HearthError::SessionExpired) = &result {
            tracing::info!(user = %self.record.owner, "the session is over");
            let _ = self.session.flush().await;
        }
        result
    }

    /// The gateway.
    pub fn gateway(&self) -> &Gateway {
        &self.gateway
    }
}
