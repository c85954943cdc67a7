//! The panel's sections, and the names kinds go by on the wire.

use serde::{Deserialize, Serialize};

use super::{backups, cron, databases, dns, keys, mail, packages, services, users, web, Kind};

/// A section of the panel: one kind of object with its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    /// Web domains.
    Web,
    /// DNS zones and records.
    Dns,
    /// Mail domains and accounts.
    Mail,
    /// Databases.
    Databases,
    /// Cron jobs.
    Cron,
    /// Backups.
    Backups,
    /// User accounts (administrators).
    Users,
    /// Hosting packages (administrators).
    Packages,
    /// Access keys: everyone's for the root user, one's own for others.
    Keys,
    /// The server: information, services, API settings (administrators).
    Server,
}

impl Section {
    /// Every section, in navigation order.
    pub const ALL: [Section; 10] = [
        Section::Web,
        Section::Dns,
        Section::Mail,
        Section::Databases,
        Section::Cron,
        Section::Backups,
        Section::Users,
        Section::Packages,
        Section::Keys,
        Section::Server,
    ];

    /// Whether it manages the server rather than one account's hosting (the navigation
    /// groups them, and they are hidden while acting as a user).
    pub fn is_admin(self) -> bool {
        matches!(
            self,
            Self::Users | Self::Packages | Self::Keys | Self::Server
        )
    }

    /// The route segment.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Web => "web",
            Self::Dns => "dns",
            Self::Mail => "mail",
            Self::Databases => "db",
            Self::Cron => "cron",
            Self::Backups => "backups",
            Self::Users => "users",
            Self::Packages => "packages",
            Self::Keys => "keys",
            Self::Server => "server",
        }
    }

    /// The navigation label and page title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Web => "Web",
            Self::Dns => "DNS",
            Self::Mail => "Mail",
            Self::Databases => "Databases",
            Self::Cron => "Cron jobs",
            Self::Backups => "Backups",
            Self::Users => "Users",
            Self::Packages => "Packages",
            Self::Keys => "Access keys",
            Self::Server => "Server",
        }
    }

    /// The kind the section lists.
    pub fn kind(self) -> &'static Kind {
        match self {
            Self::Web => &web::WEB_DOMAINS,
            Self::Dns => &dns::ZONES,
            Self::Mail => &mail::DOMAINS,
            Self::Databases => &databases::DATABASES,
            Self::Cron => &cron::JOBS,
            Self::Backups => &backups::BACKUPS,
            Self::Users => &users::USERS,
            Self::Packages => &packages::PACKAGES,
            Self::Keys => &keys::ACCESS_KEYS,
            Self::Server => &services::SERVICES,
        }
    }

    /// The command that lists the section's objects: the section exists for a session only
    /// when its key may run it.
    pub fn list_command(self) -> &'static str {
        self.kind().list.name
    }

    /// The section for a route segment.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// Names a kind across the wire (server functions take it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KindId {
    /// Web domains.
    WebDomain,
    /// DNS zones.
    DnsZone,
    /// Records of a zone.
    DnsRecord,
    /// Mail domains.
    MailDomain,
    /// Accounts of a mail domain.
    MailAccount,
    /// The DKIM records to publish for a mail domain.
    MailDkim,
    /// Databases.
    Database,
    /// Cron jobs.
    CronJob,
    /// Backup archives.
    Backup,
    /// User accounts.
    User,
    /// Hosting packages.
    Package,
    /// Access keys.
    AccessKey,
    /// System services.
    Service,
    /// The server's backend (PHP) templates.
    BackendTemplate,
    /// The server's web server templates.
    WebTemplate,
    /// The server's proxy templates.
    ProxyTemplate,
}

impl KindId {
    /// Every kind.
    pub const ALL: [KindId; 16] = [
        KindId::WebDomain,
        KindId::DnsZone,
        KindId::DnsRecord,
        KindId::MailDomain,
        KindId::MailAccount,
        KindId::MailDkim,
        KindId::Database,
        KindId::CronJob,
        KindId::Backup,
        KindId::User,
        KindId::Package,
        KindId::AccessKey,
        KindId::Service,
        KindId::BackendTemplate,
        KindId::WebTemplate,
        KindId::ProxyTemplate,
    ];

    /// The description.
    pub fn kind(self) -> &'static Kind {
        match self {
            Self::WebDomain => &web::WEB_DOMAINS,
            Self::DnsZone => &dns::ZONES,
            Self::DnsRecord => &dns::RECORDS,
            Self::MailDomain => &mail::DOMAINS,
            Self::MailAccount => &mail::ACCOUNTS,
            Self::MailDkim => &mail::DKIM,
            Self::Database => &databases::DATABASES,
            Self::CronJob => &cron::JOBS,
            Self::Backup => &backups::BACKUPS,
            Self::User => &users::USERS,
            Self::Package => &packages::PACKAGES,
            Self::AccessKey => &keys::ACCESS_KEYS,
            Self::Service => &services::SERVICES,
            Self::BackendTemplate => &web::BACKEND_TEMPLATES,
            Self::WebTemplate => &web::WEB_TEMPLATES,
            Self::ProxyTemplate => &web::PROXY_TEMPLATES,
        }
    }

    /// The kind of a sub-object route segment.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.kind().slug == slug)
    }
}
