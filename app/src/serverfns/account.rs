//! The logged-in account: its package and usage, a summary of each section, and what its
//! package's backup limit means for the next backup.

mod get_account;
mod get_backup_plan;
mod get_section_summary;

pub use get_account::*;
pub use get_backup_plan::*;
pub use get_section_summary::*;
