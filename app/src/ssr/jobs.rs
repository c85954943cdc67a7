//! Queued backups and restores, followed until they finish. Hestia runs them from its queue
//! and reports only through the user's history (`v-list-user-log`, category `Backup`) and a
//! new archive, so Hearth notes when it queued one and reads the history written since.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::Extension;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use hestia::cmd::Call;
use hestia::protocol::Args;
use hestia::CommandClass;
use tower_sessions::Session;

use super::{Gateway, RequestCtx};
use crate::error::HearthError;
use crate::jobs::{JobState, JobView};

/// When each user's job was queued (UTC, `YYYY-MM-DD HH:MM:SS`), per server and user.
#[derive(Default)]
pub struct JobBook(Mutex<HashMap<(String, String), String>>);

impl JobBook {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String), String>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn now_stamp() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

fn book_key(ctx: &RequestCtx) -> (String, String) {
    (
        ctx.gateway().server_id().to_owned(),
        ctx.subject().to_string(),
    )
}

/// Notes that the session's user just queued a backup or restore.
pub fn queued(ctx: &RequestCtx) {
    ctx.gateway()
        .jobs()
        .lock()
        .insert(book_key(ctx), now_stamp());
}

/// The state of the user's queued job, if Hearth queued one; a finished job is reported once
/// and then forgotten.
pub async fn state(ctx: &RequestCtx) -> Result<Option<JobView>, HearthError> {
    let Some(since) = ctx.gateway().jobs().lock().get(&book_key(ctx)).cloned() else {
        return Ok(None);
    };
    let gateway = ctx.gateway();
    gateway.forget(ctx.subject().as_str(), "v-list-user-log");
    let call = Call {
        name: "v-list-user-log",
        class: CommandClass::Read,
        args: Args::new().arg(ctx.subject().as_str()).arg("json"),
        user: Some(ctx.subject().clone()),
    };
    let body = ctx.call(&call, &[]).await?;
    let lines =
        hestia::model::parse_entries(&body, &["DATE", "TIME", "LEVEL", "CATEGORY", "MESSAGE"])
            .map_err(|_| HearthError::BadPayload {
                command: call.name.to_owned(),
            })?;
    let mut view = JobView {
        state: JobState::Queued,
        message: String::new(),
        since: since.clone(),
    };
    for line in lines.iter().filter(|l| {
        l.get("CATEGORY") == "Backup" && format!("{} {}", l.get("DATE"), l.get("TIME")) >= since
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
    if view.state.is_final() {
        gateway.jobs().lock().remove(&book_key(ctx));
        gateway.forget(ctx.subject().as_str(), "v-list-user-backups");
    }
    Ok(Some(view))
}

/// `GET /events/jobs`: the job's state as server-sent events, once a second, until it
/// finishes (the browser listens with gloo-net's `EventSource`).
pub async fn events(Extension(gateway): Extension<Arc<Gateway>>, session: Session) -> Response {
    let ctx = match RequestCtx::from_parts(gateway, session).await {
        Ok(ctx) => ctx,
        Err(e) => {
            return (
                http::StatusCode::from_u16(e.status()).unwrap_or(http::StatusCode::UNAUTHORIZED),
                "",
            )
                .into_response()
        }
    };
    let stream = futures::stream::unfold((ctx, false, 0u32), |(ctx, finished, ticks)| async move {
        if finished || ticks > 3600 {
            return None;
        }
        if ticks > 0 {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        let (payload, done) = match state(&ctx).await {
            Ok(Some(view)) => {
                let done = view.state.is_final();
                (serde_json::to_string(&Some(view)).unwrap_or_default(), done)
            }
            Ok(None) => ("null".to_owned(), true),
            Err(e) => (
                serde_json::to_string(&JobView::error(&e)).unwrap_or_default(),
                true,
            ),
        };
        let event: Result<Event, Infallible> = Ok(Event::default().data(payload));
        Some((event, (ctx, done, ticks + 1)))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}
