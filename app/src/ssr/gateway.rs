//! The gateway to one Hestia server: the client, key lookup, the login brake, the read cache
//! and the sealer. Server functions reach it through [`super::RequestCtx`].

use std::sync::Arc;
use std::time::Duration;

use hestia::cmd::Call;
use hestia::protocol::Args;
use hestia::resolver::KeyResolver;
use hestia::{Allowed, Client, Command, CommandClass, Credentials, UserName};

use super::cache::{CacheKey, ReadCache};
use super::errors::from_hestia;
use super::sealer::Sealer;
use super::throttle::LoginThrottle;
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
}

/// The gateway to one Hestia server.
pub struct Gateway {
    pub(super) config: GatewayConfig,
    pub(super) throttle: LoginThrottle,
    pub(super) cache: ReadCache,
    jobs: super::jobs::JobBook,
    parsed: super::objects::ParsedLists,
    sessions: super::sessions::SessionBook,
    audit: super::audit::AuditLog,
}

impl Gateway {
    /// A gateway.
    pub fn new(config: GatewayConfig) -> Self {
        let cache = ReadCache::new(config.cache_ttl);
        let idle = i64::try_from(config.idle_timeout.as_secs()).unwrap_or(i64::MAX);
        let sessions =
            super::sessions::SessionBook::new(config.db.clone(), config.server_id.clone(), idle);
        let audit = super::audit::AuditLog::new(config.db.clone(), config.server_id.clone());
        Self {
            sessions,
            audit,
            config,
            throttle: LoginThrottle::default(),
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

    /// Forgets `owner`'s cached answers to `command`.
    pub fn forget(&self, owner: &str, command: &str) {
        self.cache
            .invalidate_command(&self.config.server_id, owner, command);
    }

    /// Whether `ip` is a reverse proxy whose `X-Forwarded-For` is believed.
    pub fn trusts_proxy(&self, ip: std::net::IpAddr) -> bool {
        self.config.trusted_proxies.contains(&ip)
    }

    /// The absolute session lifetime.
    pub fn absolute_lifetime(&self) -> Duration {
        self.config.absolute_lifetime
    }

    pub(super) fn map_error(&self, error: &hestia::Error) -> HearthError {
        if error.is_failed_login() {
            self.throttle.record_failure();
        }
        from_hestia(error, self.config.hestia_addr.as_deref())
    }

    /// Runs `command` with `credentials` for `owner`. The caller has checked that the session
    /// may run it.
    pub(super) async fn run<C: Command>(
        &self,
        credentials: &Credentials,
        owner: &UserName,
        command: &C,
    ) -> Result<C::Output, HearthError> {
        let parse = |body: &str| C::parse(body).map(drop);
        let body = self
            .fetch(
                credentials,
                owner,
                C::NAME,
                C::CLASS,
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
        credentials: &Credentials,
        owner: &UserName,
        call: &Call,
    ) -> Result<Arc<str>, HearthError> {
        let parse = |body: &str| hestia::model::parse_entries(body, &[]).map(drop);
        self.fetch(
            credentials,
            owner,
            call.name,
            call.class,
            &call.args,
            call.user.as_ref(),
            parse,
        )
        .await
    }

    /// One call: reads go through the cache (only answers that `parse` accepts are kept, so a
    /// broken one is fetched again next time); changes drop the owner's cached reads.
    #[allow(clippy::too_many_arguments)]
    async fn fetch(
        &self,
        credentials: &Credentials,
        owner: &UserName,
        name: &'static str,
        class: CommandClass,
        args: &Args,
        user: Option<&UserName>,
        parse: impl Fn(&str) -> Result<(), hestia::model::DecodeError>,
    ) -> Result<Arc<str>, HearthError> {
        let call = || async {
            let body = self
                .config
                .client
                .call(credentials, name, class, args)
                .await?;
            parse(&body).map_err(|e| decode_error(name, e))?;
            Ok(body)
        };
        if class == CommandClass::Read {
            let key = CacheKey {
                server: self.config.server_id.clone(),
                owner: user.map_or_else(|| "*".to_owned(), ToString::to_string),
                command: name,
                args: args.to_wire(),
            };
            self.cache.get_or_fetch(key, call).await
        } else {
            let result = call().await.map(Arc::from);
            match user {
                // A change to one account: its reads (and the server-wide ones).
                Some(user) => {
                    for who in [owner, user] {
                        self.cache
                            .invalidate_owner(&self.config.server_id, who.as_str());
                    }
                }
                // A server-wide change (users, packages, keys) may touch any account.
                None => self.cache.invalidate_server(&self.config.server_id),
            }
            result
        }
        .map_err(|e| self.map_error(&e))
    }
}

fn decode_error(command: &str, e: hestia::model::DecodeError) -> hestia::Error {
    hestia::Error::Decode {
        command: command.to_owned(),
        path: e.path,
    }
}
