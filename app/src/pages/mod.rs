//! One component per route.

mod dashboard;
mod login;
mod not_found;
mod section;

pub use dashboard::DashboardPage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use section::SectionPage;
