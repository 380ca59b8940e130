//! Findings placed in the source: the `line:column` range of each finding
//! and of its related places, from the spans the core gives them.

use crate::json::{line_cols, LineCol, Span};
use crate::Finding;

/// A 1-based position; columns count characters (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// A located range of the source (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start: Pos,
    pub end: Pos,
    /// Byte range in the text, for the excerpt.
    pub bytes: Span,
}

impl Region {
    /// The start of the document (a finding about no place in it).
    pub const START: Region = Region {
        start: Pos { line: 1, column: 1 },
        end: Pos { line: 1, column: 1 },
        bytes: Span { start: 0, end: 0 },
    };

    /// The region of `span`, whose start and end are at `start` and `end`.
    fn new(span: Span, start: LineCol, end: LineCol) -> Region {
        // Lines and columns of a text under the size limit fit.
        let pos = |at: LineCol| Pos {
            line: u32::try_from(at.line).unwrap_or(u32::MAX),
            column: u32::try_from(at.column).unwrap_or(u32::MAX),
        };
        Region {
            start: pos(start),
            end: pos(end),
            bytes: span,
        }
    }
}

/// A file's findings in source order (the core's order breaks ties), with
/// where each is and where each related place is.
#[derive(Debug, Clone, Default)]
pub struct Placed {
    pub findings: Vec<Finding>,
    /// One per finding.
    regions: Vec<Region>,
    /// The related places of every finding, in order.
    related: Vec<Region>,
}

impl Placed {
    /// Places `findings` in `text`.
    pub fn new(text: &str, mut findings: Vec<Finding>) -> Placed {
        findings.sort_by_key(|f| f.span.map_or(0, |s| s.start));
        // Every span's start and end, placed in one pass over the text.
        let spans: Vec<Option<Span>> = findings
            .iter()
            .map(|f| f.span)
            .chain(
                findings
                    .iter()
                    .flat_map(|f| &f.related)
                    .map(|r| Some(r.span)),
            )
            .collect();
        let mut regions = Placed::regions(text, &spans);
        let related = regions.split_off(findings.len());
        Placed {
            findings,
            regions,
            related,
        }
    }

    /// The regions of `spans` in `text` (the start of the document for
    /// `None`), in their order.
    pub fn regions(text: &str, spans: &[Option<Span>]) -> Vec<Region> {
        let offsets: Vec<usize> = spans
            .iter()
            .flatten()
            .flat_map(|s| [s.start, s.end.max(s.start)])
            .collect();
        let mut places = line_cols(text, &offsets).into_iter();
        spans
            .iter()
            .map(|span| match span {
                Some(span) => {
                    let start = places.next().expect("a start per span");
                    let end = places.next().expect("an end per span");
                    Region::new(*span, start, end)
                }
                None => Region::START,
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// Each finding with its region and its related places' regions.
    pub fn iter(&self) -> impl Iterator<Item = (&Finding, Region, &[Region])> {
        self.iter_from(0, 0)
    }

    /// [`Placed::iter`] from the finding `from`, whose related places start
    /// at `related_from` (the number of related places before it).
    pub fn iter_from(
        &self,
        from: usize,
        related_from: usize,
    ) -> impl Iterator<Item = (&Finding, Region, &[Region])> {
        let mut next = related_from;
        self.findings[from..]
            .iter()
            .zip(&self.regions[from..])
            .map(move |(f, region)| {
                let related = &self.related[next..next + f.related.len()];
                next += f.related.len();
                (f, *region, related)
            })
    }
}
