use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use crate::catalogue::{validate, KindId, Values};
use crate::components::{reload, ErrorNotice};
use crate::error::HearthError;
use crate::serverfns::keys::{list_key_profiles, CreateAccessKey, NewKey, ProfileChoice};
use crate::serverfns::objects::list_choices;
use crate::text;

/// "Create access key": owner (the root user picks anyone; others get their own), profiles
/// from `v-list-apis` (admin ones only for the root user's keys), a comment. The new secret
/// is shown once, with the `ID:SECRET` string to copy. An island: `user` is the session's
/// user, `root` whether it is the root user.
#[island]
pub fn NewKeyPanel(user: String, root: bool) -> impl IntoView {
    let me = user.clone();
    let create = ServerAction::<CreateAccessKey>::new();
    let user = RwSignal::new(user);
    let chosen = RwSignal::new(Vec::<String>::new());
    let comment = RwSignal::new(String::new());
    // Read in the browser when the island wakes (and the profiles again for another owner):
    // no Suspense in an island, whose type-erased children would link Leptos's async
    // hydration into the WASM.
    let profiles = RwSignal::new(None::<Result<Vec<ProfileChoice>, HearthError>>);
    Effect::new(move |_| {
        let owner = user.get();
        profiles.set(None);
        leptos::task::spawn_local(
            async move { profiles.set(Some(list_key_profiles(owner).await)) },
        );
    });
    let users = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        if root {
            leptos::task::spawn_local(async move {
                users.set(list_choices(KindId::User).await.unwrap_or_default());
            });
        }
    });
    // Folded once the key is made, so the secret below is in plain view.
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            open.set(false);
        }
    });
    let comment_problem = move || {
        let c = comment.get();
        (!c.trim().is_empty())
            .then(|| validate::key_comment(c.trim(), &Values::default()).err())
            .flatten()
    };
    let server_problem = move |field: &str| match create.value().get() {
        Some(Err(HearthError::Invalid { field: f, problem })) if f == field => Some(problem),
        _ => None,
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateAccessKey {
            user: user.get_untracked(),
            profiles: chosen.get_untracked(),
            comment: comment.get_untracked(),
        });
    };
    let owner_field = if root {
        Either::Left(view! {
            <div class="field">
                <label for="new-key-user">"Owner"</label>
                <select id="new-key-user" on:change=move |ev| { user.set(event_target_value(&ev)); chosen.set(Vec::new()); }>
                    {move || {
                        let names = users.get();
                        // Until the list arrives, the one choice there is.
                        let names = if names.is_empty() { vec![user.get_untracked()] } else { names };
                        names.into_iter().map(|n| {
                            let selected = n == user.get_untracked();
                            let label = n.clone();
                            view! { <option value=n selected=selected>{label}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
        })
    } else {
        Either::Right(view! { <p class="hint">"The key will be yours (" {me} ")."</p> })
    };
    view! {
        <details
            class="action new-key"
            prop:open=move || open.get()
            on:toggle=move |ev| open.set(event_target::<leptos::web_sys::Element>(&ev).has_attribute("open"))
        >
            <summary class="button secondary">"Create access key"</summary>
            <div class="action-body">
                <form class="form action-form" on:submit=on_submit>
                    {owner_field}
                    <fieldset class="field profiles">
                        <legend>"Profiles"</legend>
                        {move || match profiles.get() {
                            None => EitherOf3::A(view! { <p class="loading">{text::LOADING}</p> }),
                            Some(Err(error)) => EitherOf3::B(view! { <ErrorNotice error/> }),
                            Some(Ok(list)) => EitherOf3::C(list.into_iter().map(|p| {
                                let (name, name2) = (p.name.clone(), p.name.clone());
                                let id = format!("profile-{}", p.name);
                                let title = p.commands.join(", ");
                                view! {
                                    <div class="check">
                                        <input type="checkbox" id=id.clone() value=p.name.clone()
                                            prop:checked=move || chosen.with(|c| c.contains(&name))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                chosen.update(|c| { c.retain(|x| x != &name2); if on { c.push(name2.clone()); } });
                                            }/>
                                        <label for=id title=title>{p.name.clone()}
                                            <span class="hint">{format!(" — {} commands{}", p.commands.len(), if p.admin { ", admin" } else { "" })}</span>
                                        </label>
                                    </div>
                                }
                            }).collect_view()),
                        }}
                        <p class="field-error" role="alert">{move || server_problem("profiles")}</p>
                    </fieldset>
                    <div class="field">
                        <label for="new-key-comment">"Comment"</label>
                        <input id="new-key-comment" type="text" autocomplete="off" prop:value=move || comment.get()
                            on:input=move |ev| comment.set(event_target_value(&ev))/>
                        <p class="hint">"What the key is for, e.g. “mail app”."</p>
                        <p class="field-error" role="alert">{move || comment_problem().or_else(|| server_problem("comment"))}</p>
                    </div>
                    <button type="submit" class="button primary" disabled=move || create.pending().get()>
                        {move || if create.pending().get() { text::WORKING } else { "Create key" }}
                    </button>
                </form>
            </div>
        </details>
        {move || match create.value().get() {
            Some(Ok(key)) => Some(Either::Left(view! { <NewKeyShown key/> })),
            Some(Err(HearthError::Invalid { .. })) | None => None,
            Some(Err(error)) => Some(Either::Right(view! { <ErrorNotice error/> })),
        }}
    }
}

/// The new key, once: ID, secret, and `ID:SECRET` with a copy button.
#[component]
fn NewKeyShown(key: NewKey) -> impl IntoView {
    let pair = format!("{}:{}", key.id, key.secret);
    let copied = RwSignal::new(false);
    let to_copy = pair.clone();
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&to_copy);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &to_copy;
        copied.set(true);
    };
    view! {
        <div class="notice success new-key-shown" role="status">
            <strong class="notice-title">"Key created for " {key.user.clone()}</strong>
            <p class="warning">"Copy the secret now: it will not be shown again."</p>
            <p>"Access key ID: " <code data-testid="new-key-id">{key.id.clone()}</code></p>
            <p>"Secret key: " <code data-testid="new-key-secret">{key.secret}</code></p>
            <label for="new-key-pair">"For Hearth’s login and API clients (ID:SECRET)"</label>
            <div class="copy-row">
                <input id="new-key-pair" data-testid="new-key-pair" type="text" readonly value=pair/>
                <button type="button" class="button secondary" on:click=copy>
                    {move || if copied.get() { "Copied" } else { "Copy" }}
                </button>
            </div>
            // The list below shows the new key once the page loads afresh; the secret does not.
            <button type="button" class="button primary" on:click=|_| reload(None)>"Done"</button>
        </div>
    }
}
