//! Access keys: the profiles a new key can get, and creating one (listing and revoking go
//! through the catalogue's `AccessKey` kind).

mod create_access_key;
mod list_key_profiles;

pub use create_access_key::*;
pub use list_key_profiles::*;
