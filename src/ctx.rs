use crate::finding::{Constraint, Finding, Severity};
use crate::options::{Mode, Options};
use crate::pointer::Ptr;
use crate::rule::Rule;

/// Collects findings while a kind's walker checks a payload.
pub(crate) struct Ctx<'o> {
    opts: &'o Options,
    /// Legacy SASE: constraints borrowed from SCM report as warnings.
    borrowed_constraints_soft: bool,
    pub findings: Vec<Finding>,
}

impl<'o> Ctx<'o> {
    pub fn new(opts: &'o Options) -> Self {
        Ctx {
            opts,
            borrowed_constraints_soft: false,
            findings: Vec::new(),
        }
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

    /// Reports a constraint the payload's own API documents.
    pub fn emit(&mut self, rule: &'static Rule, at: &Ptr, message: String, c: Option<Constraint>) {
        if let Some(severity) = self.opts.rules.level(rule) {
            self.push(rule, severity, at, message, c);
        }
    }

    /// Reports an SCM constraint; legacy SASE inherits it as a warning.
    pub fn emit_borrowed(
        &mut self,
        rule: &'static Rule,
        at: &Ptr,
        message: String,
        c: Option<Constraint>,
    ) {
        if let Some(mut severity) = self.opts.rules.level(rule) {
            if self.borrowed_constraints_soft && !self.opts.rules.is_pinned(rule) {
                severity = severity.min(Severity::Warning);
            }
            self.push(rule, severity, at, message, c);
        }
    }

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
