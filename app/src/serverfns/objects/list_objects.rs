use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalogue::{Entry, KindId};
use crate::error::HearthError;

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

/// What part of a list to show: search text, sort column, page (from 1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    /// Search text: matches the name and every shown field.
    pub q: String,
    /// The field to sort by; empty keeps Hestia's order, `@key` sorts by name.
    pub sort: String,
    /// Descending.
    pub desc: bool,
    /// The page, from 1.
    pub page: usize,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectPage {
    /// The rows of this page.
    pub rows: Vec<Entry>,
    /// Objects in all.
    pub total: usize,
    /// Objects that match the search.
    pub matched: usize,
    /// This page (from 1, clamped).
    pub page: usize,
    /// Pages of matches.
    pub pages: usize,
}

impl ObjectPage {
    /// Searches, sorts and cuts a page out of `all`.
    pub fn of(all: &[Entry], query: &ListQuery) -> Self {
        let total = all.len();
        let needle = query.q.trim().to_lowercase();
        let mut rows: Vec<&Entry> = if needle.is_empty() {
            all.iter().collect()
        } else {
            all.iter()
                .filter(|e| {
                    e.key.to_lowercase().contains(&needle)
                        || e.fields
                            .values()
                            .any(|v| v.to_lowercase().contains(&needle))
                })
                .collect()
        };
        if !query.sort.is_empty() {
            let value = |e: &Entry| -> String {
                if query.sort == "@key" {
                    e.key.to_lowercase()
                } else {
                    e.get(&query.sort).to_lowercase()
                }
            };
            // Each value computed once; numbers sort as numbers.
            let mut keyed: Vec<(Option<f64>, String, &Entry)> = rows
                .into_iter()
                .map(|e| {
                    let v = value(e);
                    (v.parse::<f64>().ok(), v, e)
                })
                .collect();
            keyed.sort_by(|a, b| {
                let order = match (a.0, b.0) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    _ => a.1.cmp(&b.1),
                };
                if query.desc {
                    order.reverse()
                } else {
                    order
                }
            });
            rows = keyed.into_iter().map(|(_, _, e)| e).collect();
        }
        let matched = rows.len();
        let pages = matched.div_ceil(PAGE_SIZE).max(1);
        let page = query.page.clamp(1, pages);
        let rows = rows
            .into_iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .cloned()
            .collect();
        Self {
            rows,
            total,
            matched,
            page,
            pages,
        }
    }
}

/// A page of objects of `kind` (under `parent`). Hestia's listing is cached, so searching,
/// sorting and paging cost no further Hestia call.
#[server(prefix = "/api", endpoint = "objects")]
pub async fn list_objects(
    kind: KindId,
    parent: Option<String>,
    #[server(default)] query: ListQuery,
) -> Result<ObjectPage, HearthError> {
    let ctx = crate::ssr::RequestCtx::extract().await?;
    let all = crate::ssr::objects::list(&ctx, kind.kind(), parent.as_deref()).await?;
    Ok(ObjectPage::of(&all, &query))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries `name` with a `SIZE` field.
    fn entries(sizes: &[(&str, &str)]) -> Vec<Entry> {
        sizes
            .iter()
            .map(|(key, size)| Entry {
                key: (*key).to_owned(),
                fields: [("SIZE".to_owned(), (*size).to_owned())]
                    .into_iter()
                    .collect(),
            })
            .collect()
    }

    fn keys(page: &ObjectPage) -> Vec<&str> {
        page.rows.iter().map(|e| e.key.as_str()).collect()
    }

    #[test]
    fn search_matches_names_and_fields_in_any_case() {
        let all = entries(&[
            ("Shop.example", "9"),
            ("blog.example", "10"),
            ("mail.test", "shop"),
        ]);
        let query = |q: &str| ListQuery {
            q: q.to_owned(),
            ..ListQuery::default()
        };
        let page = ObjectPage::of(&all, &query("  SHOP "));
        assert_eq!(keys(&page), ["Shop.example", "mail.test"]);
        assert_eq!((page.total, page.matched), (3, 2));
        assert_eq!(ObjectPage::of(&all, &query("nothing")).matched, 0);
    }

    #[test]
    fn numbers_sort_as_numbers_and_names_without_case() {
        let all = entries(&[("b", "10"), ("A", "9"), ("c", "100")]);
        let sorted = |sort: &str, desc| {
            let page = ObjectPage::of(
                &all,
                &ListQuery {
                    sort: sort.to_owned(),
                    desc,
                    ..ListQuery::default()
                },
            );
            keys(&page).join(" ")
        };
        assert_eq!(sorted("SIZE", false), "A b c");
        assert_eq!(sorted("SIZE", true), "c b A");
        assert_eq!(sorted("@key", false), "A b c");
        assert_eq!(sorted("", false), "b A c", "Hestia's order");
    }

    #[test]
    fn pages_are_cut_and_clamped() {
        let names: Vec<String> = (0..120).map(|i| format!("site{i:03}")).collect();
        let all: Vec<Entry> = names
            .iter()
            .map(|n| Entry {
                key: n.clone(),
                fields: Default::default(),
            })
            .collect();
        let page = |n| {
            ObjectPage::of(
                &all,
                &ListQuery {
                    page: n,
                    ..ListQuery::default()
                },
            )
        };
        assert_eq!((page(1).rows.len(), page(1).pages), (PAGE_SIZE, 3));
        assert_eq!(page(3).rows.len(), 120 - 2 * PAGE_SIZE);
        assert_eq!(page(0).page, 1, "clamped up");
        assert_eq!(page(99).page, 3, "clamped down");
        assert_eq!(page(2).rows[0].key, "site050");
        assert_eq!(ObjectPage::of(&[], &ListQuery::default()).pages, 1);
    }
}
