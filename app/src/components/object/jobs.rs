use leptos::prelude::*;

use crate::jobs::JobView;
use crate::serverfns::jobs::get_job;
use crate::text;

/// The backup or restore this user queued, if any, as last checked. Not a blocking resource:
/// with the shell's, two blocking resources under `<Suspense>` left about one page in five
/// unanswered for good (a lost wakeup in leptos 0.8's Suspense, cf. leptos PR #4698; the
/// browser suite's backup step hung on it).
#[component]
pub fn JobStatus() -> impl IntoView {
    let job = Resource::new(|| (), |()| get_job());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                job.await.ok().flatten().map(|first| view! { <JobProgress first/> })
            })}
        </Suspense>
    }
}

/// A job's state, updating by itself until it finishes: the first state comes with the page,
/// the rest streams from `/events/jobs` (server-sent events, read with gloo-net). When it
/// ends, the page loads afresh, so its lists show what the job did. Wakes at load while the
/// job runs.
#[island]
fn JobProgress(first: JobView) -> impl IntoView {
    let follows = !first.state.is_final();
    let live = RwSignal::new(first);
    if follows {
        follow(live);
    }
    move || {
        let view = live.get();
        let tone = match view.state {
            crate::jobs::JobState::Done => "notice ok",
            crate::jobs::JobState::Failed => "notice error",
            _ => "notice info",
        };
        view! {
            <div class=tone role="status" aria-live="polite" data-job-state=view.state.label() data-hydrate=follows.then_some("load")>
                <strong class="notice-title">{format!("{}: {}", text::JOB_TITLE, view.state.label())}</strong>
                <p>{view.message.clone()} {(!view.state.is_final()).then_some(text::JOB_LIVE)}</p>
            </div>
        }
    }
}

/// Listens to the job's events until it finishes.
#[cfg(feature = "hydrate")]
fn follow(live: RwSignal<JobView>) {
    use futures::StreamExt;
    let Ok(mut source) = gloo_net::eventsource::futures::EventSource::new("/events/jobs") else {
        return;
    };
    let Ok(mut messages) = source.subscribe("message") else {
        return;
    };
    leptos::task::spawn_local(async move {
        while let Some(Ok((_, event))) = messages.next().await {
            let data = event.data().as_string().unwrap_or_default();
            let view: Option<JobView> = serde_json::from_str(&data).ok().flatten();
            let finished = view.as_ref().is_none_or(|v| v.state.is_final());
            if let Some(view) = view {
                live.set(view);
            }
            if finished {
                break;
            }
        }
        source.close();
        crate::components::reload(None);
    });
}

#[cfg(not(feature = "hydrate"))]
fn follow(_: RwSignal<JobView>) {}
