use crate::options::{Mode, Options};
use crate::placeholder::Syntax;
use crate::report::{Constraint, Finding, Placeholder, Related, Severity, Target};
use crate::rules::{unresolved_placeholder, RuleId};
use crate::spec::Flavor;

use super::pointer::Ptr;

/// Collects findings while a payload is walked.
pub(crate) struct Ctx<'o> {
    opts: &'o Options,
    /// The constraints this kind inherits from Strata Cloud Manager are
    /// warnings (legacy SASE).
    inherited_are_warnings: bool,
    /// Only the verdict is wanted: no finding (message, pointer) is built.
    verdict_only: bool,
    /// `MFA006` is on: every placeholder is a finding, embedded ones too.
    forbid_placeholders: bool,
    /// `MFA012` is on: absent defaults are findings.
    pub want_defaults: bool,
    /// Whether an error-severity finding was reported (in both modes).
    pub has_error: bool,
    pub findings: Vec<Finding>,
    /// The placeholders met (not in a verdict).
    pub placeholders: Vec<Placeholder>,
}

/// What [`Ctx::rollback`] returns to.
#[derive(Clone, Copy)]
pub(crate) struct Mark {
    findings: usize,
    has_error: bool,
}

impl<'o> Ctx<'o> {
    pub fn new(opts: &'o Options) -> Self {
        Ctx {
            opts,
            inherited_are_warnings: false,
            verdict_only: false,
            forbid_placeholders: opts.rules.level(RuleId::UnresolvedPlaceholder).is_some(),
            want_defaults: opts.rules.level(RuleId::MissingDefault).is_some(),
            has_error: false,
            findings: Vec::new(),
            placeholders: Vec::new(),
        }
    }

    /// Whether the walk can stop: only the verdict is wanted, and an error
    /// has decided it (as a schema validator's `is_valid` stops at the
    /// first error).
    #[inline]
    pub fn decided(&self) -> bool {
        self.verdict_only && self.has_error
    }

    /// Where the findings are now, to withdraw what follows.
    pub fn mark(&self) -> Mark {
        Mark {
            findings: self.findings.len(),
            has_error: self.has_error,
        }
    }

    /// Whether anything that counts was reported since `mark`.
    pub fn changed_since(&self, mark: Mark) -> bool {
        self.findings.len() != mark.findings || self.has_error != mark.has_error
    }

    /// Withdraws what was reported since `mark`.
    pub fn rollback(&mut self, mark: Mark) {
        self.findings.truncate(mark.findings);
        self.has_error = mark.has_error;
    }

    /// Whether every placeholder is to be found, embedded ones too (they
    /// are findings: `MFA006` is on).
    pub fn all_placeholders(&self) -> bool {
        self.forbid_placeholders
    }

    /// Notes a placeholder at `at` (the value of `key`): listed, and a
    /// finding when placeholders are forbidden.
    pub fn placeholder(&mut self, at: &Ptr, key: &str, syntax: Syntax) {
        if !self.verdict_only {
            self.placeholders.push(Placeholder {
                pointer: at.render(),
                span: at.value_span(),
                syntax,
            });
        }
        unresolved_placeholder::report(self, at, key, syntax);
    }

    /// A context that only decides [`Ctx::has_error`]: messages are never
    /// rendered, so the verdict costs no allocation per finding.
    pub fn verdict_only(mut self) -> Self {
        self.verdict_only = true;
        self
    }

    pub fn for_flavor(mut self, flavor: &Flavor) -> Self {
        self.inherited_are_warnings = flavor.inherited_constraints_are_warnings;
        self
    }

    pub fn mode(&self) -> Mode {
        self.opts.mode
    }

    /// Whether `rule` reports at all (to skip work it alone needs).
    pub fn is_on(&self, rule: RuleId) -> bool {
        self.opts.rules.level(rule).is_some()
    }

    /// Reports a constraint of the payload's own API. The message is only
    /// rendered when a finding is built.
    pub fn report(
        &mut self,
        rule: RuleId,
        at: &Ptr,
        target: Target,
        message: impl FnOnce() -> String,
        constraint: Option<Constraint>,
    ) {
        if let Some(severity) = self.opts.rules.level(rule) {
            if self.record(severity) {
                self.push(
                    rule,
                    severity,
                    at,
                    target,
                    message(),
                    constraint,
                    Vec::new(),
                );
            }
        }
    }

    /// Reports a Strata Cloud Manager constraint; a kind that inherits it
    /// (legacy SASE) reports it as a warning, unless the user set the
    /// rule's severity.
    pub fn report_scm_constraint(
        &mut self,
        rule: RuleId,
        at: &Ptr,
        target: Target,
        message: impl FnOnce() -> String,
        constraint: Option<Constraint>,
    ) {
        if let Some(mut severity) = self.opts.rules.level(rule) {
            if self.inherited_are_warnings && !self.opts.rules.is_pinned(rule) {
                severity = severity.min(Severity::Warning);
            }
            if self.record(severity) {
                self.push(
                    rule,
                    severity,
                    at,
                    target,
                    message(),
                    constraint,
                    Vec::new(),
                );
            }
        }
    }

    /// [`Ctx::report`] with related places.
    pub fn report_with(
        &mut self,
        rule: RuleId,
        at: &Ptr,
        target: Target,
        message: impl FnOnce() -> String,
        constraint: Option<Constraint>,
        related: impl FnOnce() -> Vec<Related>,
    ) {
        if let Some(severity) = self.opts.rules.level(rule) {
            if self.record(severity) {
                self.push(rule, severity, at, target, message(), constraint, related());
            }
        }
    }

    /// Notes a finding's severity; whether the finding is to be built.
    fn record(&mut self, severity: Severity) -> bool {
        self.has_error |= severity == Severity::Error;
        !self.verdict_only
    }

    // Not generic over the message closure: one copy, not one per rule.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: RuleId,
        severity: Severity,
        at: &Ptr,
        target: Target,
        message: String,
        constraint: Option<Constraint>,
        related: Vec<Related>,
    ) {
        let span = match target {
            Target::Value | Target::Document => at.value_span(),
            Target::Key => at.key_span(),
            Target::Missing => at.missing_span(),
        };
        self.findings.push(Finding {
            rule,
            severity,
            pointer: at.render(),
            message,
            constraint,
            target,
            span,
            related,
            fix: None,
        });
    }
}
