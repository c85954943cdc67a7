use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::ErrorNotice;
use crate::hearth::{utc, AuditFilter};
use crate::serverfns::hearth::list_audit;
use crate::session::SessionView;
use crate::text;

/// The audit log: every change made through Hearth, filtered by the address's query (a
/// plain GET form), exportable as CSV with the same filter.
#[component]
pub fn AuditPage() -> impl IntoView {
    let session = expect_context::<SessionView>();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| AuditFilter {
            user: q.get("user").unwrap_or_default(),
            command: q.get("command").unwrap_or_default(),
            failed: q.get("failed").is_some_and(|v| !v.is_empty()),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
        })
    });
    let entries = Resource::new(move || filter.get(), list_audit);
    let all = session.is_root();
    view! {
        <Title text=format!("Audit log · {}", text::PRODUCT)/>
        <h1>"Audit log"</h1>
        <p class="hint">{if all { "Every change made through Hearth, newest first." } else { "Every change you made through Hearth, newest first." }}</p>
        <form class="filters" method="get" action="/audit">
            {all.then(|| view! {
                <label>"User " <input type="text" name="user" value=move || filter.get().user/></label>
            })}
            <label>"Command " <input type="text" name="command" value=move || filter.get().command/></label>
            <label>"From " <input type="date" name="from" value=move || filter.get().from/></label>
            <label>"To " <input type="date" name="to" value=move || filter.get().to/></label>
            <label class="check"><input type="checkbox" name="failed" value="1" checked=move || filter.get().failed/> " Failures only"</label>
            <button type="submit" class="button secondary">"Filter"</button>
            <a class="button secondary" rel="external" download="hearth-audit.csv" href=move || format!("/audit.csv?{}", filter.get().query())>"Export CSV"</a>
        </form>
        <Transition fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty">"No entries."</p> }.into_any(),
                    Ok(list) => view! {
                        <table class="objects audit">
                            <thead><tr>
                                <th scope="col">"Time (UTC)"</th><th scope="col">"User"</th><th scope="col">"Key"</th><th scope="col">"Address"</th>
                                <th scope="col">"Command"</th><th scope="col">"Arguments"</th><th scope="col">"Result"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|e| {
                                    let ok = e.code == Some(0);
                                    view! {
                                        <tr data-command=e.command.clone()>
                                            <td>{utc(e.at)}</td>
                                            <td>{e.user.clone()}{e.acting_as.clone().map(|a| format!(" as {a}"))}</td>
                                            <td><code>{e.key_id.clone().unwrap_or_default()}</code></td>
                                            <td>{e.ip.clone()}</td>
                                            <td><code>{e.command.clone()}</code></td>
                                            <td><code>{e.args.join(" ")}</code></td>
                                            <td><span class=if ok { "badge good" } else { "badge bad" }>{e.outcome.clone()}</span></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}
