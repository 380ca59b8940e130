use crate::finding::{Constraint, Finding, Severity};
use crate::options::{Mode, Options};
use crate::pointer::Ptr;
use crate::rule::Rule;

/// Collects findings while a kind's walker checks a payload.
pub(crate) struct Ctx<'o> {
    opts: &'o Options,
    /// Legacy SASE: constraints borrowed from SCM report as warnings.
    borrowed_constraints_soft: bool,
    /// Only the verdict is wanted: no finding (message, pointer) is built.
    verdict_only: bool,
    /// Whether an error-severity finding was reported (in both modes).
    pub has_error: bool,
    pub findings: Vec<Finding>,
}

impl<'o> Ctx<'o> {
    pub fn new(opts: &'o Options) -> Self {
        Ctx {
            opts,
            borrowed_constraints_soft: false,
            verdict_only: false,
            has_error: false,
            findings: Vec::new(),
        }
    }

    /// A context that only decides [`Ctx::has_error`]: messages are never
    /// rendered, so the verdict costs no allocation per finding.
    pub fn verdict_only(mut self) -> Self {
        self.verdict_only = true;
        self
    }

    pub fn soften_borrowed(mut self) -> Self {
        self.borrowed_constraints_soft = true;
        self
    }

    pub fn mode(&self) -> Mode {
        self.opts.mode
    }

    /// Whether `rule` reports at all (to skip building a message).
    pub fn is_on(&self, rule: &'static Rule) -> bool {
        self.opts.rules.level(rule).is_some()
    }

    /// Reports a constraint the payload's own API documents. The message is
    /// only rendered when a finding is built.
    pub fn emit(
        &mut self,
        rule: &'static Rule,
        at: &Ptr,
        message: impl FnOnce() -> String,
        c: Option<Constraint>,
    ) {
        if let Some(severity) = self.opts.rules.level(rule) {
            if self.record(severity) {
                self.push(rule, severity, at, message(), c);
            }
        }
    }

    /// Reports an SCM constraint; legacy SASE inherits it as a warning.
    pub fn emit_borrowed(
        &mut self,
        rule: &'static Rule,
        at: &Ptr,
        message: impl FnOnce() -> String,
        c: Option<Constraint>,
    ) {
        if let Some(mut severity) = self.opts.rules.level(rule) {
            if self.borrowed_constraints_soft && !self.opts.rules.is_pinned(rule) {
                severity = severity.min(Severity::Warning);
            }
            if self.record(severity) {
                self.push(rule, severity, at, message(), c);
            }
        }
    }

    /// Notes a finding's severity; whether the finding is to be built.
    fn record(&mut self, severity: Severity) -> bool {
        self.has_error |= severity == Severity::Error;
        !self.verdict_only
    }

    // Not generic over the message closure: one copy, not one per rule.
    fn push(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        at: &Ptr,
        message: String,
        constraint: Option<Constraint>,
    ) {
        self.findings.push(Finding {
            code: rule.code,
            rule: rule.name,
            severity,
            pointer: at.render(),
            message,
            constraint,
        });
    }
}
