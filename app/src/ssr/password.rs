//! Logging in with a Hestia user name and password, as Hestia's own login page does (PROTOCOL.md
//! §7.1, DESIGN.md decision 17): the service key checks the password passing the browser's
//! address (so Hestia's fail2ban counts that address, never Hearth's), then the account's login
//! switch, address list and two-factor code; the login goes into the account's Hestia login
//! history; and the session gets an access key of its own, made now and deleted when the
//! session ends ([`super::session_keys`]).

use std::net::IpAddr;

use hestia::cmd::{AddAccessKey, CheckUser2fa, ListUser, LogUserLogin};
use hestia::permissions::PASSWORD_LOGIN_COMMANDS;
use hestia::{AccessKeyId, Allowed, Command, ReturnCode, Secret, UserName};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::budget::{Reservation, Risk};
use super::gateway::Gateway;
use super::login::new_record;
use super::record::SessionRecord;
use crate::error::{HearthError, LoginProblem};
use crate::session::LoginMethod;

/// The session entry of a password login waiting for its two-factor code. The password is not
/// kept: it was checked.
pub const PENDING_KEY: &str = "hearth-pending";

/// How long the code may take after the password, in seconds.
const CODE_WITHIN: i64 = 300;

/// Wrong codes before the password must be entered again.
const CODE_TRIES: u32 = 3;

/// A password login that waits for its two-factor code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingLogin {
    /// The account.
    pub user: UserName,
    /// When the password was checked, Unix seconds.
    pub checked_at: i64,
    /// Wrong codes so far.
    pub wrong_codes: u32,
}

/// Where a login stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginStep {
    /// Logged in.
    Done,
    /// The password was right; the account's two-factor code is asked next.
    CodeNeeded,
}

/// The browser, as the login history records it.
pub struct Browser {
    /// Its address, as Hearth sees it (behind trusted proxies, the forwarded one).
    pub ip: String,
    /// Its User-Agent.
    pub agent: String,
}

impl Browser {
    fn address(&self) -> Option<IpAddr> {
        self.ip.parse::<IpAddr>().ok().map(|a| a.to_canonical())
    }
}

/// Who is guessing, for the guess limits: the address, or its /64 for IPv6 (one host usually
/// holds a whole one).
fn guesser(address: Option<IpAddr>) -> Option<IpAddr> {
    address.map(|a| match a {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::from([s[0], s[1], s[2], s[3], 0, 0, 0, 0])
        }
        v4 @ IpAddr::V4(_) => v4,
    })
}

/// The address Hestia is told the password came from: the browser's, but never one that may
/// be Hearth's own (loopback, or a proxy of Hearth's), which fail2ban would count against the
/// panel (PROTOCOL.md §7.3). Empty: Hestia counts no address.
fn told_address(gateway: &Gateway, address: Option<IpAddr>) -> String {
    address
        .filter(|a| !a.is_loopback() && !gateway.trusts_proxy(*a))
        .map(|a| a.to_string())
        .unwrap_or_default()
}

/// Whether the service key may run what password logins of every user need.
pub async fn available(gateway: &Gateway) -> Result<bool, HearthError> {
    if !gateway.has_service_key() {
        return Ok(false);
    }
    gateway
        .with_service_key(|r| r.may_run(PASSWORD_LOGIN_COMMANDS))
        .await
}

/// A slot of both guess limits (the address's, then the account's, of which one address may
/// hold half), said as "too many guesses" when either is spent.
async fn reserve_guess(
    gateway: &Gateway,
    user: &UserName,
    address: Option<IpAddr>,
) -> Result<[Reservation; 2], HearthError> {
    let who = guesser(address);
    let [account, from] = gateway.guess_limits(user, who);
    let too_many = |e| match e {
        HearthError::Throttled { wait_secs } => HearthError::TooManyGuesses { wait_secs },
        e => e,
    };
    let from = from.reserve(None, Risk::Proven).await.map_err(too_many)?;
    match account.reserve(who, Risk::Proven).await {
        Ok(account) => Ok([account, from]),
        // Nothing was tried: the address's slot is free again, not spent.
        Err(e) => {
            from.accepted().await;
            Err(too_many(e))
        }
    }
}

/// Settles both slots: a wrong guess counts in both.
async fn settle([account, from]: [Reservation; 2], wrong: bool) {
    if wrong {
        account.refused().await;
        from.refused().await;
    } else {
        account.accepted().await;
        from.accepted().await;
    }
}

/// Checks `user`'s `password` with the service key, within the guess limits, passing the
/// browser's `address`: a wrong password counts against that address at Hestia, never
/// Hearth's (PROTOCOL.md §7.3).
pub(super) async fn check_password(
    gateway: &Gateway,
    user: &UserName,
    password: &Secret,
    browser: &Browser,
) -> Result<bool, HearthError> {
    let guess = reserve_guess(gateway, user, browser.address()).await?;
    let ip = told_address(gateway, browser.address());
    let tmp_name = format!("hearth-{}", super::objects::random_hex());
    let checked = gateway
        .with_service_key(|r| r.check_password(user, password, &ip, &tmp_name))
        .await;
    // An error taught nothing about the password.
    settle(guess, matches!(checked, Ok(false))).await;
    checked
}

