//! Hearth's own records: live sessions and the audit log.

mod end_sessions;
mod list_audit;
mod list_sessions;

pub use end_sessions::*;
pub use list_audit::*;
pub use list_sessions::*;
