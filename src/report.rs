use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::kind::Kind;

/// Every finding for one payload, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub kind: Kind,
    pub findings: Vec<Finding>,
}

impl Report {
    /// True when no finding is an error: the API would accept the payload.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

impl std::fmt::Display for Report {
    /// `pointer: severity[CODE] message` lines, like a flat garde report.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for finding in &self.findings {
            let at = if finding.pointer.is_empty() {
                "(root)"
            } else {
                &finding.pointer
            };
            writeln!(
                f,
                "{at}: {}[{}] {}",
                finding.severity.as_str(),
                finding.code,
                finding.message
            )?;
        }
        Ok(())
    }
}
