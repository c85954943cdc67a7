//! Queued backups and restores, followed until they finish. Hestia runs them from its queue
//! (every 5 minutes, from cron) and reports only through the user's history
//! (`v-list-user-log`, category `Backup`), so Hearth notes when it queued one and reads the
//! history written since.
//!
//! Every such read adds a line to that same history, which keeps only 300 lines (PROTOCOL.md
//! §3.8): polling would erase the user's real history. So there is one follower per user and
//! server however many pages watch, its checks back off (seconds at first, then once a
//! minute), it stops when nobody watches, and every page and stream reads its latest word.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::Extension;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use hestia::cmd::{self, Call};
use hestia::protocol::Args;
use tokio::sync::watch;
use tower_sessions::Session;

use super::cache::Forget;
use super::{Gateway, RequestCtx};
use crate::error::HearthError;
use crate::jobs::{JobState, JobView};

/// How often a queued job is checked: `first` after queueing, each wait three times the one
/// before, up to `longest` (Hestia starts queued jobs every 5 minutes: early checks mostly
/// find it still waiting).
#[derive(Debug, Clone, Copy)]
pub struct JobChecks {
    /// The first wait.
    pub first: Duration,
    /// The longest wait.
    pub longest: Duration,
}

impl Default for JobChecks {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(15),
            longest: Duration::from_secs(60),
        }
    }
}

/// Streams one session may hold open at once.
const STREAMS_PER_SESSION: usize = 3;

/// How long pages keep showing how a job ended. Reads never consume it: the page the browser
/// loads when the stream reports the end, a second tab and a reload all show the same word.
const SHOW_FINISHED: Duration = Duration::from_secs(10 * 60);

/// A job Hearth queued, and its latest known state.
struct Follow {
    view: watch::Sender<JobView>,
    /// Whether a follower task is checking it now.
    checking: bool,
    /// When the follower saw it end.
    finished: Option<Instant>,
}

