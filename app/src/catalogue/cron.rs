//! Cron jobs (PROTOCOL.md §5.6), with a schedule editor that checks the five fields and says
//! when the job runs next.

use super::validate as v;
use super::{
    delete, suspend, unsuspend, Action, Arg, Cell, Column, Entry, Field, Kind, KindId, Section,
    Show, Target, Values,
};
use hestia::cmd::{self, Spec};

const RESTART: Option<&Spec> = Some(&cmd::RESTART_CRON);

/// The five schedule fields: form name, label, Hestia field, range.
const SCHEDULE: [(&str, &str, &str, u32, u32); 5] = [
    ("min", "Minute", "MIN", 0, 59),
    ("hour", "Hour", "HOUR", 0, 23),
    ("day", "Day of month", "DAY", 1, 31),
    ("month", "Month", "MONTH", 1, 12),
    ("wday", "Weekday", "WDAY", 0, 7),
];

const FIELDS: &[Field] = &[
    Field {
        required: true,
        check: |x, _| v::cron_field(x, 0, 59),
        prefill: Some("MIN"),
        help: "0–59, * every, */15 every 15",
        ..Field::new("min", "Minute")
    },
    Field {
        required: true,
        check: |x, _| v::cron_field(x, 0, 23),
        prefill: Some("HOUR"),
        help: "0–23",
        ..Field::new("hour", "Hour")
    },
    Field {
        required: true,
        check: |x, _| v::cron_field(x, 1, 31),
        prefill: Some("DAY"),
        help: "1–31",
        ..Field::new("day", "Day of month")
    },
    Field {
        required: true,
        check: |x, _| v::cron_field(x, 1, 12),
        prefill: Some("MONTH"),
        help: "1–12",
        ..Field::new("month", "Month")
    },
    Field {
        required: true,
        check: |x, _| v::cron_field(x, 0, 7),
        prefill: Some("WDAY"),
        help: "0–6 from Sunday (7 is Sunday too)",
        ..Field::new("wday", "Weekday")
    },
    Field {
        required: true,
        check: v::cron_command,
        prefill: Some("CMD"),
        help: "Runs as your user, from your home directory.",
        ..Field::new("command", "Command")
    },
];

fn schedule(e: &Entry) -> Cell {
    let fields: Vec<&str> = SCHEDULE.iter().map(|s| e.get(s.2)).collect();
    Cell::Lines(vec![fields.join(" "), describe(&fields)])
}

fn job_name(e: &Entry) -> String {
    format!("job {} ({})", e.key, e.get("CMD"))
}

/// The schedule in words and the next runs, from the form's values.
fn preview(values: &Values) -> Vec<String> {
    let fields: Vec<&str> = SCHEDULE.iter().map(|s| values.get(s.0).trim()).collect();
    let valid = SCHEDULE
        .iter()
        .zip(&fields)
        .all(|(s, f)| v::cron_field(f, s.3, s.4).is_ok());
    if !valid {
        return Vec::new();
    }
    let mut lines = vec![format!("Runs {}.", describe(&fields))];
    if let Ok(now) = values.get(Values::NOW).parse::<i64>() {
        let runs = next_runs(&fields, now, 3);
        if !runs.is_empty() {
            lines.push(format!("Next (UTC): {}", runs.join(" · ")));
        }
    }
    lines
}

/// The list's columns, which are also the object page's facts.
const COLUMNS: &[Column] = &[
    super::STATUS,
    Column {
        label: "Schedule",
        field: "MIN",
        show: Show::Custom(schedule, &["HOUR", "DAY", "MONTH", "WDAY"]),
    },
    Column {
        label: "Command",
        field: "CMD",
        show: Show::Code,
    },
    super::CREATED,
];

