//! The gateway to one Hestia server: the client, key lookup, the login brake, the read cache
//! and the sealer. Server functions reach it through [`super::RequestCtx`].

use std::time::Duration;

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
    /// Seals secrets in the session store.
    pub sealer: Sealer,
}

/// The gateway to one Hestia server.
pub struct Gateway {
    pub(super) config: GatewayConfig,
    pub(super) throttle: LoginThrottle,
    pub(super) cache: ReadCache,
}

impl Gateway {
    /// A gateway.
    pub fn new(config: GatewayConfig) -> Self {
        let cache = ReadCache::new(config.cache_ttl);
        Self {
            config,
            throttle: LoginThrottle::default(),
            cache,
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

    /// Runs `command` with `credentials` for `owner`: reads through the cache, changes drop the
    /// owner's cached reads. The caller has checked that the session may run it.
    pub(super) async fn run<C: Command>(
        &self,
        credentials: &Credentials,
        owner: &UserName,
        command: &C,
    ) -> Result<C::Output, HearthError> {
        let args = command.args();
        let decode_error = |e: hestia::model::DecodeError| hestia::Error::Decode {
            command: C::NAME.to_owned(),
            path: e.path,
        };
        // Only answers that parse are worth keeping: a broken one is fetched again next time.
        let call = || async {
            let body = self
                .config
                .client
                .call(credentials, C::NAME, C::CLASS, &args)
                .await?;
            C::parse(&body).map_err(decode_error)?;
            Ok(body)
        };
        let body = if C::CLASS == CommandClass::Read {
            let key = CacheKey {
                server: self.config.server_id.clone(),
                owner: command
                    .user()
                    .map_or_else(|| "*".to_owned(), ToString::to_string),
                command: C::NAME,
                args: args.to_wire(),
            };
            self.cache
                .get_or_fetch(key, call)
                .await
                .map(|b| b.to_string())
        } else {
            let result = call().await;
            self.cache
                .invalidate_owner(&self.config.server_id, owner.as_str());
            result
        }
        .map_err(|e| self.map_error(&e))?;
        C::parse(&body).map_err(|e| self.map_error(&decode_error(e)))
    }
}
