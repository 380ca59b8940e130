//! Options: the one front-end for the command line's flags, `mfalint.toml`
//! and the npm package's options object. Each face parses its own syntax
//! into a [`Selection`] and the strings of [`Mode`], [`Kind`](crate::Kind)
//! and [`Severity`]; everything else is decided here.

use crate::json::Limits;
use crate::report::Severity;
use crate::rules::{Enabled, RuleId};

/// What the payload is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A request body: masked secrets and ciphertext echoes are errors.
    #[default]
    Request,
    /// An exported/GET response: masked secrets are expected.
    Export,
}

/// `request` or `export`.
impl std::str::FromStr for Mode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "request" => Ok(Mode::Request),
            "export" => Ok(Mode::Export),
            _ => Err(format!(
                "unknown mode `{s}` (expected `request` or `export`)"
            )),
        }
    }
}

/// A rule selector that names nothing, or a rule that cannot be configured.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectorError {
    #[error("unknown rule selector `{0}` (use a code like MFA040, a code prefix like MFA04, a rule name like min-length, or ALL)")]
    Unknown(String),
    #[error("`{0}` cannot be selected, ignored or re-levelled: a document that does not parse or whose kind is unknown was not checked at all")]
    NotConfigurable(String),
}

/// Why options are invalid: a message naming the option.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct OptionError(pub String);

impl From<SelectorError> for OptionError {
    fn from(e: SelectorError) -> Self {
        OptionError(e.to_string())
    }
}

/// One layer of rule configuration, as a face states it: a config file,
/// then the command line; or the npm options object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Run only these (the command line's `--select`, npm `only`).
    pub only: Option<Vec<String>>,
    /// Turn these on too (`--extend-select`, npm `select`).
    pub also: Vec<String>,
    /// Turn these off.
    pub ignore: Vec<String>,
    /// Selector and level (`error`, `warning` or `off`), applied in order.
    pub severity: Vec<(String, String)>,
}

/// Which rules run and at which severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    /// Per rule, by [`RuleId::index`]: `None` is off.
    levels: [Option<Severity>; RuleId::ALL.len()],
    /// Per rule: the user chose the severity, so legacy SASE's softening
    /// does not apply.
    pinned: [bool; RuleId::ALL.len()],
}

impl Default for RuleSet {
    /// The library's and the npm package's defaults.
    fn default() -> Self {
        RuleSet::with(|r| r.meta().default_enabled())
    }
}

impl RuleSet {
    fn with(on: impl Fn(RuleId) -> bool) -> RuleSet {
        RuleSet {
            levels: RuleId::ALL.map(|r| on(r).then_some(r.meta().severity)),
            pinned: [false; RuleId::ALL.len()],
        }
    }

    /// The command line's defaults: also the rules meant for payload
    /// files ([`Enabled::InFiles`]).
    pub fn for_files() -> RuleSet {
        RuleSet::with(|r| r.meta().enabled != Enabled::Never)
    }

    fn matching(selector: &str) -> Result<Vec<RuleId>, SelectorError> {
        let selector = selector.trim();
        let named = |r: &RuleId| {
            let m = r.meta();
            m.code.eq_ignore_ascii_case(selector) || m.name == selector
        };
        if let Some(r) = RuleId::ALL.iter().find(|r| named(r)) {
            if !r.meta().configurable {
                return Err(SelectorError::NotConfigurable(selector.to_string()));
            }
            return Ok(vec![*r]);
        }
        let upper = selector.to_ascii_uppercase();
        let hits: Vec<RuleId> = RuleId::ALL
            .into_iter()
            .filter(|r| r.meta().configurable)
            .filter(|r| selector == "ALL" || upper.len() >= 3 && r.code().starts_with(&upper))
            .collect();
        if hits.is_empty() {
            return Err(SelectorError::Unknown(selector.to_string()));
        }
        Ok(hits)
    }

    /// Turns on the matching rules (at their default severity, unless one
    /// was set).
    pub fn select(&mut self, selector: &str) -> Result<&mut Self, SelectorError> {
        for r in Self::matching(selector)? {
            let level = &mut self.levels[r.index()];
            level.get_or_insert(r.meta().severity);
        }
        Ok(self)
    }

