//! Components shared by the pages.

pub mod admin;
pub mod backups;
pub mod error_notice;
pub mod layout;
pub mod object;

pub use error_notice::ErrorNotice;
