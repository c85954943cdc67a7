//! The state of a queued backup or restore, as the browser sees it.

use serde::{Deserialize, Serialize};

use crate::error::HearthError;

/// Where a queued job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobState {
    /// Waiting in Hestia's queue.
    Queued,
    /// Running.
    Running,
    /// Finished.
    Done,
    /// Failed.
    Failed,
}

impl JobState {
    /// Done or failed.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Done | Self::Failed)
    }

    /// The label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Queued => crate::text::JOB_QUEUED,
            Self::Running => crate::text::JOB_RUNNING,
            Self::Done => crate::text::JOB_DONE,
            Self::Failed => crate::text::JOB_FAILED,
        }
    }
}

/// A job: its state, Hestia's last word on it, and when it was queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobView {
    /// Its state.
    pub state: JobState,
    /// The last history line about it.
    pub message: String,
    /// When Hearth queued it (UTC).
    pub since: String,
}

impl JobView {
    /// A job Hearth could no longer follow.
    pub fn error(e: &HearthError) -> Self {
        Self {
            state: JobState::Failed,
            message: crate::text::error_message(e).0,
            since: String::new(),
        }
    }
}
