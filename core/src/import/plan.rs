//! The plan shown before an import is accepted: what will be added, what the vault already
//! holds (same kind and secret: never overwritten, reported), what is skipped and why.
//! Planning reads the vault and changes nothing; `Plan::entries` is what is applied.

use super::{Format, Item, Read, Skip};
use crate::account::Account;
use crate::crypto;
use crate::vault::{Entry, EntryId};

/// An item of the plan, with the existing entry it duplicates, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The item read.
    pub item: Item,
    /// For duplicates: the vault entry already holding it (`None` when the duplicate is an
    /// earlier item of the same file).
    pub existing: Option<EntryId>,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The format read.
    pub format: Format,
    /// Items to add, in file order.
    pub add: Vec<Planned>,
    /// Items already in the vault (or earlier in the file): left alone.
    pub duplicate: Vec<Planned>,
    /// Items that cannot be imported, with their reasons.
    pub skipped: Vec<Skip>,
}

fn same(a: &Account, b: &Account) -> bool {
    a.kind.name() == b.kind.name() && crypto::same_bytes(a.secret.expose(), b.secret.expose())
}

/// Plans importing `read` into a vault holding `existing`.
pub fn plan(format: Format, read: Read, existing: &[Entry]) -> Plan {
    let mut out = Plan {
        format,
        add: Vec::new(),
        duplicate: Vec::new(),
        skipped: read.skipped,
    };
    for item in read.items {
        if let Some(e) = existing.iter().find(|e| same(&e.account, &item.account)) {
            out.duplicate.push(Planned {
                item,
                existing: Some(e.id),
            });
        } else if out.add.iter().any(|p| same(&p.item.account, &item.account)) {
            out.duplicate.push(Planned {
                item,
                existing: None,
            });
        } else {
            out.add.push(Planned {
                item,
                existing: None,
            });
        }
    }
    out
}

impl Plan {
    /// The entries to apply with `Vault::import_entries` (ids are assigned there); `now`
    /// is the creation time of items that carry none.
    pub fn entries(&self, now: i64) -> Vec<Entry> {
        self.add
            .iter()
            .map(|p| Entry {
                id: EntryId([0; 8]),
                account: p.item.account.clone(),
                icon: p.item.icon.clone(),
                note: p.item.note.clone(),
                created: p.item.created.unwrap_or(now),
                last_used: None,
            })
            .collect()
    }
}
