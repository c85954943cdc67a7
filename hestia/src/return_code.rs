//! Hestia's exit codes (PROTOCOL.md §4), with plain-language meanings.

use serde::{Deserialize, Serialize};

/// An exit code of a Hestia command or of the API endpoint itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ReturnCode {
    /// 0: success.
    Ok,
    /// 1 `E_ARGS`: not enough arguments.
    Args,
    /// 2 `E_INVALID`: invalid object or argument format.
    Invalid,
    /// 3 `E_NOTEXIST`: the object does not exist.
    NotExist,
    /// 4 `E_EXISTS`: the object already exists.
    Exists,
    /// 5 `E_SUSPENDED`: the object is suspended.
    Suspended,
    /// 6 `E_UNSUSPENDED`: the object is not suspended.
    Unsuspended,
    /// 7 `E_INUSE`: the object is in use by another object.
    InUse,
    /// 8 `E_LIMIT`: a hosting package limit is reached.
    Limit,
    /// 9 `E_PASSWORD`: wrong or invalid password or credentials.
    Password,
    /// 10 `E_FORBIDEN`: access forbidden.
    Forbidden,
    /// 11 `E_DISABLED`: the subsystem is disabled.
    Disabled,
    /// 12 `E_PARSING`: a configuration file is broken.
    Parsing,
    /// 13 `E_DISK`: not enough disk space.
    Disk,
    /// 14 `E_LA`: the server load is too high.
    LoadAverage,
    /// 15 `E_CONNECT`: a connection failed.
    Connect,
    /// 16 `E_FTP`: the FTP server does not respond.
    Ftp,
    /// 17 `E_DB`: the database server does not respond.
    Database,
    /// 18 `E_RRD`: RRDtool failed to update.
    Rrd,
    /// 19 `E_UPDATE`: an update failed.
    Update,
    /// 20 `E_RESTART`: a service restart failed (the change itself was written).
    Restart,
    /// 21 `E_API_DISABLED`: the API is enabled for the root user only (`API_SYSTEM=1`).
    ApiDisabled,
    /// 405: the endpoint could not read the request.
    InvalidRequest,
    /// Any other number.
    Other(u16),
}

impl ReturnCode {
    /// The code for a number as Hestia sends it.
    pub fn from_number(n: u16) -> Self {
        match n {
            0 => Self::Ok,
            1 => Self::Args,
            2 => Self::Invalid,
            3 => Self::NotExist,
            4 => Self::Exists,
            5 => Self::Suspended,
            6 => Self::Unsuspended,
            7 => Self::InUse,
            8 => Self::Limit,
            9 => Self::Password,
            10 => Self::Forbidden,
            11 => Self::Disabled,
            12 => Self::Parsing,
            13 => Self::Disk,
            14 => Self::LoadAverage,
            15 => Self::Connect,
            16 => Self::Ftp,
            17 => Self::Database,
            18 => Self::Rrd,
            19 => Self::Update,
            20 => Self::Restart,
            21 => Self::ApiDisabled,
            405 => Self::InvalidRequest,
            n => Self::Other(n),
        }
    }

    /// The number Hestia uses for this code.
    pub fn number(self) -> u16 {
        match self {
            Self::Ok => 0,
            Self::Args => 1,
            Self::Invalid => 2,
            Self::NotExist => 3,
            Self::Exists => 4,
            Self::Suspended => 5,
            Self::Unsuspended => 6,
            Self::InUse => 7,
            Self::Limit => 8,
            Self::Password => 9,
            Self::Forbidden => 10,
            Self::Disabled => 11,
            Self::Parsing => 12,
            Self::Disk => 13,
            Self::LoadAverage => 14,
            Self::Connect => 15,
            Self::Ftp => 16,
            Self::Database => 17,
            Self::Rrd => 18,
            Self::Update => 19,
            Self::Restart => 20,
            Self::ApiDisabled => 21,
            Self::InvalidRequest => 405,
            Self::Other(n) => n,
        }
    }

    /// Hestia's constant name (`E_NOTEXIST`…), or `OK`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ok => "OK",
            Self::Args => "E_ARGS",
            Self::Invalid => "E_INVALID",
            Self::NotExist => "E_NOTEXIST",
            Self::Exists => "E_EXISTS",
            Self::Suspended => "E_SUSPENDED",
            Self::Unsuspended => "E_UNSUSPENDED",
            Self::InUse => "E_INUSE",
            Self::Limit => "E_LIMIT",
            Self::Password => "E_PASSWORD",
            Self::Forbidden => "E_FORBIDEN",
            Self::Disabled => "E_DISABLED",
            Self::Parsing => "E_PARSING",
            Self::Disk => "E_DISK",
            Self::LoadAverage => "E_LA",
            Self::Connect => "E_CONNECT",
            Self::Ftp => "E_FTP",
            Self::Database => "E_DB",
            Self::Rrd => "E_RRD",
            Self::Update => "E_UPDATE",
            Self::Restart => "E_RESTART",
            Self::ApiDisabled => "E_API_DISABLED",
            Self::InvalidRequest => "E_REQUEST",
            Self::Other(_) => "E_UNKNOWN",
        }
    }

    /// What the code means, in words a panel user understands.
    pub fn message(self) -> &'static str {
        match self {
            Self::Ok => "Done.",
            Self::Args => "Hestia needs more information to do this.",
            Self::Invalid => "Hestia rejected a value as invalid.",
            Self::NotExist => "It does not exist (any more).",
            Self::Exists => "It already exists.",
            Self::Suspended => "It is suspended.",
            Self::Unsuspended => "It is not suspended.",
            Self::InUse => "It is still in use by something else.",
            Self::Limit => "Your hosting package's limit is reached.",
            Self::Password => "The credentials were not accepted.",
            Self::Forbidden => "Hestia does not allow this.",
            Self::Disabled => "This feature is turned off on the server.",
            Self::Parsing => "A configuration file on the server is broken.",
            Self::Disk => "The server is out of disk space.",
            Self::LoadAverage => "The server is too busy right now; try again in a minute.",
            Self::Connect => "The server could not connect to a service it needs.",
            Self::Ftp => "The FTP server does not respond.",
            Self::Database => "The database server does not respond.",
            Self::Rrd => "Statistics could not be updated.",
            Self::Update => "An update failed.",
            Self::Restart => "The change was saved, but a service failed to restart.",
            Self::ApiDisabled => "Hestia's API is enabled for the administrator only.",
            Self::InvalidRequest => "Hestia could not read the request.",
            Self::Other(_) => "Hestia reported an unexpected error.",
        }
    }
}

impl std::fmt::Display for ReturnCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.name(), self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for n in (0..=25).chain([405, 999]) {
            assert_eq!(ReturnCode::from_number(n).number(), n);
        }
    }

    #[test]
    fn every_known_code_has_its_own_name_and_message() {
        let known: Vec<_> = (0..=21).chain([405]).map(ReturnCode::from_number).collect();
        let names: std::collections::HashSet<_> = known.iter().map(|c| c.name()).collect();
        let messages: std::collections::HashSet<_> = known.iter().map(|c| c.message()).collect();
        assert_eq!(names.len(), known.len());
        assert_eq!(messages.len(), known.len());
    }
}
