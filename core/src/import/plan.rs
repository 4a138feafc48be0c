//! The plan shown before an import is accepted: what will be added, what the vault already
//! holds (same kind and secret: never overwritten, reported), what is skipped and why.
//! Planning reads the vault and changes nothing; `Plan::entries` is what is applied.

use super::{Format, Item, Read, Skip};
use crate::account::Account;
use crate::vault::{Entry, EntryId};
use std::collections::{HashMap, HashSet};

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

/// What makes two accounts the same for import: kind and secret. A SHA-256 digest of the
/// secret keys the lookup, so planning 10,000 items stays linear and no copy of a secret
/// sits in the table.
fn key(a: &Account) -> (&'static str, [u8; 32]) {
    let digest = ring::digest::digest(&ring::digest::SHA256, a.secret.expose());
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    (a.kind.name(), out)
}

/// Plans importing `read` into a vault holding `existing`.
pub fn plan(format: Format, read: Read, existing: &[Entry]) -> Plan {
    let in_vault: HashMap<_, EntryId> = existing.iter().map(|e| (key(&e.account), e.id)).collect();
    let mut in_file = HashSet::new();
    let mut out = Plan {
        format,
        add: Vec::new(),
        duplicate: Vec::new(),
        skipped: read.skipped,
    };
    for item in read.items {
        let k = key(&item.account);
        if let Some(id) = in_vault.get(&k) {
            out.duplicate.push(Planned {
                item,
                existing: Some(*id),
            });
        } else if !in_file.insert(k) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::OtpKind;
    use crate::otp::Algorithm;
    use crate::secret::SecretBytes;

    fn account(name: &str, secret: &[u8], kind: OtpKind) -> Account {
        Account::new(
            Some("Issuer".into()),
            name.into(),
            SecretBytes::new(secret.to_vec()),
            Algorithm::Sha1,
            6,
            kind,
        )
        .unwrap()
    }

    fn item(position: usize, account: Account) -> Item {
        Item {
            position,
            account,
            note: String::new(),
            icon: None,
            created: None,
        }
    }

    fn entry(id: u8, account: Account) -> Entry {
        Entry {
            id: EntryId([id; 8]),
            account,
            icon: None,
            note: String::new(),
            created: 0,
            last_used: None,
        }
    }

    const TOTP: OtpKind = OtpKind::Totp { period: 30 };

    // SEC-V4: an account with the same kind and secret is reported, never overwritten,
    // whatever its name; the same secret under another kind is a different account.
    #[test]
    fn same_kind_and_secret_is_a_duplicate_whatever_the_name() {
        let vault = [entry(7, account("old name", b"secret-1", TOTP))];
        let read = Read {
            items: vec![
                item(1, account("new name", b"secret-1", TOTP)),
                item(2, account("x", b"secret-1", OtpKind::Hotp { counter: 0 })),
                item(3, account("y", b"secret-2", TOTP)),
                item(4, account("y again", b"secret-2", TOTP)),
            ],
            skipped: vec![Skip {
                position: 5,
                label: "z".into(),
                reason: "bad".into(),
            }],
        };
        let plan = plan(Format::Aegis, read, &vault);
        let pos = |l: &[Planned]| l.iter().map(|p| p.item.position).collect::<Vec<_>>();
        assert_eq!(pos(&plan.add), [2, 3]);
        assert_eq!(pos(&plan.duplicate), [1, 4]);
        assert_eq!(plan.duplicate[0].existing, Some(EntryId([7; 8])));
        assert_eq!(plan.duplicate[1].existing, None);
        assert_eq!(plan.skipped.len(), 1);
        assert_eq!(plan.entries(99).len(), 2);
        assert_eq!(plan.entries(99)[0].created, 99);
    }
}
