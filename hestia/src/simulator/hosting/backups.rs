//! Backups, restores and Hestia's queue that runs them (PROTOCOL.md §5.7).

use super::*;

/// When the queue next runs: the next multiple of `every` on the clock, as cron's `*/5` is.
fn next_queue_run(every: Duration) -> Instant {
    let every_ms = every.as_millis().max(1);
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let wait = every_ms - now_ms % every_ms;
    Instant::now() + Duration::from_millis(u64::try_from(wait).unwrap_or(u64::MAX))
}

/// Moves queued backups along as Hestia's queue does: at the queue's next run the job starts
/// (history line); one [`crate::simulator::Knobs::queue_every`] later it is done (archive, history line)
/// or failed. A new archive rotates out the oldest beyond the package's `BACKUPS`, as
/// `v-backup-user` does.
pub(crate) fn advance_backups(state: &mut State) {
    let every = state.knobs.queue_every;
    let fail = state.knobs.fail_backups;
    let now = Instant::now();
    for (name, user) in &mut state.users {
        let Some(job) = user.backup_job.clone() else {
            continue;
        };
        if now < job.runs_at {
            continue;
        }
        if !job.started {
            user.backup_job = Some(BackupJob {
                started: true,
                ..job.clone()
            });
            let what = match &job.restore {
                Some(archive) => format!("Restore started (Archive: {archive})."),
                None => "Backup started.".to_owned(),
            };
            log(user, "Info", "Backup", &what);
        }
        if now < job.runs_at + every {
            continue;
        }
        user.backup_job = None;
        if fail {
            log(
                user,
                "Error",
                "Backup",
                "Backup failed (not enough disk space available).",
            );
            continue;
        }
        if let Some(archive) = job.restore {
            log(
                user,
                "Info",
                "Backup",
                &format!("Restore finished (Archive: {archive})."),
            );
            continue;
        }
        let (date, time) = now_stamp();
        let archive = format!("{name}.{date}_{}.tar", time.replace(':', "-"));
        let joined = |keys: Vec<&String>| {
            keys.into_iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(",")
        };
        let backup = record(&[
            ("TYPE", "local"),
            ("SIZE", "12"),
            ("WEB", &joined(user.web_domains.keys().collect())),
            ("DNS", &joined(user.dns_domains.keys().collect())),
            ("MAIL", &joined(user.mail_domains.keys().collect())),
            ("DB", &joined(user.databases.keys().collect())),
            ("CRON", if user.cron_jobs.is_empty() { "" } else { "yes" }),
            ("UDIR", ""),
            ("RUNTIME", "1"),
            ("TIME", &time),
            ("DATE", &date),
        ]);
        user.backups.insert(archive.clone(), backup);
        // `tail -n $BACKUPS backup.conf`: the newest BACKUPS archives stay.
        let keep = user
            .record
            .get("BACKUPS")
            .and_then(|b| b.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        while user.backups.len() > keep {
            user.backups.shift_remove_index(0);
        }
        log(
            user,
            "Info",
            "Backup",
            &format!("Backup created (Archive: {archive})."),
        );
    }
}

pub(super) fn backups(
    user: &mut SimUser,
    command: &'static Spec,
    a: &Args<'_>,
    queue_every: Duration,
) -> Outcome {
    match *command {
        cmd::LIST_USER_BACKUPS => {
            Outcome::ok(keyed(user.backups.iter().map(|(k, r)| (k, r.clone()))))
        }
        cmd::LIST_USER_LOG => Outcome::ok(keyed(user.history.iter().map(|(k, r)| (k, r.clone())))),
        cmd::LIST_USER_NOTIFICATIONS => Outcome::ok(keyed(
            user.notifications.iter().map(|(k, r)| (k, r.clone())),
        )),
        cmd::SCHEDULE_USER_BACKUP => {
            if user.record.get("BACKUPS").is_some_and(|b| b == "0") {
                return Outcome::error(11, "user backup is disabled");
            }
            if user.backup_job.is_some() {
                return Outcome::error(4, "backup is already scheduled");
            }
            user.backup_job = Some(BackupJob {
                runs_at: next_queue_run(queue_every),
                started: false,
                restore: None,
            });
            Outcome::silent()
        }
        cmd::SCHEDULE_USER_RESTORE => {
            let archive = a.get(1);
            if !user.backups.contains_key(archive) {
                return missing("backup", archive);
            }
            if user.backup_job.is_some() {
                return Outcome::error(4, "restore is already scheduled");
            }
            user.backup_job = Some(BackupJob {
                runs_at: next_queue_run(queue_every),
                started: false,
                restore: Some(archive.to_owned()),
            });
            Outcome::silent()
        }
        // v-delete-user-backup
        _ => match user.backups.shift_remove(a.get(1)) {
            Some(_) => Outcome::silent(),
            None => missing("backup", a.get(1)),
        },
    }
}
