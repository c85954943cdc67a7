//! What Hearth knows of each Hestia command, written once: its name, how it behaves, and its
//! arguments as the script's usage line names them (Hestia 1.10.3's `check_args`; optional ones
//! in brackets). The USER argument's position (PROTOCOL.md §2.4), which arguments hold a secret
//! and how many are required are all read from that line.

use super::CommandClass;

/// One Hestia command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// The script name, e.g. `v-add-dns-record`.
    pub name: &'static str,
    /// How it behaves: its timeout, whether it is cached and retried.
    pub class: CommandClass,
    /// The arguments in Hestia's order, e.g. `USER DOMAIN ID [RESTART]`.
    pub usage: &'static str,
}

/// Argument names that hold a secret (a password, or what a password file will contain).
const SECRETS: &[&str] = &["PASSWORD", "DBPASS", "CONTENT", "TOKEN"];

impl Spec {
    fn names(&self) -> impl Iterator<Item = &'static str> {
        self.usage
            .split_whitespace()
            .map(|w| w.trim_start_matches('[').trim_end_matches(']'))
    }

    /// How many arguments Hestia requires.
    pub fn required(&self) -> usize {
        self.usage
            .split_whitespace()
            .filter(|w| !w.starts_with('['))
            .count()
    }

    /// The USER argument's position, counted from 1 as Hestia does (§2.4), if it has one.
    pub fn user_position(&self) -> Option<usize> {
        self.names().position(|n| n == "USER").map(|i| i + 1)
    }

    /// Whether the argument at `index` (from 0) holds a secret, never to be logged.
    pub fn is_secret(&self, index: usize) -> bool {
        self.secret_positions().any(|i| i == index)
    }

    /// The positions (from 0) of the arguments that hold a secret.
    pub fn secret_positions(&self) -> impl Iterator<Item = usize> {
        self.names()
            .enumerate()
            .filter(|(_, n)| SECRETS.contains(n))
            .map(|(i, _)| i)
    }

    /// Whether any argument holds a secret (Hestia's answer may echo it: not to be logged).
    pub fn carries_secret(&self) -> bool {
        self.secret_positions().next().is_some()
    }

    /// Whether it changes something on the server.
    pub fn changes(&self) -> bool {
        self.class != CommandClass::Read
    }
}

/// Declares each command as a constant named after it, and [`ALL`].
macro_rules! commands {
    ($($id:ident: $name:literal, $class:ident, $usage:literal;)*) => {
        $(
            #[doc = concat!("`", $name, " ", $usage, "`")]
            pub const $id: Spec = Spec {
                name: $name,
                class: CommandClass::$class,
                usage: $usage,
            };
        )*
        /// Every command Hearth knows.
        pub const ALL: &[Spec] = &[$($id),*];
    };
}

