use crate::cmd::*;
use crate::model::{self, AccessKey, AccessKeyWithSecret, DecodeError, Profiles};
use crate::protocol::Args;
use crate::{AccessKeyId, UserName};

/// `v-list-access-key ID json`: one key **with its secret** (no USER argument, §3.6).
#[derive(Debug, Clone)]
pub struct ListAccessKey {
    /// The key.
    pub id: AccessKeyId,
}

impl Command for ListAccessKey {
    const SPEC: Spec = LIST_ACCESS_KEY;
    type Output = AccessKeyWithSecret;
    fn args(&self) -> Args {
        Args::new().arg(self.id.as_str()).arg("json")
    }
    fn parse(body: &str) -> Result<AccessKeyWithSecret, DecodeError> {
        model::parse_json(body)
    }
}

/// `v-list-access-keys [USER] json`: keys without secrets; every key when `user` is `None`.
#[derive(Debug, Clone, Default)]
pub struct ListAccessKeys {
    /// Whose keys.
    pub user: Option<UserName>,
}

impl Command for ListAccessKeys {
    const SPEC: Spec = LIST_ACCESS_KEYS;
    type Output = Vec<AccessKey>;
    fn args(&self) -> Args {
        Args::new()
            .arg(self.user.as_ref().map_or("", UserName::as_str))
            .arg("json")
    }
    fn parse(body: &str) -> Result<Vec<AccessKey>, DecodeError> {
        model::parse_keyed(body)
    }
    fn user(&self) -> Option<&UserName> {
        self.user.as_ref()
    }
}

/// `v-list-apis json`: every permission profile.
#[derive(Debug, Clone, Default)]
pub struct ListApis;

impl Command for ListApis {
    const SPEC: Spec = LIST_APIS;
    type Output = Profiles;
    fn args(&self) -> Args {
        Args::new().arg("json")
    }
    fn parse(body: &str) -> Result<Profiles, DecodeError> {
        model::parse_json(body)
    }
}

/// `v-add-access-key USER PERMISSIONS COMMENT json`: a new key; the answer holds its secret.
#[derive(Debug, Clone)]
pub struct AddAccessKey {
    /// The owner.
    pub user: UserName,
    /// Profile names.
    pub profiles: Vec<String>,
    /// What it is for.
    pub comment: String,
}

impl Command for AddAccessKey {
    const SPEC: Spec = ADD_ACCESS_KEY;
    type Output = AccessKeyWithSecret;
    fn args(&self) -> Args {
        Args::new()
            .arg(self.user.as_str())
            .arg(self.profiles.join(","))
            .arg(self.comment.as_str())
            .arg("json")
    }
    fn parse(body: &str) -> Result<AccessKeyWithSecret, DecodeError> {
        model::parse_json(body)
    }
    fn user(&self) -> Option<&UserName> {
        Some(&self.user)
    }
}

/// `v-delete-access-key ID`: no ownership check (§3.6), so only for keys Hearth made.
#[derive(Debug, Clone)]
pub struct DeleteAccessKey {
    /// The key.
    pub id: AccessKeyId,
}

impl Command for DeleteAccessKey {
    const SPEC: Spec = DELETE_ACCESS_KEY;
    type Output = ();
    fn args(&self) -> Args {
        Args::new().arg(self.id.as_str())
    }
    fn parse(body: &str) -> Result<(), DecodeError> {
        crate::cmd::no_output(body)
    }
}
