//! Web domains.

mod list_web_domains;

pub use list_web_domains::*;
