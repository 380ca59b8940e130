//! `include` and `exclude` of a configuration file: globs over paths
//! relative to the directory of the file that sets them.

use std::path::{Component, Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};

/// Which files found in directories a configuration checks.
#[derive(Debug, Clone)]
pub struct PathFilter {
    /// The directory of the configuration file (absolute).
    base: PathBuf,
    /// When set, a file is checked only if one of these matches it.
    include: Option<GlobSet>,
    exclude: GlobSet,
    /// `exclude` applies to files named on the command line too (as
    /// pre-commit names them), not only to files found in directories.
    pub force_exclude: bool,
}

impl PathFilter {
    /// `None` when neither list is set. A glob matches a path relative to
    /// `base`, any leading part of it (`tests/fixtures` excludes
    /// everything below), or one of its names (`*.schema.json`).
    pub fn new(
        base: &Path,
        include: Option<&[String]>,
        exclude: &[String],
        force_exclude: bool,
    ) -> Result<Option<PathFilter>, String> {
        if include.is_none() && exclude.is_empty() {
            return Ok(None);
        }
        Ok(Some(PathFilter {
            base: std::path::absolute(base).unwrap_or_else(|_| base.to_path_buf()),
            include: include.map(|globs| set("include", globs)).transpose()?,
            exclude: set("exclude", exclude)?,
            force_exclude,
        }))
    }

    /// Whether `path` (relative to the current directory, or absolute) is
    /// checked.
    pub fn admits(&self, path: &Path) -> bool {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = normal(abs.strip_prefix(&self.base).unwrap_or(&abs));
        let matches = |set: &GlobSet| {
            let mut prefix = PathBuf::new();
            rel.iter().any(|name| {
                prefix.push(name);
                set.is_match(Path::new(name)) || set.is_match(&prefix)
            })
        };
        let included = self.include.as_ref().is_none_or(|inc| {
            inc.is_match(&rel) || rel.file_name().is_some_and(|n| inc.is_match(Path::new(n)))
        });
        included && !matches(&self.exclude)
    }
}

/// `path` without `.` and with `..` folded.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(n) => out.push(n),
            Component::RootDir | Component::Prefix(_) => out.push(c.as_os_str()),
        }
    }
    out
}

fn set(key: &str, globs: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = globset::GlobBuilder::new(g)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("{key}: invalid glob `{g}`: {}", e.kind()))?;
        b.add(glob);
    }
    b.build().map_err(|e| format!("{key}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: Option<&[&str]>, exclude: &[&str]) -> PathFilter {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let include = include.map(own);
        PathFilter::new(Path::new("/repo"), include.as_deref(), &own(exclude), false)
            .unwrap()
            .unwrap()
    }

    #[test]
    fn exclude_matches_a_path_a_leading_part_or_a_name() {
        let f = filter(
            None,
            &["tests/fixtures", "*.schema.json", "drafts/**/*.yaml"],
        );
        assert!(!f.admits(Path::new("/repo/tests/fixtures/a/b.json")));
        assert!(!f.admits(Path::new("/repo/x/okta.schema.json")));
        assert!(!f.admits(Path::new("/repo/drafts/a/b/c.yaml")));
        assert!(f.admits(Path::new("/repo/drafts/a/b/c.json")));
        assert!(f.admits(Path::new("/repo/other/tests/fixtures.json")));
        assert!(f.admits(Path::new("/repo/payloads/okta.json")));
    }

    #[test]
    fn include_restricts_to_its_matches() {
        let f = filter(Some(&["payloads/**", "*.prod.json"]), &[]);
        assert!(f.admits(Path::new("/repo/payloads/a/okta.json")));
        assert!(f.admits(Path::new("/repo/x/duo.prod.json")));
        assert!(!f.admits(Path::new("/repo/x/duo.json")));
    }

    #[test]
    fn no_lists_no_filter_and_bad_globs_are_errors() {
        assert!(PathFilter::new(Path::new("/r"), None, &[], false)
            .unwrap()
            .is_none());
        let e = PathFilter::new(Path::new("/r"), None, &["a[".to_string()], false).unwrap_err();
        assert!(e.starts_with("exclude: invalid glob `a[`"), "{e}");
    }
}
