use leptos::prelude::*;

use super::action::Refresh;
use crate::jobs::JobView;
use crate::serverfns::jobs::get_job;
use crate::text;

/// The backup or restore this user queued, updating by itself until it finishes: the first
/// state comes with the page, the rest streams from `/events/jobs` (server-sent events, read
/// with gloo-net). When it ends, the lists on the page read again.
#[component]
pub fn JobStatus() -> impl IntoView {
    let refresh = expect_context::<Refresh>();
    let job = Resource::new(move || refresh.track(), |_| get_job());
    let live = RwSignal::new(None::<JobView>);
    Effect::new(move |_| {
        if let Some(Ok(Some(view))) = job.get() {
            live.set(Some(view.clone()));
            if !view.state.is_final() {
                follow(live, refresh);
            }
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let first = job.await.ok().flatten();
                view! {
                    {move || live.get().or_else(|| first.clone()).map(|view| {
                        let tone = match view.state {
                            crate::jobs::JobState::Done => "notice ok",
                            crate::jobs::JobState::Failed => "notice error",
                            _ => "notice info",
                        };
                        view! {
                            <div class=tone role="status" aria-live="polite" data-job-state=view.state.label()>
                                <strong class="notice-title">{format!("{}: {}", text::JOB_TITLE, view.state.label())}</strong>
                                <p>{view.message.clone()} {(!view.state.is_final()).then_some(text::JOB_LIVE)}</p>
                            </div>
                        }
                    })}
                }
            })}
        </Transition>
    }
}

/// Listens to the job's events until it finishes.
#[cfg(feature = "hydrate")]
fn follow(live: RwSignal<Option<JobView>>, refresh: Refresh) {
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
            if view.is_some() {
                live.set(view);
            }
            if finished {
                break;
            }
        }
        source.close();
        refresh.bump();
    });
}

#[cfg(not(feature = "hydrate"))]
fn follow(_: RwSignal<Option<JobView>>, _: Refresh) {}