/// Cron jobs.
pub static JOBS: Kind = Kind {
    slug: "jobs",
    noun: "cron job",
    plural: "cron jobs",
    empty: "No cron jobs yet.",
    name: job_name,
    label: (|e| format!("#{}", e.key), "@key"),
    columns: COLUMNS,
    details: COLUMNS,
    actions: &[
        Action {
            target: Target::New,
            args: &[
                Arg::User,
                Arg::Field("min"),
                Arg::Field("hour"),
                Arg::Field("day"),
                Arg::Field("month"),
                Arg::Field("wday"),
                Arg::Field("command"),
                Arg::Fixed(""),
                Arg::Restart,
            ],
            fields: FIELDS,
            preview: Some(preview),
            ..Action::new("add", "Add cron job", &cmd::ADD_CRON_JOB)
        },
        Action {
            args: &[
                Arg::User,
                Arg::Key,
                Arg::Field("min"),
                Arg::Field("hour"),
                Arg::Field("day"),
                Arg::Field("month"),
                Arg::Field("wday"),
                Arg::Field("command"),
                Arg::Restart,
            ],
            fields: FIELDS,
            preview: Some(preview),
            ..Action::new("change", "Change", &cmd::CHANGE_CRON_JOB)
        },
        suspend(
            &cmd::SUSPEND_CRON_JOB,
            &[Arg::User, Arg::Key, Arg::Restart],
            None,
            RESTART,
        ),
        unsuspend(
            &cmd::UNSUSPEND_CRON_JOB,
            &[Arg::User, Arg::Key, Arg::Restart],
            RESTART,
        ),
        delete(
            &cmd::DELETE_CRON_JOB,
            &[Arg::User, Arg::Key, Arg::Restart],
            "Delete {}?",
            RESTART,
        ),
    ],
    ..Kind::new(KindId::CronJob, Section::Cron, &cmd::LIST_CRON_JOBS)
};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 8] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// `*/n` → `n`.
fn step(f: &str) -> Option<&str> {
    f.strip_prefix("*/")
}

/// Names a field's values: `1-5` → `Monday to Friday`, `1,3` → `Monday, Wednesday`.
fn named(f: &str, names: &[&str], offset: usize) -> String {
    let name = |n: &str| {
        n.parse::<usize>()
            .ok()
            .and_then(|i| names.get(i.wrapping_sub(offset)))
            .map_or_else(|| n.to_owned(), |s| (*s).to_owned())
    };
    f.split(',')
        .map(|part| match part.split_once('-') {
            Some((a, b)) => format!("{} to {}", name(a), name(b)),
            None => name(part),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The schedule in words: `*/15 * * * *` → "every 15 minutes".
pub fn describe(f: &[&str]) -> String {
    let [min, hour, day, month, wday] = [f[0], f[1], f[2], f[3], f[4]];
    let simple = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit() || c == ',');
    let mut when = match (min, hour) {
        ("*", "*") => "every minute".to_owned(),
        (m, "*") if step(m).is_some() => format!("every {} minutes", step(m).unwrap_or(m)),
        (m, "*") => format!("every hour at minute {m}"),
        (m, h) if simple(m) && simple(h) && !m.contains(',') => h
            .split(',')
            .map(|h| format!("{h:0>2}:{m:0>2}"))
            .collect::<Vec<_>>()
            .join(" and "),
        (m, h) => {
            let hours = step(h).map_or_else(
                || format!("during hour {h}"),
                |n| format!("every {n} hours"),
            );
            format!("at minute {m}, {hours}")
        }
    };
    if simple(min) && simple(hour) && !min.contains(',') {
        when = format!("at {when}");
    }
    let mut parts = vec![if day == "*" && wday == "*" && month == "*" {
        format!("{when}, every day")
    } else {
        when
    }];
    if day != "*" {
        parts.push(step(day).map_or_else(
            || format!("on day {day} of the month"),
            |n| format!("every {n} days"),
        ));
    }
    if wday != "*" {
        let joiner = if day == "*" { "on" } else { "or on" };
        parts.push(format!("{joiner} {}", named(wday, &WEEKDAYS, 0)));
    }
    if month != "*" {
        parts.push(step(month).map_or_else(
            || format!("in {}", named(month, &MONTHS, 1)),
            |n| format!("every {n} months"),
        ));
    }
    parts.join(" ")
}

/// Whether `value` matches a cron field.
fn matches(field: &str, value: u32, min: u32) -> bool {
    field.split(',').any(|part| {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, s.parse::<u32>().unwrap_or(1).max(1)),
            None => (part, 1),
        };
        let (lo, hi) = if range == "*" {
            (min, u32::MAX)
        } else {
            match range.split_once('-') {
                Some((a, b)) => (a.parse().unwrap_or(u32::MAX), b.parse().unwrap_or(0)),
                None => {
                    let n = range.parse().unwrap_or(u32::MAX);
                    (n, if step > 1 { u32::MAX } else { n })
                }
            }
        };
        value >= lo && value <= hi && (value - lo) % step == 0
    })
}

