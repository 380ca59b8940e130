//! `mfalint.toml` (or `[tool.mfalint]` in `pyproject.toml`), found upward
//! from each file, merged with the command line.
//!
//! ```toml
//! select = ["ALL"]            # run only these (default: the CLI defaults)
//! extend-select = ["MFA081"]  # and these
//! ignore = ["MFA003"]         # but not these
//! mode = "export"             # request (default) | export
//! kind = "sase-mfa-server"    # payload kind of every file below (default: detected)
//! fail-on = "warning"         # error (default) | warning
//! placeholders = "forbid"     # allow (default) | forbid: MFA006 on
//!
//! [severity]
//! MFA051 = "error"            # error | warning | off
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::{Kind, Mode, Options, Placeholders, RuleSet, Selection, Severity};
use serde::Deserialize;

use super::args::{CheckArgs, FailOn};
use super::files::ReadOutcome;
use super::path_filter::PathFilter;

pub const FILE_NAME: &str = "mfalint.toml";

/// Configuration files are small: a bigger one (or a device) is refused
/// rather than read.
const MAX_CONFIG_BYTES: usize = 1 << 20;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub extend_select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    pub mode: Option<String>,
    pub kind: Option<String>,
    pub fail_on: Option<String>,
    /// `allow` (default) or `forbid` template placeholders.
    pub placeholders: Option<String>,
    /// Globs: when set, only matching files found in directories are checked.
    pub include: Option<Vec<String>>,
    /// Globs of files found in directories that are not checked.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// `exclude` applies to files named on the command line too.
    #[serde(default)]
    pub force_exclude: bool,
}

#[derive(Deserialize)]
struct PyProject {
    tool: Option<PyTool>,
}

#[derive(Deserialize)]
struct PyTool {
    mfalint: Option<toml::Value>,
}

/// What a file is checked with.
#[derive(Debug, Clone)]
pub struct Effective {
    pub options: Options,
    pub kind: Option<Kind>,
    pub fail_on: Severity,
    /// Human output shows source excerpts, which need the secrets located
    /// to mask them; the machine formats show no source, so skip that work.
    pub excerpts: bool,
    /// `--fix` may replace a file that has several names.
    pub break_hard_links: bool,
    /// The configuration's `include`/`exclude`, if it sets either.
    pub paths: Option<PathFilter>,
}

/// A configuration problem: `path: message`.
#[derive(Debug, Clone)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads a config file: `mfalint.toml` (top-level keys) or `pyproject.toml`
/// (`[tool.mfalint]`; `None` when it has no such table).
pub fn load(path: &Path) -> Result<Option<Settings>, ConfigError> {
    let shown = super::files::shown(path);
    let mut bytes = Vec::new();
    match super::files::read_file_limited(path, MAX_CONFIG_BYTES, &mut bytes, false) {
        Ok(ReadOutcome::Whole) => {}
        Ok(ReadOutcome::TooLarge { size }) => {
            return Err(ConfigError(format!(
                "{shown}: cannot read configuration: {}",
                super::files::too_large_message(size, MAX_CONFIG_BYTES)
            )))
        }
        Err(e) => {
            return Err(ConfigError(format!(
                "{shown}: cannot read configuration: {e}"
            )))
        }
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| ConfigError(format!("{shown}: cannot read configuration: not UTF-8")))?;
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    if is_pyproject {
        let py: PyProject = toml::from_str(&text)
            .map_err(|e| ConfigError(format!("{shown}: invalid TOML: {}", e.message())))?;
        let Some(table) = py.tool.and_then(|t| t.mfalint) else {
            return Ok(None);
        };
        let settings = Settings::deserialize(table)
            .map_err(|e| ConfigError(format!("{shown}: [tool.mfalint]: {}", e.message())))?;
        return Ok(Some(settings));
    }
    toml::from_str(&text)
        .map(Some)
        .map_err(|e| ConfigError(format!("{shown}: {}", e.message().trim_end())))
}

/// Finds the configuration governing files in `dir`: the nearest directory
/// upward holding `mfalint.toml`, or a `pyproject.toml` with `[tool.mfalint]`.
fn discover(dir: &Path) -> Result<Option<(PathBuf, Settings)>, ConfigError> {
    for d in dir.ancestors() {
        let toml_path = d.join(FILE_NAME);
        if toml_path.is_file() {
            let s = load(&toml_path)?.unwrap_or_default();
            return Ok(Some((toml_path, s)));
        }
        let py = d.join("pyproject.toml");
        if py.is_file() {
            if let Some(s) = load(&py)? {
                return Ok(Some((py, s)));
            }
        }
    }
    Ok(None)
}

/// Resolves per-file settings, caching by directory and by config file.
pub struct Resolver<'a> {
    args: &'a CheckArgs,
    fixed: Option<Result<Option<(PathBuf, Settings)>, ConfigError>>,
    by_dir: HashMap<PathBuf, Result<Option<PathBuf>, ConfigError>>,
    by_config: HashMap<Option<PathBuf>, Result<Rc<Effective>, ConfigError>>,
    loaded: HashMap<PathBuf, Settings>,
}

impl<'a> Resolver<'a> {
    pub fn new(args: &'a CheckArgs) -> Self {
        let fixed = if args.no_config {
            Some(Ok(None))
        } else {
            args.config
                .as_ref()
                .map(|p| load(p).map(|s| Some((p.clone(), s.unwrap_or_default()))))
        };
        Resolver {
            args,
            fixed,
            by_dir: HashMap::new(),
            by_config: HashMap::new(),
            loaded: HashMap::new(),
        }
    }

