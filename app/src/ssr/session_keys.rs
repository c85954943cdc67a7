//! The access keys Hearth makes at Hestia for password sessions (DESIGN.md decision 17). Hestia
//! never expires a key (PROTOCOL.md §7.4), so each key is written down before it is made and
//! deleted once its session is over — logout, "end session", idle or absolute expiry, a deleted
//! user — by whichever instance notices first. Keys a crash left behind are found by their
//! comment and deleted too; nobody's own keys are ever touched.

use std::sync::{Arc, Weak};
use std::time::Duration;

use hestia::cmd::{DeleteAccessKey, ListAccessKeys, LogUserLogout};
use hestia::{AccessKeyId, Command, ReturnCode, UserName};
use sqlx::Row;
use tokio::sync::Notify;

use super::db::{db_error, now, HearthDb};
use super::gateway::Gateway;
use crate::error::HearthError;

/// The comment of every key Hearth makes for a session, before the installation and the tag.
const COMMENT_PREFIX: &str = "hearth-session";

/// How often the keys at Hestia are listed for ones a crash left behind.
const LISTING_EVERY: Duration = Duration::from_secs(600);

/// The longest a session's end is taken to wait for (at most a minute): instances' clocks may
/// differ a little, and a key deleted while another instance still uses it costs a strike.
fn grace(limit_secs: i64) -> i64 {
    (limit_secs / 2).min(60)
}

/// The keys made for sessions, in Hearth's database.
pub struct SessionKeys {
    db: HearthDb,
    server: String,
    idle_secs: i64,
    lifetime_secs: i64,
    /// How often the database is looked at for sessions another instance saw end.
    sweep_every: Duration,
    /// Told when a session of this instance ends, so its key goes at once.
    ended: Arc<Notify>,
    /// This installation's id, in the comment of each key ([`HearthDb::installation`]).
    installation: tokio::sync::OnceCell<String>,
}

/// A key of a session that is over.
struct Leftover {
    tag: String,
    owner: String,
    handle: String,
    key_id: Option<String>,
}

impl SessionKeys {
    /// The keys of `server`'s sessions; a session idle for `idle_secs` or older than
    /// `lifetime_secs` is over. `ended` is told when a session ends here.
    pub fn new(
        db: HearthDb,
        server: String,
        (idle_secs, lifetime_secs): (i64, i64),
        sweep_every: Duration,
        ended: Arc<Notify>,
    ) -> Self {
        Self {
            db,
            server,
            idle_secs,
            lifetime_secs,
            sweep_every,
            ended,
            installation: tokio::sync::OnceCell::new(),
        }
    }

    /// The comment of the key with `tag`.
    async fn comment(&self, tag: &str) -> Result<String, HearthError> {
        let installation = self
            .installation
            .get_or_try_init(|| self.db.installation())
            .await?;
        Ok(format!("{COMMENT_PREFIX} {installation} {tag}"))
    }

    /// Writes down that a key is about to be made for the session `handle` of `owner`; yields
    /// the comment to make it with.
    pub async fn prepare(&self, handle: &str, owner: &UserName) -> Result<String, HearthError> {
        let tag = super::objects::random_hex()[..16].to_owned();
        sqlx::query(
            "INSERT INTO session_keys (tag, server, handle, owner, key_id, created) \
             VALUES ($1, $2, $3, $4, NULL, $5)",
        )
        .bind(&tag)
        .bind(&self.server)
        .bind(handle)
        .bind(owner.as_str())
        .bind(now())
        .execute(self.db.pool())
        .await
        .map_err(db_error)?;
        self.comment(&tag).await
    }

    /// Notes the ID Hestia gave the key made with `comment`. Its row gone meanwhile (the
    /// session is over), the key is left to the listing of leftovers and the login fails.
    pub async fn made(&self, comment: &str, id: &AccessKeyId) -> Result<(), HearthError> {
        let noted = sqlx::query("UPDATE session_keys SET key_id = $2 WHERE tag = $1")
            .bind(tag_of(comment))
            .bind(id.as_str())
            .execute(self.db.pool())
            .await
            .map_err(db_error)?;
        if noted.rows_affected() == 1 {
            Ok(())
        } else {
            Err(HearthError::SessionExpired)
        }
    }

