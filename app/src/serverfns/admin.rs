//! Administration beyond the catalogue's kinds: acting as a user, the server's overview and
//! the service key check.

mod act_as;
mod check_service_key;
mod get_server_overview;

pub use act_as::*;
pub use check_service_key::*;
pub use get_server_overview::*;
