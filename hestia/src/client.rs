//! The HTTPS client for one Hestia server (PROTOCOL.md §1, §6.1, DESIGN.md decision 7).

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::cmd::{Command, CommandClass, Spec};
use crate::credentials::Credentials;
use crate::error::Error;
use crate::protocol::{self, Args, RawReply, EXIT_CODE_HEADER};

/// How Hestia's certificate is trusted. Hestia ships a self-signed certificate on its panel
/// port, so a pin or a CA file is the way to keep verification on.
#[derive(Debug, Clone, Default)]
pub enum TlsTrust {
    /// The usual web PKI roots.
    #[default]
    WebPki,
    /// Trust the CA certificate(s) in this PEM file instead.
    CaFile(PathBuf),
    /// Trust exactly the server certificate with this SHA-256 fingerprint (of its DER bytes).
    PinnedSha256([u8; 32]),
}

impl TlsTrust {
    /// Parses a fingerprint written as 64 hex digits, with or without `:` separators.
    pub fn pin_from_hex(text: &str) -> Option<Self> {
        let hex: String = text.chars().filter(|c| *c != ':').collect();
        let bytes = hex::decode(hex).ok()?;
        Some(Self::PinnedSha256(bytes.try_into().ok()?))
    }
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The base URL is not http(s).
    #[error("the Hestia URL must start with https:// (or http:// for a local simulator)")]
    Url,
    /// The CA file could not be read or parsed.
    #[error("cannot use the CA file {0}: {1}")]
    CaFile(PathBuf, String),
    /// TLS setup failed.
    #[error("TLS setup failed: {0}")]
    Tls(String),
}

/// Builds a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    trust: TlsTrust,
    connect_timeout: Duration,
    read_timeout: Duration,
    write_timeout: Duration,
    slow_timeout: Duration,
    max_concurrent: usize,
    slots: Option<Arc<dyn CallSlots>>,
    slot_wait: Duration,
}

/// The largest answer read from Hestia: a listing of 5,000 web domains is about 2.5 MB.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

impl ClientBuilder {
    /// A builder for the server at `base_url` (`https://host:8083`).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            trust: TlsTrust::WebPki,
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(30),
            write_timeout: Duration::from_secs(120),
            // nginx gives up after 600 s (§6.1); wait a little longer to see its 504.
            slow_timeout: Duration::from_secs(610),
            max_concurrent: 4,
            slots: None,
            slot_wait: Duration::from_secs(30),
        }
    }

    /// How the server's certificate is trusted.
    pub fn trust(mut self, trust: TlsTrust) -> Self {
        self.trust = trust;
        self
    }

    /// Timeout for reads ([`CommandClass::Read`]).
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// Timeout for establishing a connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many calls may be in flight at once; the rest wait in arrival order. Hestia's
    /// PHP pool runs at most 4 (§6.1). Slow commands (minutes each) get at most half of them.
    pub fn max_concurrent(mut self, n: usize) -> Self {
        self.max_concurrent = n.max(1);
        self
    }

    /// Where calls take their slots in place of the client's own semaphores: a bound shared
    /// with other processes that call the same server (then `max_concurrent` is unused).
    pub fn slots(mut self, slots: Arc<dyn CallSlots>) -> Self {
        self.slots = Some(slots);
        self
    }

    /// How long a call waits for a free slot before it gives up as [`Error::Busy`].
    pub fn slot_wait(mut self, wait: Duration) -> Self {
        self.slot_wait = wait;
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, BuildError> {
        let base = self.base_url.trim_end_matches('/');
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(BuildError::Url);
        }
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("hearth/", env!("CARGO_PKG_VERSION")))
            .use_preconfigured_tls(tls_config(&self.trust)?)
            .build()
            .map_err(|e| BuildError::Tls(e.to_string()))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                endpoint: format!("{base}/api/"),
                slots: self
                    .slots
                    .unwrap_or_else(|| Arc::new(LocalSlots::new(self.max_concurrent))),
                slot_wait: self.slot_wait,
                timeouts: [self.read_timeout, self.write_timeout, self.slow_timeout],
            }),
        })
    }
}

