use crate::finding::Severity;
use crate::json::Limits;
use crate::rule::Rule;
use crate::rules::RULES;

/// What the payload is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A request body: masked secrets and ciphertext echoes are errors.
    #[default]
    Request,
    /// An exported/GET response: masked secrets are expected.
    Export,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "request" => Some(Mode::Request),
            "export" => Some(Mode::Export),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule selector `{0}` (use a code like MFA040, a code prefix like MFA04, a rule name like min-length, or ALL)")]
pub struct UnknownSelector(pub String);

/// Which rules run and at which severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    /// Per rule in [`RULES`] order: `None` is off.
    levels: Vec<Option<Severity>>,
    /// Per rule: the user chose the severity, so legacy SASE softening does
    /// not apply.
    pinned: Vec<bool>,
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet {
            levels: RULES
                .iter()
                .map(|r| r.default_enabled.then_some(r.severity))
                .collect(),
            pinned: vec![false; RULES.len()],
        }
    }
}

impl RuleSet {
    fn matching(selector: &str) -> Result<Vec<usize>, UnknownSelector> {
        let hits: Vec<usize> = RULES
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                selector == "ALL" || r.name == selector || r.code.starts_with(selector)
            })
            .map(|(i, _)| i)
            .collect();
        if hits.is_empty() || selector.len() < 3 && selector != "ALL" {
            return Err(UnknownSelector(selector.to_string()));
        }
        Ok(hits)
    }

    /// Turns on the matching rules (at their default severity, unless one
    /// was set).
    pub fn select(&mut self, selector: &str) -> Result<&mut Self, UnknownSelector> {
        for i in Self::matching(selector)? {
            if self.levels[i].is_none() {
                self.levels[i] = Some(RULES[i].severity);
            }
        }
        Ok(self)
    }

    /// Runs only the matching rules: everything else is turned off.
    pub fn only(&mut self, selectors: &[&str]) -> Result<&mut Self, UnknownSelector> {
        let mut keep = vec![false; RULES.len()];
        for s in selectors {
            for i in Self::matching(s)? {
                keep[i] = true;
            }
        }
        for (i, k) in keep.into_iter().enumerate() {
            self.levels[i] = k.then(|| self.levels[i].unwrap_or(RULES[i].severity));
        }
        Ok(self)
    }

    /// Turns off the matching rules.
    pub fn ignore(&mut self, selector: &str) -> Result<&mut Self, UnknownSelector> {
        for i in Self::matching(selector)? {
            self.levels[i] = None;
        }
        Ok(self)
    }

    /// Sets the severity of the matching rules (and turns them on).
    pub fn set_severity(
        &mut self,
        selector: &str,
        severity: Severity,
    ) -> Result<&mut Self, UnknownSelector> {
        for i in Self::matching(selector)? {
            self.levels[i] = Some(severity);
            self.pinned[i] = true;
        }
        Ok(self)
    }

    fn index(rule: &Rule) -> usize {
        RULES
            .iter()
            .position(|r| std::ptr::eq(*r, rule))
            .expect("every rule is registered in RULES")
    }

    /// The severity `rule` reports at, or `None` when it is off.
    pub fn level(&self, rule: &Rule) -> Option<Severity> {
        self.levels[Self::index(rule)]
    }

    pub(crate) fn is_pinned(&self, rule: &Rule) -> bool {
        self.pinned[Self::index(rule)]
    }
}

/// Everything that changes how a payload is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub mode: Mode,
    pub rules: RuleSet,
    pub limits: Limits,
}
