//! The server half of the app: the Hestia gateway that every server function goes through,
//! and the session it keeps. Compiled only with the `ssr` feature.

pub mod audit;
pub mod budget;
mod cache;
mod changes;
mod context;
mod db;
mod errors;
mod gateway;
pub mod health;
pub mod jobs;
mod login;
pub mod objects;
mod password;
mod record;
mod sealer;
mod session_keys;
pub mod sessions;
mod slots;

pub use context::{
    client_address, gateway as context_gateway, session as context_session, session_store_error,
    RequestCtx,
};
pub use db::{db_error, in_memory, now, HearthDb};
pub use errors::error_status;
pub use gateway::{Caller, Gateway, GatewayConfig};
pub use login::{log_in, LoginInput};
pub use password::{log_in_with_code, waiting_for_code, Browser, LoginStep};
pub use record::{SessionRecord, SESSION_KEY};
pub use sealer::Sealer;
pub use slots::SharedSlots;
