//! Web domains (PROTOCOL.md §5.2): domains, aliases, certificates, backend templates.

use super::*;

/// The templates of a stock Hestia on nginx with PHP-FPM 8.2 and 8.3, as its list commands sort
/// them (`$HESTIA/data/templates/web/…`), and the record field each sets.
const BACKEND_TEMPLATES: &[&str] = &["PHP-8_2", "PHP-8_3", "default", "no-php"];
const WEB_TEMPLATES: &[&str] = &["default", "hosting", "laravel", "wordpress"];
const PROXY_TEMPLATES: &[&str] = &["caching", "default", "hosting"];
/// `v-change-web-domain-proxy-tpl`'s extensions when none are given.
const PROXY_EXTENSIONS: &str = "jpg,jpeg,gif,png,ico,svg,css,zip,tgz,gz,rar,bz2,doc,xls,exe,pdf,ppt,txt,odt,ods,odp,odf,tar,wav,bmp,rtf,js,mp3,avi,mpeg,flv,html,htm";

/// The templates a list or change command works with, their kind in Hestia's messages, and the
/// web domain's field that names the one in use.
pub(super) fn templates(command: &Spec) -> (&'static [&'static str], &'static str, &'static str) {
    match *command {
        cmd::LIST_WEB_TEMPLATES | cmd::CHANGE_WEB_DOMAIN_TPL => (WEB_TEMPLATES, "web", "TPL"),
        cmd::LIST_WEB_TEMPLATES_PROXY | cmd::CHANGE_WEB_DOMAIN_PROXY_TPL => {
            (PROXY_TEMPLATES, "proxy", "PROXY")
        }
        _ => (BACKEND_TEMPLATES, "backend", "BACKEND"),
    }
}

pub(super) fn web(user: &mut SimUser, name: &str, command: &'static Spec, a: &Args<'_>) -> Outcome {
    let domain = a.get(1);
    if *command == cmd::ADD_WEB_DOMAIN {
        let domain = domain.to_lowercase();
        if !domain_ok(&domain) {
            return invalid("domain", &domain);
        }
        let ip = a.get(2);
        if !ip.is_empty() && ip.parse::<std::net::IpAddr>().is_err() {
            return invalid("ip", ip);
        }
        if user.web_domains.contains_key(&domain) {
            return Outcome::error(4, format!("Web domain {domain} exists"));
        }
        if !under_limit(user, "WEB_DOMAINS", user.web_domains.len()) {
            return limit("WEB_DOMAINS");
        }
        let aliases = match a.get(4) {
            "" if domain.matches('.').count() == 1 => format!("www.{domain}"),
            "" | "none" => String::new(),
            list => list.to_lowercase(),
        };
        if let Some(bad) = aliases.split(',').find(|x| !x.is_empty() && !domain_ok(x)) {
            return invalid("alias", bad);
        }
        let (_, mut r) =
            crate::simulator::state::web_domain(name, &domain, &aliases, "no", "no", "0", "0", "");
        let (date, time) = now_stamp();
        set(
            &mut r,
            "IP",
            if ip.is_empty() { "203.0.113.10" } else { ip },
        );
        set(&mut r, "TIME", time);
        set(&mut r, "DATE", date);
        user.web_domains.insert(domain.clone(), r);
        log(
            user,
            "Info",
            "Web",
            &format!("Added new web domain (Name: {domain})."),
        );
        return Outcome::silent();
    }
    let aliases_used: usize = user
        .web_domains
        .values()
        .map(|d| {
            d.get("ALIAS")
                .map_or(0, |x| x.split(',').filter(|s| !s.is_empty()).count())
        })
        .sum();
    let alias = a.get(2).to_lowercase();
    let alias_taken = user
        .web_domains
        .iter()
        .any(|(d, r)| *d == alias || list_has(r, "ALIAS", &alias));
    let alias_room = under_limit(user, "WEB_ALIASES", aliases_used);
    if *command == cmd::DELETE_WEB_DOMAIN {
        return match user.web_domains.shift_remove(domain) {
            Some(_) => {
                log(
                    user,
                    "Info",
                    "Web",
                    &format!("Deleted web domain (Name: {domain})."),
                );
                Outcome::silent()
            }
            None => missing("web domain", domain),
        };
    }
    let Some(r) = user.web_domains.get_mut(domain) else {
        return missing("web domain", domain);
    };
    let suspended = is_yes(r, "SUSPENDED");
    match *command {
        cmd::SUSPEND_WEB_DOMAIN | cmd::UNSUSPEND_WEB_DOMAIN => {
            toggle(r, *command == cmd::SUSPEND_WEB_DOMAIN, "web domain", domain)
        }
        _ if suspended => Outcome::error(5, format!("web domain {domain} is suspended")),
        cmd::CHANGE_WEB_DOMAIN_BACKEND_TPL
        | cmd::CHANGE_WEB_DOMAIN_TPL
        | cmd::CHANGE_WEB_DOMAIN_PROXY_TPL => {
            let proxy = *command == cmd::CHANGE_WEB_DOMAIN_PROXY_TPL;
            let template = a.get(2);
            let restart = a.get(if proxy { 4 } else { 3 });
            let (known, what, field) = templates(command);
            if crate::names::template(template).is_err() {
                invalid("template", template)
            } else if !restart_ok(restart) {
                invalid("restart", restart)
            } else if proxy && r.get("PROXY").is_none_or(String::is_empty) {
                // `is_object_value_exist … '$PROXY'`: only a domain served through the proxy.
                Outcome::error(3, "PROXY= doesn't exist")
            } else if !known.contains(&template) {
                Outcome::error(3, format!("{template} {what} template doesn't exist"))
            } else {
                set(r, field, template);
                if proxy {
                    // Given, even empty, it replaces the list; left out, Hestia's default (`${4-…}`).
                    let extensions = if a.0.len() > 3 {
                        a.get(3)
                    } else {
                        PROXY_EXTENSIONS
                    };
                    set(r, "PROXY_EXT", extensions);
                }
                Outcome::silent()
            }
        }
        cmd::ADD_WEB_DOMAIN_ALIAS => {
            if !domain_ok(&alias) {
                invalid("alias", &alias)
            } else if alias_taken {
                exists("web alias", &alias)
            } else if !alias_room {
                limit("WEB_ALIASES")
            } else {
                add_to_list(r, "ALIAS", &[&alias]);
                Outcome::silent()
            }
        }
        cmd::DELETE_WEB_DOMAIN_ALIAS => {
            if remove_from_list(r, "ALIAS", &alias) {
                Outcome::silent()
            } else {
                missing("web alias", &alias)
            }
        }
        cmd::ADD_LETSENCRYPT_DOMAIN => {
            if is_yes(r, "LETSENCRYPT") {
                return exists("letsencrypt certificate for", domain);
            }
            set(r, "SSL", "yes");
            set(r, "LETSENCRYPT", "yes");
            Outcome::silent()
        }
        // v-delete-letsencrypt-domain
        _ => {
            if !is_yes(r, "LETSENCRYPT") {
                return missing("letsencrypt certificate for", domain);
            }
            set(r, "SSL", "no");
            set(r, "LETSENCRYPT", "no");
            Outcome::silent()
        }
    }
}

/// Hestia's RESTART values (`is_restart_format_valid`); empty is a restart.
fn restart_ok(restart: &str) -> bool {
    matches!(
        restart,
        "" | "yes" | "no" | "ssl" | "reload" | "updatessl" | "scheduled"
    )
}
