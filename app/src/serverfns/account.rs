//! The logged-in account: its package and usage, and a summary of each section.

mod get_account;
mod get_section_summary;

pub use get_account::*;
pub use get_section_summary::*;
