//! Logging in: check the credentials without ever risking more failed Hestia logins than
//! DESIGN.md decisions 2 and 3 allow, then start a fresh session.

use std::net::IpAddr;
use std::sync::Arc;

use hestia::cmd::{self, ListUser, Spec};
use hestia::{AccessKeyId, Allowed, Command, Credentials, Secret, UserName};
use tower_sessions::Session;

use super::budget::Risk;
use super::gateway::Gateway;
use super::password::{Browser, LoginStep};
use super::record::{SessionRecord, SESSION_KEY};
use crate::error::{HearthError, LoginProblem};
use crate::session::LoginMethod;

/// What the login form sent.
pub struct LoginInput {
    /// Which form.
    pub method: LoginMethod,
    /// Access key ID (or `ID:SECRET`), or the legacy key.
    pub key: String,
    /// Secret key, or the password.
    pub secret: String,
    /// The key owner's name, or the user logging in with a password.
    pub user: String,
}

/// Listings that take `USER json` and may verify a key when there is no service key: the first
/// the declared profiles allow is used.
const VERIFY_WITH: &[Spec] = &[
    cmd::LIST_USER,
    cmd::LIST_WEB_DOMAINS,
    cmd::LIST_MAIL_DOMAINS,
    cmd::LIST_DNS_DOMAINS,
    cmd::LIST_DATABASES,
    cmd::LIST_CRON_JOBS,
    cmd::LIST_USER_BACKUPS,
];

/// Checks the credentials and, if they are good, rotates the session id and stores the new
/// session. A password login of an account with two-factor authentication stops at the code.
pub async fn log_in(
    gateway: &Gateway,
    session: &Session,
    input: LoginInput,
    client_ip: String,
    user_agent: String,
) -> Result<LoginStep, HearthError> {
    let browser = Browser {
        ip: client_ip,
        agent: user_agent,
    };
    if input.method == LoginMethod::Password {
        // Checked before Hestia is asked anything.
        let (user, password) = password_input(&input)?;
        if super::password::available(gateway).await? {
            return super::password::log_in(gateway, session, user, &password, &browser).await;
        }
    }
    // A login costs a strike against this address's share of the budget, not everyone's.
    let address = browser.ip.parse::<IpAddr>().ok();
    let (credentials, owner, allowed) = match input.method {
        LoginMethod::AccessKey => check_key(gateway, &input, address).await?,
        LoginMethod::Password | LoginMethod::LegacyKey => {
            check_root(gateway, &input, &browser).await?
        }
    };
    let (key_id, secret) = match credentials {
        Credentials::AccessKey { id, secret } => (Some(id), secret),
        Credentials::Password { password, .. } => (None, password),
        Credentials::LegacyKey(key) => (None, key),
    };
    let record = new_record(
        gateway,
        input.method,
        (owner, key_id),
        &secret,
        allowed,
        &browser,
    )?;
    start_session(gateway, session, record).await?;
    Ok(LoginStep::Done)
}

/// The record of a new session of `owner`, its secret sealed.
pub(super) fn new_record(
    gateway: &Gateway,
    method: LoginMethod,
    (owner, key_id): (UserName, Option<AccessKeyId>),
    secret: &Secret,
    allowed: Allowed,
    browser: &Browser,
) -> Result<SessionRecord, HearthError> {
    Ok(SessionRecord {
        server: gateway.server_id().to_owned(),
        method,
        owner,
        key_id,
        sealed_secret: gateway.sealer().seal(secret).ok_or(HearthError::Internal)?,
        allowed,
        logged_in_at: time::OffsetDateTime::now_utc().unix_timestamp(),
        client_ip: browser.ip.clone(),
        user_agent: browser.agent.clone(),
        handle: super::objects::random_hex(),
        acting_as: None,
    })
}

/// Lists the session, gives it a new id and stores its record.
async fn start_session(
    gateway: &Gateway,
    session: &Session,
    record: SessionRecord,
) -> Result<(), HearthError> {
    // The sessions list first: with the database out of reach, the session stays untouched and
    // the person is told so (a session changed but not saved would be a bare error page).
    gateway
        .sessions()
        .open(super::sessions::NewSession {
            handle: &record.handle,
            owner: record.owner.as_str(),
            key_id: record.key_id.as_ref().map(AccessKeyId::as_str),
            ip: &record.client_ip,
            agent: &record.user_agent,
        })
        .await?;
    store_session(gateway, session, record).await
}