/// The jobs Hearth follows, per server and user, and the streams open per session.
#[derive(Default)]
pub struct JobBook {
    jobs: Mutex<HashMap<(String, String), Follow>>,
    streams: Mutex<HashMap<String, usize>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn now_stamp() -> String {
    crate::hearth::utc(time::OffsetDateTime::now_utc().unix_timestamp())
}

fn book_key(ctx: &RequestCtx) -> (String, String) {
    (
        ctx.gateway().server_id().to_owned(),
        ctx.subject().to_string(),
    )
}

/// Notes that the session's user just queued a backup or restore.
pub fn queued(ctx: &RequestCtx) {
    let view = JobView {
        state: JobState::Queued,
        message: String::new(),
        since: now_stamp(),
    };
    lock(&ctx.gateway().jobs().jobs).insert(
        book_key(ctx),
        Follow {
            view: watch::Sender::new(view),
            checking: false,
            finished: None,
        },
    );
}

/// The user's queued job as last seen, if Hearth queued one; a follower starts checking it if
/// none is. No Hestia call here: the follower makes them.
pub fn state(ctx: &RequestCtx) -> Option<JobView> {
    subscribe(ctx).map(|rx| rx.borrow().clone())
}

/// Watches the user's job, starting its follower when none runs. A finished job is shown for
/// [`SHOW_FINISHED`], then forgotten.
fn subscribe(ctx: &RequestCtx) -> Option<watch::Receiver<JobView>> {
    let key = book_key(ctx);
    let mut jobs = lock(&ctx.gateway().jobs().jobs);
    let follow = jobs.get_mut(&key)?;
    if follow
        .finished
        .is_some_and(|at| at.elapsed() > SHOW_FINISHED)
    {
        jobs.remove(&key);
        return None;
    }
    let rx = follow.view.subscribe();
    if rx.borrow().state.is_final() {
        return Some(rx);
    }
    if !follow.checking {
        follow.checking = true;
        tokio::spawn(follow_job(ctx.clone(), follow.view.clone()));
    }
    Some(rx)
}

/// Checks the job with backing-off waits while anyone watches, until it ends or the session
/// that queued it does.
async fn follow_job(ctx: RequestCtx, view: watch::Sender<JobView>) {
    let checks = ctx.gateway().job_checks();
    let mut wait = checks.first;
    let since = view.borrow().since.clone();
    loop {
        tokio::time::sleep(wait).await;
        wait = (wait * 3).min(checks.longest);
        // The session that queued it may have ended meanwhile (logout, the Sessions page).
        let live = ctx.gateway().sessions().touch(&ctx.record().handle).await;
        let seen = match live {
            Ok(true) => check(&ctx, &since).await,
            Ok(false) => Err(HearthError::SessionExpired),
            Err(e) => Err(e),
        };
        let seen = match seen {
            Ok(seen) => seen,
            Err(e) => JobView::error(&e),
        };
        let done = seen.state.is_final();
        view.send_replace(seen);
        if done {
            ctx.gateway().forget_account(ctx.subject().as_str()).await;
            break;
        }
        // Nobody watches: stop; the next page that asks starts a follower again.
        if view.receiver_count() == 0 {
            break;
        }
    }
    // A job queued since has a follow of its own.
    let mut jobs = lock(&ctx.gateway().jobs().jobs);
    if let Some(follow) = jobs
        .get_mut(&book_key(&ctx))
        .filter(|f| f.view.same_channel(&view))
    {
        follow.checking = false;
        if view.borrow().state.is_final() {
            follow.finished = Some(Instant::now());
        }
    }
}

/// One read of the user's history: the job's state since it was queued.
async fn check(ctx: &RequestCtx, since: &str) -> Result<JobView, HearthError> {
    // Read afresh each time; only this instance follows the job, so the others need no news.
    let gateway = ctx.gateway();
    let history = [cmd::LIST_USER_LOG.name];
    gateway.drop_cached(&Forget::lists(
        gateway.server_id(),
        ctx.subject().as_str(),
        &history,
        false,
    ));
    let call = Call {
        spec: &cmd::LIST_USER_LOG,
        args: Args::new().arg(ctx.subject().as_str()).arg("json"),
        user: Some(ctx.subject().clone()),
    };
    let body = ctx.call(&call).await?;
    let lines =
        hestia::model::parse_entries(&body, &["DATE", "TIME", "LEVEL", "CATEGORY", "MESSAGE"])
            .map_err(|_| HearthError::BadPayload {
                command: call.spec.name.to_owned(),
            })?;
    let mut view = JobView {
        state: JobState::Queued,
        message: String::new(),
        since: since.to_owned(),
    };
    for line in lines.iter().filter(|l| {
        l.get("CATEGORY") == "Backup"
            && format!("{} {}", l.get("DATE"), l.get("TIME")).as_str() >= since
    }) {
        let message = line.get("MESSAGE").to_owned();
        view.state = if line.get("LEVEL") == "Error" {
            JobState::Failed
        } else if message.contains("created") || message.contains("finished") {
            JobState::Done
        } else {
            JobState::Running
        };
        view.message = message;
    }
    Ok(view)
}

/// Counts a session's open streams; the count drops with it.
struct StreamSlot {
    gateway: Arc<Gateway>,
    handle: String,
}

impl StreamSlot {
    fn take(gateway: &Arc<Gateway>, handle: &str) -> Option<Self> {
        let mut streams = lock(&gateway.jobs().streams);
        let open = streams.entry(handle.to_owned()).or_default();
        if *open >= STREAMS_PER_SESSION {
            return None;
        }
        *open += 1;
        Some(Self {
            gateway: Arc::clone(gateway),
            handle: handle.to_owned(),
        })
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut streams = lock(&self.gateway.jobs().streams);
        if let Some(open) = streams.get_mut(&self.handle) {
            *open = open.saturating_sub(1);
            if *open == 0 {
                streams.remove(&self.handle);
            }
        }
    }
}

/// `GET /events/jobs`: the job's state as server-sent events whenever it changes, until it
/// finishes or the session ends (the browser listens with gloo-net's `EventSource`).
pub async fn events(Extension(gateway): Extension<Arc<Gateway>>, session: Session) -> Response {
    let ctx = match RequestCtx::from_parts(gateway.clone(), session).await {
        Ok(ctx) => ctx,
        Err(e) => {
            return (
                http::StatusCode::from_u16(e.status()).unwrap_or(http::StatusCode::UNAUTHORIZED),
                "",
            )
                .into_response()
        }
    };
    let Some(slot) = StreamSlot::take(&gateway, &ctx.record().handle) else {
        return (http::StatusCode::TOO_MANY_REQUESTS, "").into_response();
    };
    let rx = subscribe(&ctx);
    let live_check = gateway.job_checks().first;
    let start = (ctx, rx, slot, true);
    let stream = futures::stream::unfold(start, move |(ctx, rx, slot, first)| async move {
        let mut rx = match rx {
            Some(rx) => rx,
            None if first => {
                let event = Ok::<_, Infallible>(Event::default().data("null"));
                return Some((event, (ctx, None, slot, false)));
            }
            None => return None,
        };
        if !first {
            if rx.borrow().state.is_final() {
                return None;
            }
            // Wait for news, looking every so often whether the session still lives.
            loop {
                match tokio::time::timeout(live_check, rx.changed()).await {
                    Ok(Ok(())) => break,
                    Ok(Err(_)) => return None,
                    Err(_) => {
                        let handle = &ctx.record().handle;
                        let live = ctx.gateway().sessions().touch(handle).await;
                        if !matches!(live, Ok(true)) {
                            return None;
                        }
                    }
                }
            }
        }
        let view = rx.borrow_and_update().clone();
        let event =
            Ok(Event::default().data(serde_json::to_string(&Some(view)).unwrap_or_default()));
        Some((event, (ctx, Some(rx), slot, false)))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}
