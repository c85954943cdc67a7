use crate::cmd::{no_output, Command, Spec, LIST_WEB_DOMAIN, LIST_WEB_DOMAINS, PURGE_NGINX_CACHE};
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
    const SPEC: Spec = LIST_WEB_DOMAINS;
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
    const SPEC: Spec = LIST_WEB_DOMAIN;
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
    const SPEC: Spec = PURGE_NGINX_CACHE;
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
