//! A client for the Hestia Control Panel REST API (`POST /api/` on the panel port).
//!
//! The crate knows Hestia's protocol as `PROTOCOL.md` describes it and nothing of any web
//! panel built on it:
//!
//! * [`protocol`]: how a call is encoded and how a reply is decoded (§1.2–1.7);
//! * [`ReturnCode`] and [`Refusal`]: what Hestia's answers mean (§1.6, §4);
//! * [`Credentials`]: the three ways to authenticate, with secrets that never print (§2);
//! * [`cmd`] and [`model`]: one type per command, typed and defensive models (§5);
//! * `Client` (feature `client`): pooled HTTPS with pinning, timeouts and a concurrency bound (§6.1);
//! * [`permissions`] and `resolver`: what a key may run, found without probing (§3);
//! * `simulator` (feature `simulator`): a stateful stand-in for a Hestia server.
#![warn(missing_docs, unreachable_pub)]

#[cfg(feature = "client")]
pub mod client;
pub mod cmd;
pub mod credentials;
pub mod error;
pub mod model;
pub mod names;
pub mod permissions;
pub mod protocol;
#[cfg(feature = "client")]
pub mod resolver;
pub mod return_code;
#[cfg(feature = "simulator")]
pub mod simulator;

#[cfg(feature = "client")]
pub use client::{Client, ClientBuilder, TlsTrust};
pub use cmd::{Command, CommandClass};
pub use credentials::{AccessKeyId, Credentials, Secret};
pub use error::{Error, Refusal};
pub use names::{DomainName, UserName};
pub use permissions::Allowed;
pub use return_code::ReturnCode;