/// Checks `user`'s `password` for `browser`; goes on to the code step or logs in.
pub async fn log_in(
    gateway: &Gateway,
    session: &Session,
    user: UserName,
    password: &Secret,
    browser: &Browser,
) -> Result<LoginStep, HearthError> {
    // A login started afresh forgets one that waited for its code.
    let _ = session.remove_value(PENDING_KEY).await;
    let right = check_password(gateway, &user, password, browser).await?;
    if !right {
        record_login(gateway, &user, browser, None, None).await;
        // Hestia's own login says when an account is suspended, before the password.
        return Err(match account(gateway, &user).await {
            Ok(Some(a)) if a.suspended => HearthError::OwnerSuspended {
                user: user.to_string(),
            },
            _ => HearthError::Login(LoginProblem::WrongPassword),
        });
    }
    let account = vet(gateway, &user, browser).await?;
    if account.two_factor {
        if !gateway
            .with_service_key(|r| r.may_run(&[CheckUser2fa::NAME]))
            .await?
        {
            tracing::error!(user = %user, "the account has two-factor authentication, and the service key may not run v-check-user-2fa");
            return Err(HearthError::Login(LoginProblem::PasswordsNotSetUp));
        }
        let pending = PendingLogin {
            user,
            checked_at: super::now(),
            wrong_codes: 0,
        };
        session
            .insert(PENDING_KEY, &pending)
            .await
            .map_err(super::session_store_error)?;
        return Ok(LoginStep::CodeNeeded);
    }
    start(gateway, session, user, browser).await?;
    Ok(LoginStep::Done)
}

/// Checks the two-factor `code` of the login waiting in `session`, and logs in.
pub async fn log_in_with_code(
    gateway: &Gateway,
    session: &Session,
    code: &str,
    browser: &Browser,
) -> Result<LoginStep, HearthError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(HearthError::invalid(
            "code",
            "Enter the six digits your authenticator app shows.",
        ));
    }
    let pending: Option<PendingLogin> = session
        .get(PENDING_KEY)
        .await
        .map_err(super::session_store_error)?;
    let Some(mut pending) = pending.filter(|p| super::now() - p.checked_at <= CODE_WITHIN) else {
        let _ = session.remove_value(PENDING_KEY).await;
        return Err(HearthError::Login(LoginProblem::CodeTooLate));
    };
    let guess = reserve_guess(gateway, &pending.user, browser.address()).await?;
    let check = CheckUser2fa {
        user: pending.user.clone(),
        code,
    };
    let right = match gateway.with_service_key(|r| r.run(&check)).await {
        Ok(()) => true,
        Err(HearthError::Refused {
            code: ReturnCode::Password,
            ..
        }) => false,
        Err(e) => {
            settle(guess, false).await;
            return Err(e);
        }
    };
    settle(guess, !right).await;
    if !right {
        pending.wrong_codes += 1;
        let again = if pending.wrong_codes < CODE_TRIES {
            session.insert(PENDING_KEY, &pending).await
        } else {
            session.remove_value(PENDING_KEY).await.map(drop)
        };
        again.map_err(super::session_store_error)?;
        // A failed line in the history; none in auth.log, as Hestia's page for the first three.
        record_login(gateway, &pending.user, browser, None, None).await;
        return Err(HearthError::Login(LoginProblem::WrongCode));
    }
    session
        .remove_value(PENDING_KEY)
        .await
        .map_err(super::session_store_error)?;
    // Hestia's own page checks the account again with every code (§7.1 step 5).
    if !vet(gateway, &pending.user, browser).await?.two_factor {
        return Err(HearthError::Login(LoginProblem::CodeTooLate));
    }
    start(gateway, session, pending.user, browser).await?;
    Ok(LoginStep::Done)
}

/// The user waiting for the code step in `session`, if any (and not too late).
pub async fn waiting_for_code(session: &Session) -> Option<String> {
    let pending: PendingLogin = session.get(PENDING_KEY).await.ok()??;
    (super::now() - pending.checked_at <= CODE_WITHIN).then(|| pending.user.to_string())
}

