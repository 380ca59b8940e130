//! An object's fields as sets of bits, worked out at compile time from its
//! table, so the walker finds a key's field and picks the fields it must
//! look at with a few bit operations.
//!
//! What it buys: the walker looks up every member of every object it
//! checks, then goes over the fields. A linear search compares a key with
//! up to eight names (exported payloads list their keys in alphabetical
//! order, not in table order, so the match is rarely the first), and most
//! fields of an object are absent and optional (three of the four vendors,
//! two of the three scopes). [`KeyIndex`] compares a key with the one or
//! two names of its length; [`FieldSets`] lets the walker visit only the
//! fields that are present or must be. Together they take about a quarter
//! off the walker's instructions on the benchmark corpus
//! (`scripts/bench-rust.sh`; `BENCHMARKS.md`).

use super::{Field, Format, Presence, Type};
use crate::json::key_eq;

/// The most fields an object has: a set of fields is a byte.
pub const MAX_FIELDS: usize = 8;

/// Field names are shorter than this.
const MAX_NAME_LEN: usize = 32;

/// For each name length, the fields whose name has that length (bit `i`:
/// field `i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyIndex {
    by_length: [u8; MAX_NAME_LEN],
}

impl KeyIndex {
    /// Builds the index of `fields`. Fails to compile (a `const` panic)
    /// when an object has too many fields or a name is too long.
    pub const fn of(fields: &[Field]) -> KeyIndex {
        assert!(
            fields.len() <= MAX_FIELDS,
            "an object has at most MAX_FIELDS fields"
        );
        let mut by_length = [0u8; MAX_NAME_LEN];
        let mut i = 0;
        while i < fields.len() {
            let len = fields[i].name.len();
            assert!(len < MAX_NAME_LEN, "a field name is too long for KeyIndex");
            by_length[len] |= 1 << i;
            i += 1;
        }
        KeyIndex { by_length }
    }

    /// The index in `fields` (those the index was built of) of the field
    /// named `key`.
    #[inline(always)]
    pub fn find(&self, fields: &[Field], key: &str) -> Option<usize> {
        let mut set = *self.by_length.get(key.len())?;
        while set != 0 {
            let i = set.trailing_zeros() as usize;
            if key_eq(fields[i].name, key) {
                return Some(i);
            }
            set &= set - 1;
        }
        None
    }
}

/// Sets of an object's fields (bit `i`: field `i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSets {
    /// Must be there: required, or expected (a warning when missing).
    pub must: u8,
    /// Have something to check when present (the others are `Any` fields
    /// with no constraint, like `$schema`).
    pub checked: u8,
    /// Only Strata Cloud Manager has them.
    pub scm_only: u8,
    /// Turn the object's method on.
    pub activates: u8,
    /// Must be filled when the method is on.
    pub credential: u8,
    /// The exactly-one group (set by [`FieldSets::with_group`]).
    pub group: u8,
    /// Strings with a rule beyond their type: a format, a minimum length,
    /// or a secret.
    pub string_rules: u8,
    /// Optional, with a documented default.
    pub defaulted: u8,
}

impl FieldSets {
    pub const fn of(fields: &[Field]) -> FieldSets {
        let mut sets = FieldSets {
            must: 0,
            checked: 0,
            scm_only: 0,
            activates: 0,
            credential: 0,
            group: 0,
            string_rules: 0,
            defaulted: 0,
        };
        let mut i = 0;
        while i < fields.len() {
            let f = &fields[i];
            let bit = 1u8 << i;
            if !matches!(f.presence, Presence::Optional) {
                sets.must |= bit;
            }
            if !matches!(f.ty, Type::Any) || f.secret || f.read_only {
                sets.checked |= bit;
            }
            if f.scm_only {
                sets.scm_only |= bit;
            }
            if f.activates {
                sets.activates |= bit;
            }
            if f.credential {
                sets.credential |= bit;
            }
            if !matches!(f.format, Format::None) || f.min_length > 0 || f.secret {
                sets.string_rules |= bit;
            }
            if f.default.is_some() && matches!(f.presence, Presence::Optional) {
                sets.defaulted |= bit;
            }
            i += 1;
        }
        sets
    }

    /// With the group of the fields named `keys`. Fails to compile when a
    /// key is not a field.
    pub const fn with_group(mut self, fields: &[Field], keys: &[&str]) -> FieldSets {
        let mut k = 0;
        while k < keys.len() {
            let mut i = 0;
            while i < fields.len() && !const_eq(fields[i].name, keys[k]) {
                i += 1;
            }
            assert!(i < fields.len(), "an exactly-one key is not a field");
            self.group |= 1 << i;
            k += 1;
        }
        self
    }
}

const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The members of `set`, lowest first.
#[inline]
pub fn bits(mut set: u8) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if set == 0 {
            return None;
        }
        let i = set.trailing_zeros() as usize;
        set &= set - 1;
        Some(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Type;

    const FIELDS: &[Field] = &[
        Field::new("a", Type::Any),
        Field::new("bb", Type::String).required(),
        Field::new("cc", Type::Any).secret(),
        Field::new("timeout", Type::Timeout).scm_only(),
        Field::new("baseuri", Type::Boolean).expected().activates(),
    ];

    #[test]
    fn finds_every_field_and_nothing_else() {
        let index = KeyIndex::of(FIELDS);
        for (i, f) in FIELDS.iter().enumerate() {
            assert_eq!(index.find(FIELDS, f.name), Some(i), "{}", f.name);
        }
        for other in [
            "",
            "b",
            "dd",
            "timeouT",
            "x".repeat(40).as_str(),
            "baseuri ",
        ] {
            assert_eq!(index.find(FIELDS, other), None, "{other:?}");
        }
    }

    #[test]
    fn sets_hold_the_fields_with_each_property() {
        let sets = FieldSets::of(FIELDS).with_group(FIELDS, &["cc", "timeout"]);
        assert_eq!(sets.must, 0b10010);
        assert_eq!(sets.checked, 0b11110);
        assert_eq!(sets.scm_only, 0b01000);
        assert_eq!(sets.activates, 0b10000);
        assert_eq!(sets.credential, 0);
        assert_eq!(sets.group, 0b01100);
        assert_eq!(sets.string_rules, 0b00100);
        assert_eq!(bits(0b10110).collect::<Vec<_>>(), [1, 2, 4]);
    }
}
