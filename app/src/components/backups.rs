//! What the package's backup limit means before "Back up now": Hestia deletes the oldest
//! archives beyond it without asking, so the page says which ones first.

use leptos::prelude::*;

use crate::serverfns::account::{get_backup_plan, BackupPlan};

/// One sentence on how many archives the package keeps and which the next backup deletes.
#[component]
pub fn BackupPlanNote() -> impl IntoView {
    let plan = Resource::new(|| (), |()| get_backup_plan());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                // The list below reports errors; a plan that cannot be made says nothing.
                plan.await.ok().flatten().map(|plan| {
                    let warn = !plan.replaces.is_empty();
                    view! {
                        <p class=if warn { "notice warn" } else { "hint" } role="status" data-testid="backup-plan">
                            {sentence(&plan)}
                        </p>
                    }
                })
            })}
        </Transition>
    }
}

fn sentence(plan: &BackupPlan) -> String {
    let keeps = match plan.keeps {
        0 => return "Your package does not include backups.".to_owned(),
        1 => "Your package keeps 1 backup".to_owned(),
        n => format!("Your package keeps {n} backups"),
    };
    match plan.replaces.as_slice() {
        [] => format!(
            "{keeps}; the next one is added to the {} you have.",
            plan.stored
        ),
        [one] => format!(
            "{keeps}: “Back up now” replaces {one}, which is deleted once the new backup is made."
        ),
        many => format!(
            "{keeps}: “Back up now” replaces {}, which are deleted once the new backup is made.",
            many.join(", ")
        ),
    }
}