/// Gives the listed session a new id and stores its record.
pub(super) async fn store_session(
    gateway: &Gateway,
    session: &Session,
    record: SessionRecord,
) -> Result<(), HearthError> {
    let key_id = record.key_id.as_ref().map(ToString::to_string);
    // A new id at login: a session id planted before login is worth nothing after it.
    session
        .cycle_id()
        .await
        .map_err(super::session_store_error)?;
    session
        .insert(SESSION_KEY, &record)
        .await
        .map_err(super::session_store_error)?;
    let actor = super::audit::Actor {
        user: record.owner.to_string(),
        acting_as: None,
        key_id,
        ip: record.client_ip.clone(),
    };
    gateway
        .audit()
        .record(&actor, "hearth:login", Vec::new(), Some(0), "ok")
        .await;
    tracing::info!(user = %record.owner, method = ?record.method, key = ?record.key_id.as_ref().map(ToString::to_string), ip = %record.client_ip, "logged in");
    Ok(())
}

/// The user name and password of the password form, checked before Hestia sees them.
fn password_input(input: &LoginInput) -> Result<(UserName, Secret), HearthError> {
    let user = UserName::new(input.user.trim()).map_err(|e| {
        HearthError::invalid(
            "user",
            format!("Enter your Hestia user name ({}).", e.reason),
        )
    })?;
    if input.secret.is_empty() {
        return Err(HearthError::invalid("secret", "Enter the password."));
    }
    // Hestia reads a "password" that is a /tmp/ path from that file, as root (§7.6).
    if input.secret.trim_start().starts_with("/tmp/")
        || input.secret.chars().any(char::is_control)
        || input.secret.len() > 1024
    {
        return Err(HearthError::invalid(
            "secret",
            "This is not a password Hestia can check.",
        ));
    }
    Ok((user, Secret::new(input.secret.clone())))
}

fn malformed() -> HearthError {
    HearthError::Login(LoginProblem::MalformedKey)
}

async fn check_key(
    gateway: &Gateway,
    input: &LoginInput,
    address: Option<IpAddr>,
) -> Result<(Credentials, UserName, Allowed), HearthError> {
    // The ID field also takes `ID:SECRET`, the form Hestia prints.
    let (id, secret) = match input.key.trim().split_once(':') {
        Some((id, secret)) if input.secret.trim().is_empty() => (id.trim(), secret.trim()),
        _ => (input.key.trim(), input.secret.trim()),
    };
    if id.is_empty() {
        return Err(HearthError::invalid("key", "Enter the access key ID."));
    }
    if secret.is_empty() {
        return Err(HearthError::invalid("secret", "Enter the secret key."));
    }
    let id = AccessKeyId::new(id).map_err(|_| malformed())?;
    let secret = Secret::new(secret);
    if !secret.is_access_key_secret_format() {
        return Err(malformed());
    }
    if gateway.has_service_key() {
        let grant = gateway
            .with_service_key(|resolver| resolver.check(&id, &secret))
            .await?;
        let credentials = Credentials::AccessKey { id, secret };
        if let Some(body) = &grant.owner_listing {
            let listing = ListUser {
                user: grant.owner.clone(),
            };
            gateway.remember(
                &credentials,
                &grant.owner,
                ListUser::NAME,
                &listing.args(),
                body,
            );
        }
        return Ok((credentials, grant.owner, grant.allowed));
    }
    // No service key: the user names the owner, and one listing proves the key (a failure
    // here is a failed login at Hestia, so the brake applies).
    let owner = UserName::new(input.user.trim()).map_err(|e| {
        HearthError::invalid(
            "user",
            format!("Enter the Hestia user the key belongs to ({}).", e.reason),
        )
    })?;
    let allowed = gateway.config.declared.clone();
    let Some(verify) = VERIFY_WITH.iter().find(|c| allowed.allows(c.name)) else {
        tracing::error!("no declared profile grants a listing Hearth can verify a key with");
        return Err(HearthError::Internal);
    };
    let credentials = Credentials::AccessKey { id, secret };
    let credentials = verify_once(
        gateway,
        credentials,
        address,
        Risk::Unproven,
        verify,
        &owner,
    )
    .await?;
    Ok((credentials, owner, allowed))
}

