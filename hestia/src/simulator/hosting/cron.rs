//! Cron jobs (PROTOCOL.md §5.6).

use super::*;

fn cron_field_ok(value: &str, max: u32) -> bool {
    value.split(',').all(|part| {
        let (range, step) = part.split_once('/').unwrap_or((part, "1"));
        let step_ok = step.parse::<u32>().is_ok_and(|s| s >= 1 && s <= max);
        let range_ok = range == "*"
            || range
                .split('-')
                .all(|n| n.parse::<u32>().is_ok_and(|n| n <= max))
                && range.split('-').count() <= 2;
        step_ok && range_ok
    })
}

/// Hestia's answer to a schedule whose five fields start at argument `from`, if it refuses one.
fn schedule_refused(a: &Args<'_>, from: usize) -> Option<Outcome> {
    let fields = [
        ("min", 59),
        ("hour", 23),
        ("day", 31),
        ("month", 12),
        ("wday", 7),
    ];
    fields.iter().enumerate().find_map(|(i, (what, max))| {
        let value = a.get(from + i);
        (!cron_field_ok(value, *max)).then(|| invalid(what, value))
    })
}

pub(super) fn cron(user: &mut SimUser, command: &'static Spec, a: &Args<'_>) -> Outcome {
    match *command {
        cmd::LIST_CRON_JOBS => {
            Outcome::ok(keyed(user.cron_jobs.iter().map(|(k, r)| (k, r.clone()))))
        }
        cmd::ADD_CRON_JOB => {
            if let Some(refusal) = schedule_refused(a, 1) {
                return refusal;
            }
            let job = if a.get(7).is_empty() {
                next_id(&user.cron_jobs)
            } else {
                a.get(7).to_owned()
            };
            if job.parse::<u64>().is_err() {
                return invalid("job", &job);
            }
            if user.cron_jobs.contains_key(&job) {
                return exists("cron job", &job);
            }
            if !under_limit(user, "CRON_JOBS", user.cron_jobs.len()) {
                return limit("CRON_JOBS");
            }
            let r = stamped(&[
                ("MIN", a.get(1)),
                ("HOUR", a.get(2)),
                ("DAY", a.get(3)),
                ("MONTH", a.get(4)),
                ("WDAY", a.get(5)),
                ("CMD", a.get(6)),
                ("JOB", &job),
            ]);
            user.cron_jobs.insert(job, r);
            Outcome::silent()
        }
        cmd::CHANGE_CRON_JOB => {
            if let Some(refusal) = schedule_refused(a, 2) {
                return refusal;
            }
            let Some(r) = user.cron_jobs.get_mut(a.get(1)) else {
                return missing("cron job", a.get(1));
            };
            for (i, field) in ["MIN", "HOUR", "DAY", "MONTH", "WDAY", "CMD"]
                .iter()
                .enumerate()
            {
                set(r, field, a.get(2 + i));
            }
            Outcome::silent()
        }
        cmd::DELETE_CRON_JOB => match user.cron_jobs.shift_remove(a.get(1)) {
            Some(_) => Outcome::silent(),
            None => missing("cron job", a.get(1)),
        },
        _ => match user.cron_jobs.get_mut(a.get(1)) {
            Some(r) => toggle(r, *command == cmd::SUSPEND_CRON_JOB, "cron job", a.get(1)),
            None => missing("cron job", a.get(1)),
        },
    }
}