    /// Settings for a file in directory `dir` (relative paths are taken from
    /// the current directory).
    pub fn for_dir(&mut self, dir: &Path) -> Result<Rc<Effective>, ConfigError> {
        let config_path = match &self.fixed {
            Some(Ok(found)) => {
                if let Some((p, s)) = found {
                    self.loaded.entry(p.clone()).or_insert_with(|| s.clone());
                }
                found.as_ref().map(|(p, _)| p.clone())
            }
            Some(Err(e)) => return Err(e.clone()),
            // Keyed by the directory as given first: making it absolute
            // costs a getcwd call, once per file otherwise.
            None if self.by_dir.contains_key(dir) => self.by_dir[dir].clone()?,
            None => {
                let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
                if !self.by_dir.contains_key(&abs) {
                    let found = discover(&abs).map(|found| {
                        found.map(|(p, s)| {
                            self.loaded.entry(p.clone()).or_insert(s);
                            p
                        })
                    });
                    self.by_dir.insert(abs.clone(), found);
                }
                let found = self.by_dir[&abs].clone();
                self.by_dir.insert(dir.to_path_buf(), found.clone());
                found?
            }
        };
        if !self.by_config.contains_key(&config_path) {
            let settings = config_path.as_ref().map(|p| (p, &self.loaded[p]));
            let eff = effective(self.args, settings).map(Rc::new);
            self.by_config.insert(config_path.clone(), eff);
        }
        self.by_config[&config_path].clone()
    }
}

/// `forbid` turns `MFA006` on (every placeholder a finding); `allow` off.
fn placeholders(set: &mut RuleSet, p: Placeholders, origin: &str) -> Result<(), ConfigError> {
    let rule = crate::RuleId::UnresolvedPlaceholder.code().to_string();
    let selection = match p {
        Placeholders::Forbid => Selection {
            also: vec![rule],
            ..Selection::default()
        },
        Placeholders::Allow => Selection {
            ignore: vec![rule],
            ..Selection::default()
        },
    };
    apply(set, origin, &selection)
}

/// Applies one layer (config file, then command line) to `set`.
fn apply(set: &mut RuleSet, origin: &str, selection: &Selection) -> Result<(), ConfigError> {
    set.apply(selection)
        .map(|_| ())
        .map_err(|e| ConfigError(format!("{origin}: {e}")))
}

fn parse_mode(s: &str, origin: &str) -> Result<Mode, ConfigError> {
    s.parse().map_err(|e| ConfigError(format!("{origin}: {e}")))
}

fn parse_fail_on(s: &str, origin: &str) -> Result<Severity, ConfigError> {
    s.parse::<Severity>().map_err(|_| {
        ConfigError(format!(
            "{origin}: fail-on must be `error` or `warning`, not `{s}`"
        ))
    })
}

/// The CLI's defaults, then the config file, then the command line.
pub fn effective(
    args: &CheckArgs,
    config: Option<(&PathBuf, &Settings)>,
) -> Result<Effective, ConfigError> {
    let mut options = Options {
        rules: RuleSet::for_files(),
        ..Options::default()
    };
    let mut kind = None;
    let mut fail_on = Severity::Error;
    let mut paths = None;
    if let Some((path, s)) = config {
        let origin = path.display().to_string();
        let selection = Selection {
            only: s.select.clone(),
            also: s.extend_select.clone(),
            ignore: s.ignore.clone(),
            severity: s
                .severity
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        };
        apply(&mut options.rules, &origin, &selection)?;
        if let Some(m) = &s.mode {
            options.mode = parse_mode(m, &origin)?;
        }
        if let Some(k) = &s.kind {
            kind = Some(
                k.parse()
                    .map_err(|e| ConfigError(format!("{origin}: {e}")))?,
            );
        }
        if let Some(f) = &s.fail_on {
            fail_on = parse_fail_on(f, &origin)?;
        }
        if let Some(p) = &s.placeholders {
            let p: Placeholders = p
                .parse()
                .map_err(|e| ConfigError(format!("{origin}: {e}")))?;
            placeholders(&mut options.rules, p, &origin)?;
        }
        let base = path.parent().unwrap_or(Path::new("."));
        paths = PathFilter::new(base, s.include.as_deref(), &s.exclude, s.force_exclude)
            .map_err(|e| ConfigError(format!("{origin}: {e}")))?;
    }
    let mut sev = Vec::new();
    for item in &args.severity {
        let Some((code, level)) = item.split_once('=') else {
            return Err(ConfigError(format!(
                "--severity: expected CODE=error|warning|off, got `{item}`"
            )));
        };
        sev.push((code.trim().to_string(), level.trim().to_string()));
    }
    let selection = Selection {
        only: args.select.clone(),
        also: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        severity: sev,
    };
    if let Some(p) = args.placeholders {
        placeholders(&mut options.rules, p, "--placeholders")?;
    }
    apply(&mut options.rules, "command line", &selection)?;
    args.limits.apply(&mut options.limits);
    if let Some(m) = args.mode {
        options.mode = m.into();
    }
    if let Some(k) = args.kind {
        kind = Some(k);
    }
    if let Some(f) = args.fail_on {
        fail_on = match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        };
    }
    Ok(Effective {
        break_hard_links: args.break_hard_links,
        paths,
        excerpts: args.format == super::args::Format::Human,
        options,
        kind,
        fail_on,
    })
}
