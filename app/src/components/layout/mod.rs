//! The frame around every logged-in page.

mod nav;
mod shell;

pub use nav::Nav;
pub use shell::ShellLayout;