/// A client for one Hestia server, shared by every caller (cheap to clone).
///
/// It never forwards anything of the caller's request (no `X-Forwarded-For`, §2.5), never
/// follows redirects, and never retries.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    endpoint: String,
    slots: Arc<dyn CallSlots>,
    slot_wait: Duration,
    timeouts: [Duration; 3],
}

impl Client {
    /// Runs a command and parses its output.
    pub async fn run<C: Command>(
        &self,
        credentials: &Credentials,
        command: &C,
    ) -> Result<C::Output, Error> {
        self.run_keeping_body(credentials, command)
            .await
            .map(|(output, _)| output)
    }

    /// Runs a command and parses its output, returning the raw output too.
    pub async fn run_keeping_body<C: Command>(
        &self,
        credentials: &Credentials,
        command: &C,
    ) -> Result<(C::Output, String), Error> {
        let body = self.call(credentials, &C::SPEC, &command.args()).await?;
        let output = C::parse(&body).map_err(|e| Error::Decode {
            command: C::NAME.to_owned(),
            path: e.path,
        })?;
        Ok((output, body))
    }

    /// Runs a command and returns its raw output (trimmed; empty for no output).
    pub async fn call(
        &self,
        credentials: &Credentials,
        spec: &Spec,
        args: &Args,
    ) -> Result<String, Error> {
        let (command, class) = (spec.name, spec.class);
        let key_mode = credentials.is_key_mode();
        // Legacy mode says "OK" whether or not an action worked: ask for the exit code (§1.5).
        let returncode = !key_mode && class != CommandClass::Read;
        let form = protocol::encode(credentials, command, args, returncode)?;
        let timeout = self.inner.timeouts[match class {
            CommandClass::Read => 0,
            CommandClass::Write => 1,
            CommandClass::Slow => 2,
        }];
        let owned = || command.to_owned();
        let deadline = tokio::time::Instant::now() + self.inner.slot_wait;
        let _slot = self
            .inner
            .slots
            .take(class, timeout, deadline)
            .await
            .map_err(|no| match no {
                NoSlot::InTime => Error::Busy { command: owned() },
                NoSlot::Uncounted => Error::NoSlots { command: owned() },
            })?;
        let response = self
            .inner
            .http
            .post(&self.inner.endpoint)
            .form(&form)
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| transport_error(command, &e))?;
        let status = response.status().as_u16();
        let exit_code = response
            .headers()
            .get(EXIT_CODE_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let mut response = response;
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| transport_error(command, &e))?
        {
            if bytes.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(Error::Decode {
                    command: owned(),
                    path: format!("(an answer over {MAX_BODY_BYTES} bytes)"),
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        let body = String::from_utf8_lossy(&bytes).into_owned();
        protocol::decode(
            command,
            key_mode,
            returncode,
            RawReply {
                status,
                exit_code,
                body,
            },
        )
    }
}

/// A call's turn, held until dropped.
pub type Slot = Box<dyn Send + Sync>;

/// Why no slot was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoSlot {
    /// Every slot stayed taken until the deadline.
    InTime,
    /// The slots could not be counted (a shared store out of reach).
    Uncounted,
}

/// Where a client takes a slot before each call, so that Hestia's small PHP pool (§6.1) is not
/// flooded: by default the client's own semaphores ([`LocalSlots`]); a program running several
/// copies in front of one server passes a bound they share ([`ClientBuilder::slots`]).
pub trait CallSlots: Send + Sync + std::fmt::Debug {
    /// A slot for one call of `class` lasting at most `longest`, waited for until `deadline`.
    /// Slow commands (minutes each) may hold at most half of the slots, so they never hold
    /// them all.
    fn take(
        &self,
        class: CommandClass,
        longest: Duration,
        deadline: tokio::time::Instant,
    ) -> Pin<Box<dyn Future<Output = Result<Slot, NoSlot>> + Send + '_>>;
}

/// One process's slots: semaphores, taken in arrival order.
#[derive(Debug)]
pub struct LocalSlots {
    all: Arc<Semaphore>,
    slow: Arc<Semaphore>,
}

impl LocalSlots {
    /// `bound` slots, half of them (at least one) for slow commands.
    pub fn new(bound: usize) -> Self {
        Self {
            all: Arc::new(Semaphore::new(bound.max(1))),
            slow: Arc::new(Semaphore::new((bound / 2).max(1))),
        }
    }
}

impl CallSlots for LocalSlots {
    fn take(
        &self,
        class: CommandClass,
        _longest: Duration,
        deadline: tokio::time::Instant,
    ) -> Pin<Box<dyn Future<Output = Result<Slot, NoSlot>> + Send + '_>> {
        Box::pin(async move {
            let take = |semaphore: &Arc<Semaphore>| {
                let acquire = Arc::clone(semaphore).acquire_owned();
                async move {
                    match tokio::time::timeout_at(deadline, acquire).await {
                        Ok(Ok(permit)) => Ok(permit),
                        _ => Err(NoSlot::InTime),
                    }
                }
            };
            // The slow slot first, so a slow command waiting for it holds no general slot.
            let slow = match class {
                CommandClass::Slow => Some(take(&self.slow).await?),
                CommandClass::Read | CommandClass::Write => None,
            };
            let all = take(&self.all).await?;
            Ok(Box::new((slow, all)) as Slot)
        })
    }
}

