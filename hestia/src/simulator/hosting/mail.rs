//! Mail domains, their accounts and DKIM records (PROTOCOL.md §5.4).

use super::*;

/// A made-up but well-formed DKIM public key.
const DKIM_KEY: &str =
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsimulatedDkimKeyForHearthDemo0123456789IDAQAB";

/// Mail domains and their accounts.
const DOMAINS: Family = Family {
    what: "mail domain",
    toggles: [cmd::SUSPEND_MAIL_DOMAIN, cmd::UNSUSPEND_MAIL_DOMAIN],
};

pub(super) fn mail(
    user: &mut SimUser,
    command: &'static Spec,
    a: &Args<'_>,
    secret: &str,
) -> Outcome {
    let domain = a.get(1).to_lowercase();
    match *command {
        cmd::LIST_MAIL_DOMAINS => {
            return Outcome::ok(keyed(user.mail_domains.iter().map(|(k, r)| (k, r.clone()))))
        }
        cmd::LIST_MAIL_ACCOUNTS => return DOMAINS.list(&user.mail_accounts, &domain),
        cmd::LIST_MAIL_DOMAIN_DKIM_DNS => {
            return match user.mail_domains.get(&domain) {
                Some(r) if is_yes(r, "DKIM") => Outcome::ok(pretty(&json!({
                    "_domainkey": {"TTL": "3600", "TXT": "\"t=y; o=~;\""},
                    "mail._domainkey": {"TTL": "3600", "TXT": format!("\"v=DKIM1; k=rsa; p={DKIM_KEY}\"")},
                }))),
                Some(_) => Outcome::ok("{\n}"),
                None => missing("mail domain", &domain),
            };
        }
        cmd::ADD_MAIL_DOMAIN => {
            if !domain_ok(&domain) {
                return invalid("domain", &domain);
            }
            if user.mail_domains.contains_key(&domain) {
                return exists("mail domain", &domain);
            }
            if !under_limit(user, "MAIL_DOMAINS", user.mail_domains.len()) {
                return limit("MAIL_DOMAINS");
            }
            let flag = |i: usize, default: &'static str| match a.get(i) {
                "" => Ok(default),
                "yes" => Ok("yes"),
                "no" => Ok("no"),
                other => Err(other.to_owned()),
            };
            let (antispam, antivirus, dkim, reject) = match (
                flag(2, "yes"),
                flag(3, "yes"),
                flag(4, "yes"),
                flag(7, "no"),
            ) {
                (Ok(s), Ok(v), Ok(d), Ok(r)) => (s, v, d, r),
                (Err(bad), ..) | (_, Err(bad), ..) | (_, _, Err(bad), _) | (.., Err(bad)) => {
                    return invalid("flag", &bad)
                }
            };
            let mut r = stamped(&[
                ("ANTIVIRUS", antivirus),
                ("ANTISPAM", antispam),
                ("REJECT", reject),
                ("RATE_LIMIT", "200"),
                ("DKIM", dkim),
                ("CATCHALL", ""),
                ("ACCOUNTS", "0"),
                ("U_DISK", "0"),
                ("SSL", "no"),
            ]);
            set(&mut r, "WEBMAIL_ALIAS", "webmail");
            set(&mut r, "WEBMAIL", "roundcube");
            user.mail_domains.insert(domain.clone(), r);
            user.mail_accounts.insert(domain.clone(), IndexMap::new());
            log(
                user,
                "Info",
                "Mail",
                &format!("Added new mail domain ({domain})."),
            );
            return Outcome::silent();
        }
        cmd::DELETE_MAIL_DOMAIN => {
            return DOMAINS.delete(&mut user.mail_domains, &mut user.mail_accounts, &domain)
        }
        _ => {}
    }
    let accounts_used = user.mail_accounts.get(&domain).map_or(0, IndexMap::len);
    let room = under_limit(user, "MAIL_ACCOUNTS", accounts_used);
    let (domain_record, accounts) = match DOMAINS.open(
        &mut user.mail_domains,
        &mut user.mail_accounts,
        &domain,
        command,
    ) {
        Ok(opened) => opened,
        Err(answer) => return answer,
    };
    let account = a.get(2).to_lowercase();
    let outcome = if *command == cmd::ADD_MAIL_ACCOUNT {
        let quota = match a.get(4) {
            "" => "unlimited",
            q if q == "unlimited" || q.parse::<u64>().is_ok() => q,
            q => return invalid("quota", q),
        };
        if crate::names::mail_local_part(&account).is_err() {
            return invalid("account", &account);
        }
        if accounts.contains_key(&account)
            || accounts.values().any(|r| list_has(r, "ALIAS", &account))
        {
            return exists("mail account", &account);
        }
        if !room {
            return limit("MAIL_ACCOUNTS");
        }
        if secret.is_empty() {
            return invalid("password", "");
        }
        let r = stamped(&[
            ("ALIAS", ""),
            ("FWD", ""),
            ("FWD_ONLY", ""),
            ("AUTOREPLY", "no"),
            ("QUOTA", quota),
            ("U_DISK", "0"),
        ]);
        accounts.insert(account.clone(), r);
        user.mail_passwords
            .insert(format!("{account}@{domain}"), secret.to_owned());
        Outcome::silent()
    } else if *command == cmd::DELETE_MAIL_ACCOUNT {
        match accounts.shift_remove(&account) {
            Some(_) => Outcome::silent(),
            None => missing("mail account", &account),
        }
    } else {
        let taken = |item: &str| {
            accounts.contains_key(item) || accounts.values().any(|r| list_has(r, "ALIAS", item))
        };
        let alias_taken = taken(&a.get(3).to_lowercase());
        let Some(r) = accounts.get_mut(&account) else {
            return missing("mail account", &account);
        };
        let item = a.get(3);
        match *command {
            cmd::SUSPEND_MAIL_ACCOUNT | cmd::UNSUSPEND_MAIL_ACCOUNT => toggle(
                r,
                *command == cmd::SUSPEND_MAIL_ACCOUNT,
                "mail account",
                &account,
            ),
            cmd::CHANGE_MAIL_ACCOUNT_PASSWORD => {
                user.mail_passwords
                    .insert(format!("{account}@{domain}"), secret.to_owned());
                Outcome::silent()
            }
            cmd::CHANGE_MAIL_ACCOUNT_QUOTA => {
                if item == "unlimited" || item.parse::<u64>().is_ok() {
                    set(r, "QUOTA", item);
                    Outcome::silent()
                } else {
                    invalid("quota", item)
                }
            }
            cmd::ADD_MAIL_ACCOUNT_ALIAS => {
                let item = item.to_lowercase();
                if crate::names::mail_local_part(&item).is_err() {
                    invalid("alias", &item)
                } else if alias_taken {
                    exists("mail alias", &item)
                } else {
                    add_to_list(r, "ALIAS", &[&item]);
                    Outcome::silent()
                }
            }
            cmd::DELETE_MAIL_ACCOUNT_ALIAS => {
                if remove_from_list(r, "ALIAS", item) {
                    Outcome::silent()
                } else {
                    missing("mail alias", item)
                }
            }
            cmd::ADD_MAIL_ACCOUNT_FORWARD => {
                if crate::names::email(item).is_err() {
                    invalid("forward", item)
                } else if list_has(r, "FWD", item) {
                    exists("forward", item)
                } else {
                    add_to_list(r, "FWD", &[item]);
                    Outcome::silent()
                }
            }
            cmd::DELETE_MAIL_ACCOUNT_FORWARD => {
                if remove_from_list(r, "FWD", item) {
                    Outcome::silent()
                } else {
                    missing("forward", item)
                }
            }
            cmd::ADD_MAIL_ACCOUNT_AUTOREPLY => {
                set(r, "AUTOREPLY", "yes");
                user.autoreplies
                    .insert(format!("{account}@{domain}"), item.to_owned());
                Outcome::silent()
            }
            // v-delete-mail-account-autoreply
            _ => {
                if !is_yes(r, "AUTOREPLY") {
                    return missing("autoreply for", &account);
                }
                set(r, "AUTOREPLY", "no");
                user.autoreplies
                    .shift_remove(&format!("{account}@{domain}"));
                Outcome::silent()
            }
        }
    };
    set(domain_record, "ACCOUNTS", accounts.len().to_string());
    outcome
}