/// `v-list-user` with the service key; `None` for an account that does not exist.
async fn account(
    gateway: &Gateway,
    user: &UserName,
) -> Result<Option<hestia::model::User>, HearthError> {
    let listing = ListUser { user: user.clone() };
    match gateway.with_service_key(|r| r.run(&listing)).await {
        Ok(account) => Ok(Some(account)),
        Err(HearthError::Refused {
            code: ReturnCode::NotExist,
            ..
        }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The account of `user`, whose password was right, if Hestia's own login would let it in from
/// `browser` (§7.1 step 4). A disabled login or an address not in the account's list is told
/// as a wrong password, as Hestia tells it (the password must not be confirmed to whoever typed
/// it); the reason goes to the login history, Hestia's auth.log and Hearth's log.
pub(super) async fn vet(
    gateway: &Gateway,
    user: &UserName,
    browser: &Browser,
) -> Result<hestia::model::User, HearthError> {
    let Some(account) = account(gateway, user).await? else {
        return Err(HearthError::Login(LoginProblem::WrongPassword));
    };
    if account.suspended {
        return Err(HearthError::OwnerSuspended {
            user: user.to_string(),
        });
    }
    let ip = browser.address().map(|a| a.to_string()).unwrap_or_default();
    if let Some(reason) = account.login_refusal(&ip) {
        tracing::info!(user = %user, ip = %ip, reason, "refused a right password, as Hestia would");
        record_login(gateway, user, browser, None, Some(reason)).await;
        return Err(HearthError::Login(LoginProblem::WrongPassword));
    }
    Ok(account)
}

/// Writes a line of `user`'s Hestia login history, as Hestia's own login page does: a success
/// with the session's `handle`, or a failure (with `reason` when the password was right, which
/// Hestia also writes to its auth.log). Best effort: the service key may not be allowed to, and
/// Hestia takes IPv4 addresses only.
async fn record_login(
    gateway: &Gateway,
    user: &UserName,
    browser: &Browser,
    handle: Option<&str>,
    reason: Option<&'static str>,
) {
    let Ok(IpAddr::V4(ip)) = told_address(gateway, browser.address()).parse::<IpAddr>() else {
        return;
    };
    let allowed = gateway
        .with_service_key(|r| r.may_run(&[LogUserLogin::NAME]))
        .await;
    if !matches!(allowed, Ok(true)) {
        return;
    }
    let entry = LogUserLogin {
        user: user.clone(),
        ip: ip.to_string(),
        success: handle.is_some(),
        session: handle.map_or_else(super::objects::random_hex, str::to_owned),
        user_agent: browser.agent.clone(),
        reason: reason.map(str::to_owned),
    };
    if let Err(e) = gateway.with_service_key(|r| r.run(&entry)).await {
        tracing::warn!(user = %user, error = %e, "could not write the login history");
    }
}

/// Opens the session: makes its access key, records the login, stores the session.
async fn start(
    gateway: &Gateway,
    session: &Session,
    user: UserName,
    browser: &Browser,
) -> Result<(), HearthError> {
    let handle = super::objects::random_hex();
    // Listed before its key exists: once this entry ends, whatever key it got is deleted.
    gateway
        .sessions()
        .open(super::sessions::NewSession {
            handle: &handle,
            owner: user.as_str(),
            key_id: None,
            ip: &browser.ip,
            agent: &browser.agent,
        })
        .await?;
    let started = async {
        let (id, secret, allowed) = make_key(gateway, &handle, &user).await?;
        // Ended while the key was being made (its user suspended, say): not brought back.
        if !gateway.sessions().attach_key(&handle, &id).await? {
            return Err(HearthError::SessionExpired);
        }
        record_login(gateway, &user, browser, Some(&handle), None).await;
        let owner = (user.clone(), Some(id));
        let record = SessionRecord {
            handle: handle.clone(),
            ..new_record(
                gateway,
                LoginMethod::Password,
                owner,
                &secret,
                allowed,
                browser,
            )?
        };
        super::login::store_session(gateway, session, record).await
    };
    let started = started.await;
    if started.is_err() {
        // Its key, if made, goes with it.
        let ending = super::sessions::Ending::One(handle);
        let _ = gateway.sessions().end(ending, None).await;
    }
    started
}

/// Makes the session's key with the profiles the operator chose; yields it and what it may run.
async fn make_key(
    gateway: &Gateway,
    handle: &str,
    user: &UserName,
) -> Result<(AccessKeyId, Secret, Allowed), HearthError> {
    let profiles = gateway.session_profiles(user).to_vec();
    let comment = gateway.session_keys().prepare(handle, user).await?;
    let add = AddAccessKey {
        user: user.clone(),
        profiles: profiles.clone(),
        comment: comment.clone(),
    };
    let key = match gateway.with_service_key(|r| r.run(&add)).await {
        Ok(key) => key,
        Err(e @ HearthError::Refused { .. }) => {
            tracing::error!(user = %user, profiles = ?profiles, error = %e, "Hestia refused to make a password session's key: check the session profiles");
            return Err(HearthError::Login(LoginProblem::PasswordsNotSetUp));
        }
        Err(e) => return Err(e),
    };
    let id = AccessKeyId::new(key.key.access_key_id.as_str()).map_err(|_| HearthError::Internal)?;
    gateway.session_keys().made(&comment, &id).await?;
    let allowed = if profiles.is_empty() {
        Allowed::Everything
    } else {
        let known = gateway
            .with_service_key(|r| async move { Ok(r.profiles().await?) })
            .await?;
        Allowed::from_profiles(profiles.iter().map(String::as_str), &known)
    };
    Ok((id, key.secret, allowed))
}