fn transport_error(command: &str, e: &reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout {
            command: command.to_owned(),
        }
    } else {
        Error::Unreachable {
            command: command.to_owned(),
        }
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn tls_config(trust: &TlsTrust) -> Result<rustls::ClientConfig, BuildError> {
    let builder = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| BuildError::Tls(e.to_string()))?;
    let config = match trust {
        TlsTrust::WebPki => {
            let roots = rustls::RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            };
            builder.with_root_certificates(roots).with_no_client_auth()
        }
        TlsTrust::CaFile(path) => {
            let bad = |msg: String| BuildError::CaFile(path.clone(), msg);
            let pem = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
            let mut roots = rustls::RootCertStore::empty();
            for cert in rustls_pemfile::certs(&mut pem.as_slice()) {
                roots
                    .add(cert.map_err(|e| bad(e.to_string()))?)
                    .map_err(|e| bad(e.to_string()))?;
            }
            if roots.is_empty() {
                return Err(bad("no certificate in it".into()));
            }
            builder.with_root_certificates(roots).with_no_client_auth()
        }
        TlsTrust::PinnedSha256(fingerprint) => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(PinnedCertificate {
                fingerprint: *fingerprint,
                provider: provider(),
            }))
            .with_no_client_auth(),
    };
    Ok(config)
}

/// Accepts exactly one server certificate, by the SHA-256 of its DER bytes, and still checks
/// that the server holds its private key (the handshake signatures).
#[derive(Debug)]
struct PinnedCertificate {
    fingerprint: [u8; 32],
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for PinnedCertificate {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let actual: [u8; 32] = Sha256::digest(end_entity.as_ref()).into();
        if subtle::ConstantTimeEq::ct_eq(&actual[..], &self.fingerprint[..]).into() {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "the server certificate does not match the pinned fingerprint".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_parse_from_hex() {
        let hex = "AB:".repeat(31) + "AB";
        assert!(
            matches!(TlsTrust::pin_from_hex(&hex), Some(TlsTrust::PinnedSha256(b)) if b == [0xab; 32])
        );
        assert!(TlsTrust::pin_from_hex("abc").is_none());
    }

    #[test]
    fn builds_for_each_trust_and_refuses_bad_urls() {
        assert!(ClientBuilder::new("https://h:8083").build().is_ok());
        assert!(ClientBuilder::new("https://h:8083")
            .trust(TlsTrust::PinnedSha256([0; 32]))
            .build()
            .is_ok());
        assert!(ClientBuilder::new("ftp://h").build().is_err());
        assert!(ClientBuilder::new("https://h")
            .trust(TlsTrust::CaFile("/nonexistent".into()))
            .build()
            .is_err());
    }
}
