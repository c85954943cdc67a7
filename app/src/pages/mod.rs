//! One component per route.

mod audit;
mod dashboard;
mod login;
mod not_found;
mod section;
mod sessions;

pub use audit::AuditPage;
pub use dashboard::DashboardPage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use section::SectionPage;
pub use sessions::SessionsPage;