/// The next `count` runs after `now` (Unix seconds, UTC), as `Mon 2026-11-23 03:30`.
pub fn next_runs(f: &[&str], now: i64, count: usize) -> Vec<String> {
    let restricted = |x: &str| x != "*" && !x.starts_with("*/");
    let mut runs = Vec::new();
    let Ok(start) = time::OffsetDateTime::from_unix_timestamp(now) else {
        return runs;
    };
    let days = std::iter::successors(Some(start.date()), |d| d.next_day()).take(366 * 5);
    for date in days {
        let (year, month, day) = (
            date.year(),
            u32::from(u8::from(date.month())),
            u32::from(date.day()),
        );
        let weekday = u32::from(date.weekday().number_days_from_sunday());
        let midnight = date.midnight().assume_utc().unix_timestamp();
        if !matches(f[3], month, 1) {
            continue;
        }
        let by_day = matches(f[2], day, 1);
        let by_wday = matches(f[4], weekday, 0) || (weekday == 0 && matches(f[4], 7, 0));
        // Cron's rule: when both are restricted, either one will do.
        let day_ok = match (restricted(f[2]), restricted(f[4])) {
            (true, true) => by_day || by_wday,
            _ => by_day && by_wday,
        };
        if !day_ok {
            continue;
        }
        for hour in 0..24 {
            if !matches(f[1], hour, 0) {
                continue;
            }
            for minute in 0..60 {
                let at = midnight + i64::from(hour * 3600 + minute * 60);
                if at > now && matches(f[0], minute, 0) {
                    runs.push(format!(
                        "{} {year}-{month:02}-{day:02} {hour:02}:{minute:02}",
                        &WEEKDAYS[weekday as usize][..3]
                    ));
                    if runs.len() == count {
                        return runs;
                    }
                }
            }
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_in_words() {
        assert_eq!(
            describe(&["*/15", "*", "*", "*", "*"]),
            "every 15 minutes, every day"
        );
        assert_eq!(describe(&["30", "3", "*", "*", "0"]), "at 03:30 on Sunday");
        assert_eq!(
            describe(&["0", "9", "*", "*", "1-5"]),
            "at 09:00 on Monday to Friday"
        );
        assert_eq!(
            describe(&["0", "0", "1", "*", "*"]),
            "at 00:00 on day 1 of the month"
        );
        assert_eq!(
            describe(&["5", "*", "*", "*", "*"]),
            "every hour at minute 5, every day"
        );
    }

    #[test]
    fn next_runs_follow_the_fields() {
        // 2026-11-22 (a Sunday) 18:00 UTC.
        let now = 1_795_370_400;
        assert_eq!(
            time::OffsetDateTime::from_unix_timestamp(now).map(|t| t.date()),
            time::Date::from_calendar_date(2026, time::Month::November, 22)
        );
        assert_eq!(
            next_runs(&["30", "3", "*", "*", "0"], now, 2),
            ["Sun 2026-11-29 03:30", "Sun 2026-12-06 03:30"]
        );
        assert_eq!(
            next_runs(&["*/15", "*", "*", "*", "*"], now, 2),
            ["Sun 2026-11-22 18:15", "Sun 2026-11-22 18:30"]
        );
        assert_eq!(
            next_runs(&["0", "0", "31", "2", "*"], now, 1),
            Vec::<String>::new()
        );
    }
}
