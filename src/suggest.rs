/// The known key closest to `unknown`, if it is close enough to be a typo
/// (`okta_api_hostname` → `okta_api_host`).
///
/// The edit distance is computed only when the lengths are close enough
/// for it to matter (it is at least their difference) or one key is a
/// prefix of the other, so long or numerous unknown keys stay cheap.
pub(crate) fn did_you_mean<'k>(unknown: &str, known: &[&'k str]) -> Option<&'k str> {
    let unknown_chars = unknown.chars().take(DISTANCE_CHARS + 1).count();
    known
        .iter()
        .filter_map(|k| {
            let k_chars = k.chars().count();
            let limit = (k_chars / 3).max(1);
            let prefix = k.len() >= 4 && (unknown.starts_with(k) || k.starts_with(unknown));
            if !prefix && unknown_chars.abs_diff(k_chars) > limit {
                return None;
            }
            // A prefix is kept at any distance; others only within `limit`.
            let cap = if prefix { usize::MAX } else { limit };
            let d = distance(unknown, k, cap)?;
            Some((d, *k))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Keys are compared on their first this many characters.
const DISTANCE_CHARS: usize = 128;

/// Levenshtein distance over chars, bounded to short keys, or `None` once it
/// must exceed `cap`. It runs for every candidate key of every unknown key:
/// ASCII keys (nearly all) are compared as bytes, with no char buffers.
pub(crate) fn distance(a: &str, b: &str, cap: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let (na, nb) = (a.len().min(DISTANCE_CHARS), b.len().min(DISTANCE_CHARS));
        return levenshtein(&a[..na], &b[..nb], cap);
    }
    let chars = |s: &str| {
        let mut buf = ['\0'; DISTANCE_CHARS];
        let mut n = 0;
        for c in s.chars().take(DISTANCE_CHARS) {
            buf[n] = c;
            n += 1;
        }
        (buf, n)
    };
    let ((a, na), (b, nb)) = (chars(a), chars(b));
    levenshtein(&a[..na], &b[..nb], cap)
}

/// One row on the stack, of bytes: no distance between keys of at most
/// `DISTANCE_CHARS` (128) items exceeds 129. Stops once a row's minimum
/// (which never decreases) is past `cap`.
fn levenshtein<T: PartialEq>(a: &[T], b: &[T], cap: usize) -> Option<usize> {
    let mut row = [0u8; DISTANCE_CHARS + 1];
    for (j, cell) in row.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j as u8;
    }
    for (i, ca) in a.iter().enumerate() {
        // `diagonal` is the previous row's value at j, `row[j + 1]` still
        // holds the previous row's value at j + 1 until it is overwritten.
        let mut diagonal = row[0];
        row[0] = (i + 1) as u8;
        let mut least = row[0];
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            let substitute = diagonal + u8::from(ca != cb);
            row[j + 1] = substitute.min(above + 1).min(row[j] + 1);
            least = least.min(row[j + 1]);
            diagonal = above;
        }
        if usize::from(least) > cap {
            return None;
        }
    }
    let d = usize::from(row[b.len()]);
    (d <= cap).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let known = ["okta_api_host", "okta_token", "okta_timeout"];
        assert_eq!(
            did_you_mean("okta_api_hostname", &known),
            Some("okta_api_host")
        );
        assert_eq!(did_you_mean("okta_tokn", &known), Some("okta_token"));
        assert_eq!(did_you_mean("color", &known), None);
    }

    #[test]
    fn distance_is_levenshtein() {
        let d = |a: &str, b: &str| distance(a, b, usize::MAX).unwrap();
        assert_eq!(d("", ""), 0);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("flaw", "lawn"), 2);
        assert_eq!(d("okta_tokn", "okta_token"), 1);
        assert_eq!(d("héllo", "hello"), 1);
        assert_eq!(d("😀ab", "ab😀"), 2);
        // The longest keys compared: 128 items, all different.
        assert_eq!(d(&"a".repeat(200), &"b".repeat(128)), 128);
        assert_eq!(d(&"é".repeat(200), &"e".repeat(128)), 128);
        // Past the cap: None, early or at the end.
        assert_eq!(distance("kitten", "sitting", 3), Some(3));
        assert_eq!(distance("kitten", "sitting", 2), None);
        assert_eq!(distance("abcdef", "uvwxyz", 1), None);
        assert_eq!(distance("abc", "", 2), None);
    }
}
