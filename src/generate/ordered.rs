//! JSON values that keep their keys in the order they were inserted
//! (`serde_json::Map` sorts them without the `preserve_order` feature,
//! which the core does not need elsewhere), for generated files people
//! read: `$schema`, `$id`, `title` first, as schemas are written.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq)]
pub enum J {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<J>),
    Obj(Obj),
}

/// An object whose members keep their order; inserting an existing key
/// replaces its value in place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Obj(pub Vec<(String, J)>);

impl Obj {
    pub fn new() -> Obj {
        Obj(Vec::new())
    }

    pub fn insert(&mut self, key: &str, value: impl Into<J>) {
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key.to_string(), value)),
        }
    }

    pub fn with(mut self, key: &str, value: impl Into<J>) -> Obj {
        self.insert(key, value);
        self
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Obj> for J {
    fn from(o: Obj) -> J {
        J::Obj(o)
    }
}
impl From<&str> for J {
    fn from(s: &str) -> J {
        J::Str(s.to_string())
    }
}
impl From<String> for J {
    fn from(s: String) -> J {
        J::Str(s)
    }
}
impl From<bool> for J {
    fn from(b: bool) -> J {
        J::Bool(b)
    }
}
impl From<i64> for J {
    fn from(n: i64) -> J {
        J::Int(n)
    }
}
impl From<u64> for J {
    fn from(n: u64) -> J {
        J::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl<T: Into<J>> From<Vec<T>> for J {
    fn from(items: Vec<T>) -> J {
        J::Arr(items.into_iter().map(Into::into).collect())
    }
}
impl From<&[&str]> for J {
    fn from(items: &[&str]) -> J {
        J::Arr(items.iter().map(|s| J::from(*s)).collect())
    }
}

impl Serialize for J {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            J::Null => s.serialize_unit(),
            J::Bool(b) => s.serialize_bool(*b),
            J::Int(n) => s.serialize_i64(*n),
            J::Str(v) => s.serialize_str(v),
            J::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
            J::Obj(o) => o.serialize(s),
        }
    }
}

impl Serialize for Obj {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}