    /// The keys whose session is over (gone from the sessions list, or idle or too old for a
    /// little longer than the limits, see [`grace`]).
    async fn leftovers(&self) -> Result<Vec<Leftover>, HearthError> {
        let t = now();
        let rows = sqlx::query(
            "SELECT k.tag, k.owner, k.handle, k.key_id FROM session_keys k
             WHERE k.server = $1 AND NOT EXISTS (
                 SELECT 1 FROM sessions s
                 WHERE s.handle = k.handle AND s.last_seen >= $2 AND s.since >= $3)
             ORDER BY k.created LIMIT 100",
        )
        .bind(&self.server)
        .bind(t - self.idle_secs - grace(self.idle_secs))
        .bind(t - self.lifetime_secs - grace(self.lifetime_secs))
        .fetch_all(self.db.pool())
        .await
        .map_err(db_error)?;
        rows.iter()
            .map(|r| {
                Ok(Leftover {
                    tag: r.try_get(0)?,
                    owner: r.try_get(1)?,
                    handle: r.try_get(2)?,
                    key_id: r.try_get(3)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(db_error)
    }

    async fn forget(&self, tag: &str) -> Result<(), HearthError> {
        sqlx::query("DELETE FROM session_keys WHERE tag = $1")
            .bind(tag)
            .execute(self.db.pool())
            .await
            .map(drop)
            .map_err(db_error)
    }

    async fn is_known(&self, tag: &str) -> Result<bool, HearthError> {
        sqlx::query_scalar::<_, String>("SELECT tag FROM session_keys WHERE tag = $1")
            .bind(tag)
            .fetch_optional(self.db.pool())
            .await
            .map(|t| t.is_some())
            .map_err(db_error)
    }
}

/// The tag at the end of a session key's comment.
fn tag_of(comment: &str) -> &str {
    comment.rsplit(' ').next().unwrap_or_default()
}

/// Deletes `id` at Hestia: `Ok` also when it is already gone.
async fn delete_key(gateway: &Gateway, id: &str) -> Result<(), HearthError> {
    let Ok(id) = AccessKeyId::new(id) else {
        return Ok(());
    };
    let delete = DeleteAccessKey { id };
    match gateway.with_service_key(|r| r.run(&delete)).await {
        Err(HearthError::Refused {
            code: ReturnCode::NotExist,
            ..
        }) => Ok(()),
        other => other,
    }
}

/// Deletes the keys of sessions that are over. Hestia's keys are listed (when the service key
/// may) with `periodic`, or to find a key whose ID was never written down (its answer was lost);
/// the listing also finds keys with this installation's mark that no session knows. Only keys
/// whose whole comment is one Hearth wrote, for the same user, are ever deleted.
async fn sweep(gateway: &Gateway, periodic: bool) -> Result<(), HearthError> {
    let keys = gateway.session_keys();
    let leftovers = keys.leftovers().await?;
    if leftovers.is_empty() && !periodic {
        return Ok(());
    }
    let service = gateway.with_service_key(|r| r.service_allowed()).await?;
    if !service.allows(DeleteAccessKey::NAME) {
        // Asking anyway would be refused as a failed login of Hearth's own (§2.6).
        tracing::error!("the service key may not run v-delete-access-key: the keys of ended password sessions stay at Hestia");
        return Ok(());
    }
    let unknown_id = leftovers.iter().any(|l| l.key_id.is_none());
    let listing = service.allows(ListAccessKeys::NAME);
    let listed = if listing && (periodic || unknown_id) {
        gateway
            .with_service_key(|r| r.run(&ListAccessKeys { user: None }))
            .await?
    } else {
        Vec::new()
    };
    for leftover in leftovers {
        let comment = keys.comment(&leftover.tag).await?;
        let id = match leftover.key_id.clone() {
            Some(id) => id,
            None => {
                match listed
                    .iter()
                    .find(|k| k.comment == comment && k.user == leftover.owner)
                {
                    Some(k) => k.access_key_id.clone(),
                    // Never made, or not to be found without a listing: kept until one.
                    None if !listing => continue,
                    None => {
                        keys.forget(&leftover.tag).await?;
                        continue;
                    }
                }
            }
        };
        delete_key(gateway, &id).await?;
        tracing::info!(user = %leftover.owner, key = %id, "deleted the key of a session that is over");
        if service.allows(LogUserLogout::NAME) {
            if let Ok(user) = UserName::new(leftover.owner.as_str()) {
                let logout = LogUserLogout {
                    user,
                    session: leftover.handle.clone(),
                };
                // Only the login history's "active" mark: not worth keeping the key for.
                let _marked = gateway.with_service_key(|r| r.run(&logout)).await;
            }
        }
        keys.forget(&leftover.tag).await?;
    }
    for key in &listed {
        let tag = tag_of(&key.comment);
        if key.comment == keys.comment(tag).await? && !keys.is_known(tag).await? {
            delete_key(gateway, &key.access_key_id).await?;
            tracing::warn!(user = %key.user, key = %key.access_key_id, "deleted a session key no session knows (left by a crash)");
        }
    }
    Ok(())
}

/// Deletes the keys of ended sessions while `gateway` lives: those of sessions that ended while
/// no instance ran at start, at once for sessions that end on this instance, within the sweep
/// interval for the others'; lists Hestia's keys every ten minutes for the ones a crash left.
async fn reap(gateway: Weak<Gateway>) {
    let mut listed_at = tokio::time::Instant::now();
    loop {
        let Some(g) = gateway.upgrade() else { return };
        let (ended, every) = (
            Arc::clone(&g.session_keys().ended),
            g.session_keys().sweep_every,
        );
        if g.has_service_key() {
            let periodic = listed_at.elapsed() >= LISTING_EVERY;
            match sweep(&g, periodic).await {
                Ok(()) if periodic => listed_at = tokio::time::Instant::now(),
                Ok(()) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "cannot delete the keys of ended sessions yet")
                }
            }
        }
        if let Err(e) = super::budget::prune(g.db()).await {
            tracing::warn!(error = %e, "cannot prune the strike ledger");
        }
        drop(g);
        tokio::select! {
            () = ended.notified() => {}
            () = tokio::time::sleep(every) => {}
        }
    }
}

/// Starts deleting the keys of ended sessions for `gateway`.
pub fn spawn_reaper(gateway: &Arc<Gateway>) {
    tokio::spawn(reap(Arc::downgrade(gateway)));
}
