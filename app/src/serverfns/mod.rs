//! Server functions, one per file, grouped by area (STYLE.md). Each body runs on the server
//! only; in the browser each is a typed POST.

pub mod account;
pub mod admin;
pub mod auth;
pub mod hearth;
pub mod jobs;
pub mod keys;
pub mod objects;
