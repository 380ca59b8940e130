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
            let d = distance(unknown, k);
            (d <= limit || prefix).then_some((d, *k))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Keys are compared on their first this many characters.
const DISTANCE_CHARS: usize = 128;

/// Levenshtein distance over chars, bounded to short keys.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(DISTANCE_CHARS).collect();
    let b: Vec<char> = b.chars().take(DISTANCE_CHARS).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
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
}
