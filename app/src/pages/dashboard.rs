use hestia::model::{Limit, User};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::catalogue::Section;
use crate::components::ErrorNotice;
use crate::serverfns::account::{get_account, get_section_summary};
use crate::session::SessionView;
use crate::text;

/// The account at a glance: package limits against usage when the key may read the account,
/// and a card per section it may open.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let session = expect_context::<SessionView>();
    let account = session
        .can(<hestia::cmd::ListUser as hestia::Command>::NAME)
        .then(|| {
            let user = Resource::new(|| (), |()| get_account());
            view! {
                <Transition fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
                    {move || Suspend::new(async move {
                        match user.await {
                            Ok(user) => view! { <Usage user/> }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })}
                </Transition>
            }
        });
    let note = account
        .is_none()
        .then(|| view! { <p class="hint">{text::DASHBOARD_NO_ACCOUNT_VIEW}</p> });
    let sections = session.sections();
    let cards = if sections.is_empty() {
        view! { <p class="empty">{text::DASHBOARD_NO_SECTIONS}</p> }.into_any()
    } else {
        view! {
            <div class="cards">
                {sections.into_iter().map(|section| view! { <SectionCard section/> }).collect_view()}
            </div>
        }
        .into_any()
    };
    view! {
        <Title text=format!("{} · {}", text::DASHBOARD_TITLE, text::PRODUCT)/>
        <h1>{text::DASHBOARD_TITLE}</h1>
        {account}
        {note}
        <h2>{text::DASHBOARD_SECTIONS}</h2>
        {cards}
    }
}

#[component]
fn SectionCard(section: Section) -> impl IntoView {
    if !expect_context::<SessionView>().lists(section) {
        // Opened by naming an object: nothing to count.
        return view! {
            <a class="card" href=format!("/{}", section.slug())>
                <h3>{section.title()}</h3>
                <p class="hint">{format!("Open a {} by name", section.kind().noun)}</p>
            </a>
        }
        .into_any();
    }
    let summary = Resource::new(move || section, get_section_summary);
    view! {
        <a class="card" href=format!("/{}", section.slug())>
            <h3>{section.title()}</h3>
            <Transition fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
                {move || Suspend::new(async move {
                    match summary.await {
                        Ok(s) => view! {
                            <p class="big">{s.total}</p>
                            {(s.suspended > 0).then(|| view! { <p class="badge bad">{format!("{} {}", s.suspended, text::SUSPENDED)}</p> })}
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </a>
    }
    .into_any()
}

/// Rows of "used / limit" with a bar.
#[component]
fn Usage(user: User) -> impl IntoView {
    let rows: Vec<(&str, Option<u64>, Limit, &str)> = vec![
        (
            text::USAGE_WEB_DOMAINS,
            user.u_web_domains,
            user.web_domains,
            "",
        ),
        (
            text::USAGE_WEB_ALIASES,
            user.u_web_aliases,
            user.web_aliases,
            "",
        ),
        (
            text::USAGE_DNS_ZONES,
            user.u_dns_domains,
            user.dns_domains,
            "",
        ),
        (
            text::USAGE_DNS_RECORDS,
            user.u_dns_records,
            user.dns_records,
            "",
        ),
        (
            text::USAGE_MAIL_DOMAINS,
            user.u_mail_domains,
            user.mail_domains,
            "",
        ),
        (
            text::USAGE_MAIL_ACCOUNTS,
            user.u_mail_accounts,
            user.mail_accounts,
            "",
        ),
        (text::USAGE_DATABASES, user.u_databases, user.databases, ""),
        (text::USAGE_CRON_JOBS, user.u_cron_jobs, user.cron_jobs, ""),
        (text::USAGE_BACKUPS, user.u_backups, user.backups, ""),
        (
            text::USAGE_DISK,
            user.u_disk,
            user.disk_quota,
            text::UNIT_MB,
        ),
        (
            text::USAGE_BANDWIDTH,
            user.u_bandwidth,
            user.bandwidth,
            text::UNIT_MB,
        ),
    ];
    view! {
        <section class="panel" aria-label=text::DASHBOARD_USAGE>
            <p class="package">{text::DASHBOARD_PACKAGE} ": " <strong>{user.package.clone()}</strong>
                {user.suspended.then(|| view! { " " <span class="badge bad">{text::SUSPENDED}</span> })}
            </p>
            <table class="usage">
                <caption>{text::DASHBOARD_USAGE}</caption>
                <tbody>
                    {rows.into_iter().map(|(label, used, limit, unit)| usage_row(label, used, limit, unit)).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

fn usage_row(
    label: &'static str,
    used: Option<u64>,
    limit: Limit,
    unit: &'static str,
) -> impl IntoView {
    let used_text = used.map_or_else(|| text::UNKNOWN.to_owned(), |u| format!("{u}{unit}"));
    let limit_text = match limit {
        Limit::Unlimited => text::UNLIMITED.to_owned(),
        Limit::Max(m) => format!("{m}{unit}"),
        Limit::Unknown => text::UNKNOWN.to_owned(),
    };
    let percent = match (used, limit) {
        (Some(u), Limit::Max(m)) if m > 0 => Some((u.saturating_mul(100) / m).min(100)),
        _ => None,
    };
    let full = used.is_some_and(|u| limit.is_reached_by(u));
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td class="num">{used_text} " / " {limit_text}</td>
            <td class="bar-cell">
                {percent.map(|p| view! {
                    <progress class=if full { "bar full" } else { "bar" } max="100" value=p aria-label=label>{format!("{p}%")}</progress>
                })}
            </td>
        </tr>
    }
}
