use crate::cmd::{no_output, Command, CommandClass};
use crate::model::{self, DecodeError, WebDomain};
use crate::protocol::Args;
use crate::{DomainName, UserName};

/// `v-list-web-domains USER json`.
#[derive(Debug, Clone)]
pub struct ListWebDomains {
    /// The account.
    pub user: UserName,
}

impl Command for ListWebDomains {
    const NAME: &'static str = "v-list-web-domains";
    const CLASS: CommandClass = CommandClass::Read;
    type Output = Vec<WebDomain>;
    fn args(&self) -> Args {
        Args::new().arg(self.user.as_str()).arg("json")
    }
    fn parse(body: &str) -> Result<Vec<WebDomain>, DecodeError> {
        model::parse_keyed(body)
    }
    fn user(&self) -> Option<&UserName> {
        Some(&self.user)
    }
}

/// `v-list-web-domain USER DOMAIN json`.
#[derive(Debug, Clone)]
pub struct ListWebDomain {
    /// The account.
    pub user: UserName,
    /// The domain.
    pub domain: DomainName,
}

impl Command for ListWebDomain {
    const NAME: &'static str = "v-list-web-domain";
    const CLASS: CommandClass = CommandClass::Read;
    type Output = WebDomain;
    fn args(&self) -> Args {
        Args::new()
            .arg(self.user.as_str())
            .arg(self.domain.as_str())
            .arg("json")
    }
    fn parse(body: &str) -> Result<WebDomain, DecodeError> {
        model::parse_single(body)
    }
    fn user(&self) -> Option<&UserName> {
        Some(&self.user)
    }
}

/// `v-purge-nginx-cache USER DOMAIN [RESTART]`.
#[derive(Debug, Clone)]
pub struct PurgeNginxCache {
    /// The account.
    pub user: UserName,
    /// The domain.
    pub domain: DomainName,
}

impl Command for PurgeNginxCache {
    const NAME: &'static str = "v-purge-nginx-cache";
    const CLASS: CommandClass = CommandClass::Write;
    type Output = ();
    fn args(&self) -> Args {
        Args::new()
            .arg(self.user.as_str())
            .arg(self.domain.as_str())
    }
    fn parse(body: &str) -> Result<(), DecodeError> {
        no_output(body)
    }
    fn user(&self) -> Option<&UserName> {
        Some(&self.user)
    }
}