commands! {
    ADD_ACCESS_KEY: "v-add-access-key", Write, "USER [PERMISSIONS] [COMMENT] [FORMAT]";
    ADD_CRON_JOB: "v-add-cron-job", Write, "USER MIN HOUR DAY MONTH WDAY CRON_COMMAND [JOB] [RESTART]";
    ADD_DATABASE: "v-add-database", Write, "USER DATABASE DBUSER DBPASS [TYPE] [HOST] [CHARSET]";
    ADD_DATABASE_TEMP_USER: "v-add-database-temp-user", Write, "USER DATABASE [TYPE] [HOST] [TTL]";
    ADD_DNS_DOMAIN: "v-add-dns-domain", Write, "USER DOMAIN IP [NS1] [NS2] [NS3] [..] [NS8] [RESTART]";
    ADD_DNS_RECORD: "v-add-dns-record", Write, "USER DOMAIN RECORD TYPE VALUE [PRIORITY] [ID] [RESTART] [TTL]";
    ADD_DOMAIN: "v-add-domain", Write, "USER DOMAIN [IP] [RESTART]";
    ADD_LETSENCRYPT_DOMAIN: "v-add-letsencrypt-domain", Slow, "USER DOMAIN [ALIASES] [MAIL]";
    ADD_MAIL_ACCOUNT: "v-add-mail-account", Write, "USER DOMAIN ACCOUNT PASSWORD [QUOTA]";
    ADD_MAIL_ACCOUNT_ALIAS: "v-add-mail-account-alias", Write, "USER DOMAIN ACCOUNT ALIAS";
    ADD_MAIL_ACCOUNT_AUTOREPLY: "v-add-mail-account-autoreply", Write, "USER DOMAIN ACCOUNT MESSAGE";
    ADD_MAIL_ACCOUNT_FORWARD: "v-add-mail-account-forward", Write, "USER DOMAIN ACCOUNT FORWARD";
    ADD_MAIL_ACCOUNT_FWD_ONLY: "v-add-mail-account-fwd-only", Write, "USER DOMAIN ACCOUNT";
    ADD_MAIL_DOMAIN: "v-add-mail-domain", Slow, "USER DOMAIN [ANTISPAM] [ANTIVIRUS] [DKIM] [DKIM_SIZE] [RESTART] [REJECT_SPAM]";
    ADD_USER: "v-add-user", Write, "USER PASSWORD EMAIL [PACKAGE] [NAME] [LASTNAME]";
    ADD_USER_PACKAGE: "v-add-user-package", Write, "TMPFILE PACKAGE [REWRITE]";
    ADD_WEB_DOMAIN: "v-add-web-domain", Write, "USER DOMAIN [IP] [RESTART] [ALIASES] [PROXY_EXTENSIONS]";
    ADD_WEB_DOMAIN_ALIAS: "v-add-web-domain-alias", Write, "USER DOMAIN ALIASES [RESTART]";
    CHANGE_CRON_JOB: "v-change-cron-job", Write, "USER JOB MIN HOUR DAY MONTH WDAY CRON_COMMAND";
    CHANGE_DNS_RECORD: "v-change-dns-record", Write, "USER DOMAIN ID RECORD TYPE VALUE [PRIORITY] [RESTART] [TTL]";
    CHANGE_WEB_DOMAIN_BACKEND_TPL: "v-change-web-domain-backend-tpl", Write, "USER DOMAIN TEMPLATE [RESTART]";
    CHANGE_WEB_DOMAIN_PROXY_TPL: "v-change-web-domain-proxy-tpl", Write, "USER DOMAIN TEMPLATE [EXTENSIONS] [RESTART]";
    CHANGE_WEB_DOMAIN_TPL: "v-change-web-domain-tpl", Write, "USER DOMAIN TEMPLATE [RESTART]";
    CHANGE_MAIL_ACCOUNT_PASSWORD: "v-change-mail-account-password", Write, "USER DOMAIN ACCOUNT PASSWORD";
    CHANGE_MAIL_ACCOUNT_QUOTA: "v-change-mail-account-quota", Write, "USER DOMAIN ACCOUNT QUOTA";
    CHANGE_USER_CONTACT: "v-change-user-contact", Write, "USER EMAIL";
    CHANGE_USER_NAME: "v-change-user-name", Write, "USER NAME [LAST_NAME]";
    CHANGE_USER_PACKAGE: "v-change-user-package", Write, "USER PACKAGE [FORCE]";
    CHANGE_USER_PASSWORD: "v-change-user-password", Write, "USER PASSWORD";
    CHANGE_USER_SHELL: "v-change-user-shell", Write, "USER SHELL";
    CHECK_USER_2FA: "v-check-user-2fa", Read, "USER TOKEN";
    CHECK_USER_PASSWORD: "v-check-user-password", Read, "USER PASSWORD [IP] [RETURN_HASH]";
    COPY_USER_PACKAGE: "v-copy-user-package", Write, "PACKAGE NEW_PACKAGE";
    DELETE_ACCESS_KEY: "v-delete-access-key", Write, "ACCESS_KEY_ID";
    DELETE_CRON_JOB: "v-delete-cron-job", Write, "USER JOB [RESTART]";
    DELETE_DATABASE: "v-delete-database", Write, "USER DATABASE";
    DELETE_DATABASE_TEMP_USER: "v-delete-database-temp-user", Write, "USER DATABASE DBUSER [TYPE] [HOST]";
    DELETE_DNS_DOMAIN: "v-delete-dns-domain", Write, "USER DOMAIN [RESTART]";
    DELETE_DNS_DOMAINS_SRC: "v-delete-dns-domains-src", Write, "USER SRC [RESTART]";
    DELETE_DNS_RECORD: "v-delete-dns-record", Write, "USER DOMAIN ID [RESTART]";
    DELETE_LETSENCRYPT_DOMAIN: "v-delete-letsencrypt-domain", Write, "USER DOMAIN [RESTART] [MAIL]";
    DELETE_MAIL_ACCOUNT: "v-delete-mail-account", Write, "USER DOMAIN ACCOUNT";
    DELETE_MAIL_ACCOUNT_ALIAS: "v-delete-mail-account-alias", Write, "USER DOMAIN ACCOUNT ALIAS";
    DELETE_MAIL_ACCOUNT_AUTOREPLY: "v-delete-mail-account-autoreply", Write, "USER DOMAIN ACCOUNT";
    DELETE_MAIL_ACCOUNT_FORWARD: "v-delete-mail-account-forward", Write, "USER DOMAIN ACCOUNT FORWARD";
    DELETE_MAIL_ACCOUNT_FWD_ONLY: "v-delete-mail-account-fwd-only", Write, "USER DOMAIN ACCOUNT";
    DELETE_MAIL_DOMAIN: "v-delete-mail-domain", Write, "USER DOMAIN";
    DELETE_USER: "v-delete-user", Write, "USER [RESTART]";
    DELETE_USER_BACKUP: "v-delete-user-backup", Write, "USER BACKUP";
    DELETE_USER_PACKAGE: "v-delete-user-package", Write, "PACKAGE";
    DELETE_WEB_DOMAIN: "v-delete-web-domain", Write, "USER DOMAIN [RESTART]";
    DELETE_WEB_DOMAIN_ALIAS: "v-delete-web-domain-alias", Write, "USER DOMAIN DOM_ALIAS [RESTART]";
    INSERT_DNS_DOMAIN: "v-insert-dns-domain", Write, "USER DATA [SRC] [FLUSH] [RESTART]";
    INSERT_DNS_RECORD: "v-insert-dns-record", Write, "USER DOMAIN DATA [RESTART]";
    INSERT_DNS_RECORDS: "v-insert-dns-records", Write, "USER DOMAIN DATAFILE [RESTART]";
    LIST_ACCESS_KEY: "v-list-access-key", Read, "ACCESS_KEY_ID [FORMAT]";
    LIST_ACCESS_KEYS: "v-list-access-keys", Read, "[USER] [FORMAT]";
    LIST_API: "v-list-api", Read, "API [FORMAT]";
    LIST_APIS: "v-list-apis", Read, "[FORMAT]";
    LIST_CRON_JOBS: "v-list-cron-jobs", Read, "USER [FORMAT]";
    LIST_DATABASES: "v-list-databases", Read, "USER [FORMAT]";
    LIST_DNS_DOMAINS: "v-list-dns-domains", Read, "USER [FORMAT]";
    LIST_DNS_RECORDS: "v-list-dns-records", Read, "USER DOMAIN [FORMAT]";
    LIST_MAIL_ACCOUNT: "v-list-mail-account", Read, "USER DOMAIN ACCOUNT [FORMAT]";
    LIST_MAIL_ACCOUNT_AUTOREPLY: "v-list-mail-account-autoreply", Read, "USER DOMAIN ACCOUNT [FORMAT]";
    LIST_MAIL_ACCOUNTS: "v-list-mail-accounts", Read, "USER DOMAIN [FORMAT]";
    LIST_MAIL_DOMAIN: "v-list-mail-domain", Read, "USER DOMAIN [FORMAT]";
    LIST_MAIL_DOMAIN_DKIM_DNS: "v-list-mail-domain-dkim-dns", Read, "USER DOMAIN [FORMAT]";
    LIST_MAIL_DOMAINS: "v-list-mail-domains", Read, "USER [FORMAT]";
    LIST_SYS_CONFIG: "v-list-sys-config", Read, "[FORMAT]";
    LIST_SYS_INFO: "v-list-sys-info", Read, "[FORMAT]";
    LIST_SYS_SERVICES: "v-list-sys-services", Read, "[FORMAT]";
    LIST_USER: "v-list-user", Read, "USER [FORMAT]";
    LIST_USER_AUTH_LOG: "v-list-user-auth-log", Read, "USER [FORMAT]";
    LIST_USER_BACKUPS: "v-list-user-backups", Read, "USER [FORMAT]";
    LIST_USER_LOG: "v-list-user-log", Read, "USER [FORMAT]";
    LIST_USER_NOTIFICATIONS: "v-list-user-notifications", Read, "USER [FORMAT]";
    LIST_USER_PACKAGES: "v-list-user-packages", Read, "[FORMAT]";
    LIST_USERS: "v-list-users", Read, "[FORMAT]";
    LIST_WEB_DOMAIN: "v-list-web-domain", Read, "USER DOMAIN [FORMAT]";
    LIST_WEB_DOMAINS: "v-list-web-domains", Read, "USER [FORMAT]";
    LIST_WEB_TEMPLATES: "v-list-web-templates", Read, "[FORMAT]";
    LIST_WEB_TEMPLATES_BACKEND: "v-list-web-templates-backend", Read, "[FORMAT]";
    LIST_WEB_TEMPLATES_PROXY: "v-list-web-templates-proxy", Read, "[FORMAT]";
    LOG_USER_LOGIN: "v-log-user-login", Write, "USER IP [STATUS] [SESSION_ID] [USER_AGENT] [AUTHLOG] [REASON]";
    LOG_USER_LOGOUT: "v-log-user-logout", Write, "USER SESSION_ID";
    MAKE_TMP_FILE: "v-make-tmp-file", Write, "CONTENT NAME";
    PURGE_NGINX_CACHE: "v-purge-nginx-cache", Write, "USER DOMAIN [RESTART]";
    REBUILD_DNS_DOMAIN: "v-rebuild-dns-domain", Write, "USER DOMAIN [RESTART] [UPDATE_SERIAL]";
    REBUILD_DNS_DOMAINS: "v-rebuild-dns-domains", Write, "USER [RESTART] [UPDATE_SERIAL]";
    RENAME_USER_PACKAGE: "v-rename-user-package", Write, "OLD_NAME NEW_NAME";
    RESTART_CRON: "v-restart-cron", Write, "[RESTART]";
    RESTART_DNS: "v-restart-dns", Write, "[RESTART]";
    RESTART_PROXY: "v-restart-proxy", Write, "[RESTART]";
    RESTART_SERVICE: "v-restart-service", Write, "SERVICE [RESTART]";
    RESTART_WEB: "v-restart-web", Write, "[RESTART]";
    SCHEDULE_USER_BACKUP: "v-schedule-user-backup", Write, "USER";
    SCHEDULE_USER_RESTORE: "v-schedule-user-restore", Write, "USER BACKUP [WEB] [DNS] [MAIL] [DB] [CRON] [UDIR]";
    SUSPEND_CRON_JOB: "v-suspend-cron-job", Write, "USER JOB [RESTART]";
    SUSPEND_DATABASE: "v-suspend-database", Write, "USER DATABASE";
    SUSPEND_DNS_DOMAIN: "v-suspend-dns-domain", Write, "USER DOMAIN [RESTART]";
    SUSPEND_MAIL_ACCOUNT: "v-suspend-mail-account", Write, "USER DOMAIN ACCOUNT";
    SUSPEND_MAIL_ACCOUNTS: "v-suspend-mail-accounts", Write, "USER DOMAIN";
    SUSPEND_MAIL_DOMAIN: "v-suspend-mail-domain", Write, "USER DOMAIN";
    SUSPEND_USER: "v-suspend-user", Write, "USER [RESTART]";
    SUSPEND_WEB_DOMAIN: "v-suspend-web-domain", Write, "USER DOMAIN [RESTART]";
    UNSUSPEND_CRON_JOB: "v-unsuspend-cron-job", Write, "USER JOB [RESTART]";
    UNSUSPEND_DATABASE: "v-unsuspend-database", Write, "USER DATABASE";
    UNSUSPEND_DNS_DOMAIN: "v-unsuspend-dns-domain", Write, "USER DOMAIN";
    UNSUSPEND_MAIL_ACCOUNT: "v-unsuspend-mail-account", Write, "USER DOMAIN ACCOUNT";
    UNSUSPEND_MAIL_ACCOUNTS: "v-unsuspend-mail-accounts", Write, "USER DOMAIN";
    UNSUSPEND_MAIL_DOMAIN: "v-unsuspend-mail-domain", Write, "USER DOMAIN [RESTART]";
    UNSUSPEND_USER: "v-unsuspend-user", Write, "USER [RESTART]";
    UNSUSPEND_WEB_DOMAIN: "v-unsuspend-web-domain", Write, "USER DOMAIN [RESTART]";
}

/// The description of the command called `name`, if Hearth knows it.
pub fn find(name: &str) -> Option<&'static Spec> {
    ALL.iter().find(|s| s.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usage_line_says_where_user_and_secrets_are() {
        assert_eq!(ADD_MAIL_ACCOUNT.user_position(), Some(1));
        assert_eq!(ADD_MAIL_ACCOUNT.required(), 4);
        assert!(ADD_MAIL_ACCOUNT.is_secret(3));
        assert!(!ADD_MAIL_ACCOUNT.is_secret(4));
        assert!(ADD_DATABASE.is_secret(3));
        assert!(MAKE_TMP_FILE.is_secret(0));
        assert_eq!(LIST_ACCESS_KEYS.user_position(), Some(1));
        assert_eq!(LIST_ACCESS_KEY.user_position(), None);
        assert_eq!(RESTART_WEB.required(), 0);
        assert!(!LIST_USER.changes());
        assert_eq!(find("v-add-dns-record"), Some(&ADD_DNS_RECORD));
        assert_eq!(find("v-no-such-command"), None);
    }

    #[test]
    fn each_command_is_described_once() {
        let mut names: Vec<&str> = ALL.iter().map(|s| s.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }
}
