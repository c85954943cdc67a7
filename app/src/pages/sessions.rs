use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::ErrorNotice;
use crate::hearth::utc;
use crate::serverfns::hearth::{list_sessions, EndSessions};
use crate::session::SessionView;
use crate::text;

/// Hearth's live sessions (OWASP ASVS 7.4.5): every user's for the root user, one's own for
/// others; each can be ended, or all of a user's at once.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let session = expect_context::<SessionView>();
    let end = ServerAction::<EndSessions>::new();
    let sessions = Resource::new(move || end.version().get(), |_| list_sessions());
    let all = session.is_root();
    view! {
        <Title text=format!("Sessions · {}", text::PRODUCT)/>
        <h1>"Sessions"</h1>
        <p class="hint">{if all { "Everyone logged in to Hearth now." } else { "Where you are logged in to Hearth now." }}</p>
        <Transition fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
            {move || Suspend::new(async move {
                match sessions.await {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(list) => {
                        let mut users: Vec<String> = list.iter().map(|s| s.user.clone()).collect();
                        users.sort();
                        users.dedup();
                        view! {
                            <table class="objects sessions">
                                <thead><tr>
                                    <th scope="col">"User"</th><th scope="col">"Key"</th><th scope="col">"Since (UTC)"</th>
                                    <th scope="col">"Last seen (UTC)"</th><th scope="col">"Address"</th><th scope="col">"Browser"</th><th></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|s| view! {
                                        <tr data-user=s.user.clone()>
                                            <th scope="row">{s.user.clone()} {s.current.then(|| view! { <span class="badge good">"this session"</span> })}</th>
                                            <td><code>{s.key_id.clone().unwrap_or_default()}</code></td>
                                            <td>{utc(s.since)}</td>
                                            <td>{utc(s.last_seen)}</td>
                                            <td>{s.ip.clone()}</td>
                                            <td class="agent">{s.agent.clone()}</td>
                                            <td>
                                                <ActionForm action=end>
                                                    <input type="hidden" name="handle" value=s.handle.clone()/>
                                                    <button type="submit" class="button danger-outline">"End"</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            {all.then(|| view! {
                                <div class="actions">
                                    {users.into_iter().map(|u| view! {
                                        <ActionForm action=end>
                                            <input type="hidden" name="user" value=u.clone()/>
                                            <button type="submit" class="button danger-outline">"End all sessions of " {u}</button>
                                        </ActionForm>
                                    }).collect_view()}
                                </div>
                            })}
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}
