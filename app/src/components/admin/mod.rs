//! Administration views that are not a catalogue kind: creating an access key (its secret is
//! shown once), the server's overview and service key check, and acting as a user.

mod acting;
mod new_key;
mod server;

pub use acting::{ActAsButton, ActingBanner};
pub use new_key::NewKeyPanel;
pub use server::{ServerOverviewPanel, ServiceKeyCheck};
