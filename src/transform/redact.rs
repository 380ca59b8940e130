//! Masking secrets the way SailPoint does.

use std::borrow::Cow;

use crate::json::{to_pretty_string, Node, Value};
use crate::options::Options;
use crate::secrets::is_secret_bearing;
use crate::Error;

/// SailPoint's mask: first character, six `*`, last character. Secrets
/// shorter than 8 characters are masked whole, since first and last would
/// give away too much of them, and so are secrets holding `*`, whose mask
/// could repeat a run of them.
pub fn mask(secret: &str) -> String {
    let mut chars = secret.chars();
    match (chars.next(), chars.next_back()) {
        (Some(first), Some(last)) if secret.chars().count() >= 8 && !secret.contains('*') => {
            format!("{first}******{last}")
        }
        _ => "********".to_string(),
    }
}

/// A value [`mask`] could have produced (`d******Y` or `********`): left
/// as is, so redacting is idempotent and an export's masks survive. It
/// shows nothing a mask would not.
fn is_mask(node: &Node) -> bool {
    let Value::String(s) = &node.value else {
        return false;
    };
    let chars: Vec<char> = s.chars().take(9).collect();
    chars.len() == 8 && chars[1..7].iter().all(|c| *c == '*')
}

/// Masks the value of every secret-bearing member anywhere in the tree
/// (secret keys and their near misses, [`crate::is_secret_bearing`]),
/// duplicates included, whatever its type: an object or array becomes one
/// mask, so nothing beneath it is kept. Null values and existing masks
/// stay. Returns how many it masked.
pub fn redact_node(node: &mut Node) -> usize {
    let mut count = 0;
    match &mut node.value {
        Value::Object(members) => {
            for m in members {
                if is_secret_bearing(&m.key) && !m.value.is_null() && !is_mask(&m.value) {
                    let masked = match &m.value.value {
                        Value::String(s) => mask(s),
                        _ => mask(""),
                    };
                    m.value.value = Value::String(Cow::Owned(masked));
                    count += 1;
                } else {
                    count += redact_node(&mut m.value);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                count += redact_node(item);
            }
        }
        _ => {}
    }
    count
}

/// The document pretty-printed with every secret masked.
pub fn redact(text: &str, opts: &Options) -> Result<String, Error> {
    let mut root = crate::parse(text, opts)?;
    redact_node(&mut root);
    Ok(to_pretty_string(&root))
}