async fn check_root(
    gateway: &Gateway,
    input: &LoginInput,
    browser: &Browser,
) -> Result<(Credentials, UserName, Allowed), HearthError> {
    let address = browser.ip.parse::<IpAddr>().ok();
    let root = gateway.root_user().clone();
    let (credentials, risk) = if input.method == LoginMethod::Password {
        let (user, password) = password_input(input)?;
        if user != root {
            return Err(HearthError::invalid(
                "user",
                format!("Only the root user ({root}) can log in with a password here; other users log in with an access key."),
            ));
        }
        let checked = check_password_first(gateway, &root, &password, browser).await?;
        let credentials = Credentials::Password {
            user: root.clone(),
            password,
        };
        (
            credentials,
            if checked {
                Risk::Proven
            } else {
                Risk::Unproven
            },
        )
    } else {
        // Hestia refuses legacy keys shorter than 16 characters (§2.2), and makes them of
        // letters, digits, `_` and `-` — no need to ask it (and risk a strike) otherwise.
        let key = input.key.trim();
        if key.len() < 16 || key.len() > 128 {
            return Err(HearthError::invalid(
                "key",
                "A legacy API key has at least 16 characters.",
            ));
        }
        if !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(HearthError::invalid(
                "key",
                "A legacy API key is made of letters, digits, _ and -.",
            ));
        }
        (Credentials::LegacyKey(Secret::new(key)), Risk::Unproven)
    };
    let credentials =
        verify_once(gateway, credentials, address, risk, &cmd::LIST_USER, &root).await?;
    Ok((credentials, root, Allowed::Everything))
}

/// Checks the root password with the service key's `v-check-user-password` when it may
/// (PROTOCOL.md §7), and the account as Hestia's own login would: a wrong password then counts
/// against the browser's address at Hestia, never Hearth's, and an account with two-factor
/// authentication is refused (legacy mode has no second step). `Ok(false)`: no such check here.
async fn check_password_first(
    gateway: &Gateway,
    user: &UserName,
    password: &Secret,
    browser: &Browser,
) -> Result<bool, HearthError> {
    let may = [
        hestia::cmd::MakeTmpFile::NAME,
        hestia::cmd::CheckUserPassword::NAME,
        hestia::cmd::ListUser::NAME,
    ];
    if !gateway.has_service_key() || !gateway.with_service_key(|r| r.may_run(&may)).await? {
        return Ok(false);
    }
    if !super::password::check_password(gateway, user, password, browser).await? {
        return Err(HearthError::Login(LoginProblem::WrongPassword));
    }
    if super::password::vet(gateway, user, browser)
        .await?
        .two_factor
    {
        tracing::error!(user = %user, "the root user has two-factor authentication, and the service key may not make session keys: refused");
        return Err(HearthError::Login(LoginProblem::PasswordsNotSetUp));
    }
    Ok(true)
}

/// One read that Hestia's login check guards, with a slot of the strike budget held for
/// `address`. Yields the credentials back once Hestia accepted them.
async fn verify_once(
    gateway: &Gateway,
    credentials: Credentials,
    address: Option<IpAddr>,
    risk: Risk,
    command: &'static Spec,
    owner: &UserName,
) -> Result<Credentials, HearthError> {
    let caller = super::Caller {
        credentials: Arc::new(credentials),
        session: None,
        risk,
        address,
    };
    let args = hestia::protocol::Args::new()
        .arg(owner.as_str())
        .arg("json");
    match gateway.send(&caller, command, &args).await {
        Ok(body) => {
            gateway.remember(&caller.credentials, owner, command.name, &args, &body);
            Arc::try_unwrap(caller.credentials).map_err(|_| HearthError::Internal)
        }
        Err(super::gateway::Sent::Hearth(e)) => Err(e),
        Err(super::gateway::Sent::Hestia(e)) => Err(match e.refusal() {
            Some((hestia::Refusal::UserArgumentMismatch, _)) => HearthError::invalid(
                "user",
                "This key belongs to another user. Enter the key owner's user name.",
            ),
            _ => gateway.map_error(&e),
        }),
    }
}
