//! Queued backups and restores.

mod get_job;

pub use get_job::*;