    /// Runs only the matching rules: every other configurable rule is off.
    pub fn only(&mut self, selectors: &[&str]) -> Result<&mut Self, SelectorError> {
        let mut keep = [false; RuleId::ALL.len()];
        for s in selectors {
            for r in Self::matching(s)? {
                keep[r.index()] = true;
            }
        }
        for r in RuleId::ALL.into_iter().filter(|r| r.meta().configurable) {
            let i = r.index();
            self.levels[i] = keep[i].then(|| self.levels[i].unwrap_or(r.meta().severity));
        }
        Ok(self)
    }

    /// Turns off the matching rules.
    pub fn ignore(&mut self, selector: &str) -> Result<&mut Self, SelectorError> {
        for r in Self::matching(selector)? {
            self.levels[r.index()] = None;
        }
        Ok(self)
    }

    /// Sets the severity of the matching rules (and turns them on).
    pub fn set_severity(
        &mut self,
        selector: &str,
        severity: Severity,
    ) -> Result<&mut Self, SelectorError> {
        for r in Self::matching(selector)? {
            self.levels[r.index()] = Some(severity);
            self.pinned[r.index()] = true;
        }
        Ok(self)
    }

    /// Applies one layer: `only`, then `also`, `ignore` and `severity`.
    pub fn apply(&mut self, s: &Selection) -> Result<&mut Self, OptionError> {
        if let Some(only) = &s.only {
            let only: Vec<&str> = only.iter().map(String::as_str).collect();
            self.only(&only)?;
        }
        for sel in &s.also {
            self.select(sel)?;
        }
        for sel in &s.ignore {
            self.ignore(sel)?;
        }
        for (sel, level) in &s.severity {
            match level.trim() {
                "off" => {
                    self.ignore(sel)?;
                }
                level => {
                    let severity: Severity = level.parse().map_err(|_| {
                        OptionError(format!(
                            "severity of `{sel}` must be error, warning or off, not `{level}`"
                        ))
                    })?;
                    self.set_severity(sel, severity)?;
                }
            }
        }
        Ok(self)
    }

    /// The severity `rule` reports at, or `None` when it is off.
    pub fn level(&self, rule: RuleId) -> Option<Severity> {
        self.levels[rule.index()]
    }

    pub(crate) fn is_pinned(&self, rule: RuleId) -> bool {
        self.pinned[rule.index()]
    }
}

/// Everything that changes how a payload is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub mode: Mode,
    pub rules: RuleSet,
    pub limits: Limits,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_name_codes_prefixes_names_and_all() {
        let mut set = RuleSet::default();
        set.only(&["MFA04", "timeout-range"]).unwrap();
        let on: Vec<&str> = RuleId::ALL
            .into_iter()
            .filter(|r| set.level(*r).is_some() && r.meta().configurable)
            .map(RuleId::code)
            .collect();
        assert_eq!(on, ["MFA040", "MFA041", "MFA050"]);
        assert!(set.select("mfa081").is_ok());
        assert_eq!(set.level(RuleId::PlaintextSecret), Some(Severity::Warning));
        assert!(matches!(set.select("MF"), Err(SelectorError::Unknown(_))));
        assert!(matches!(
            set.ignore("MFA000"),
            Err(SelectorError::NotConfigurable(_))
        ));
        assert!(matches!(
            set.ignore("unknown-kind"),
            Err(SelectorError::NotConfigurable(_))
        ));
        // ALL and prefixes leave the rules that cannot be configured alone.
        set.ignore("ALL").unwrap();
        assert_eq!(set.level(RuleId::ParseError), Some(Severity::Error));
        set.ignore("MFA0").unwrap();
        assert_eq!(set.level(RuleId::UnknownKind), Some(Severity::Error));
    }

    #[test]
    fn a_selection_applies_in_order() {
        let mut set = RuleSet::default();
        set.apply(&Selection {
            severity: vec![
                ("MFA04".into(), "warning".into()),
                ("MFA040".into(), "error".into()),
                ("MFA003".into(), "off".into()),
            ],
            ..Selection::default()
        })
        .unwrap();
        assert_eq!(set.level(RuleId::MinLength), Some(Severity::Error));
        assert_eq!(set.level(RuleId::HostnameFormat), Some(Severity::Warning));
        assert_eq!(set.level(RuleId::UnknownKey), None);
        let e = set
            .apply(&Selection {
                severity: vec![("MFA040".into(), "fatal".into())],
                ..Selection::default()
            })
            .unwrap_err();
        assert!(e.0.contains("must be error, warning or off"), "{e}");
    }
}
