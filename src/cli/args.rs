//! Command-line arguments.

use std::path::PathBuf;

use crate::{Kind, Mode};
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "mfalint",
    version,
    about = "Lints MFA server profile payloads (Palo Alto SCM / Prisma SASE mfa-servers, SailPoint ISC MFA config)",
    after_help = "Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or I/O error.\n\
                  Configuration: the nearest mfalint.toml (or pyproject.toml [tool.mfalint]) above each file."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint payload files and directories (recursing into *.json, *.yaml, *.yml); `-` reads stdin.
    Check(CheckArgs),
    /// List every rule: code, name, default severity, summary.
    Rules(RulesArgs),
    /// Explain one rule (by code, e.g. MFA040, or name, e.g. min-length).
    Explain(ExplainArgs),
    /// Fill documented defaults of absent optional fields; print the result (or --write it).
    Normalize(RewriteArgs),
    /// Mask every secret (first character, six `*`, last character); print the result (or --write it).
    Redact(RewriteArgs),
    /// Print the JSON Schema of a payload kind, or --check vendored copies of the schemas.
    Schema(SchemaArgs),
    /// Run the language server (LSP over stdin/stdout) for editors: diagnostics and fixes as you type.
    Server,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: severity[CODE] message`, a source excerpt and a summary.
    Human,
    /// One JSON document with every file and finding.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow annotations (`::error file=...`).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// A request body: masked secrets and ciphertext echoes are errors.
    Request,
    /// An exported GET response: masked secrets are expected.
    Export,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Request => Mode::Request,
            ModeArg::Export => Mode::Export,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

/// A kind id, for clap.
pub fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse()
}

/// A kind id, for clap, listing the kinds in `--help`.
fn kind_values() -> impl clap::builder::TypedValueParser<Value = Kind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Kind::ALL.iter().map(|k| k.id()))
        .map(|id| id.parse::<Kind>().expect("a kind id"))
}

/// Parser limits for untrusted files (`mfalint::json::Limits`).
#[derive(Debug, Clone, Copy, Args)]
pub struct LimitArgs {
    /// Largest file accepted, in bytes (default 67108864, 64 MiB; at least 1); larger files are MFA000.
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_bytes: Option<u64>,
    /// Deepest nesting of arrays/objects accepted (default 128, 1 to 256); deeper files are MFA000.
    #[arg(long, value_name = "LEVELS", value_parser = clap::value_parser!(u16).range(1..=crate::json::Limits::MAX_DEPTH_CAP as i64))]
    pub max_depth: Option<u16>,
}

impl LimitArgs {
    pub fn apply(&self, limits: &mut crate::json::Limits) {
        if let Some(b) = self.max_bytes {
            // Past the address space, every input fits.
            limits.max_bytes = usize::try_from(b).unwrap_or(usize::MAX);
        }
        if let Some(d) = self.max_depth {
            limits.max_depth = usize::from(d);
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (recursing into *.json, *.yaml and *.yml, sorted) or `-` for stdin.
    #[arg(required = true, value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Read every payload file in the directories, also those that
    /// .gitignore, .ignore or git's excludes leave out.
    #[arg(long)]
    pub no_ignore: bool,
    /// Payload kind of every file (default: the config's `kind`, else detected from the shape).
    #[arg(long, value_parser = parse_kind, value_name = "KIND")]
    pub kind: Option<Kind>,
    /// request (default) or export (masked secrets and ciphertext echoes accepted).
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Exit 1 when a finding has at least this severity (default: error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Run only these rules (codes, code prefixes, names or ALL; comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Turn these rules on in addition to the selected ones.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Turn these rules off.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Per-rule severity: CODE=error|warning|off (repeatable or comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE=LEVEL")]
    pub severity: Vec<String>,
    /// Use this configuration file for every file instead of discovering one.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,
    /// Name shown for stdin, also used to discover its configuration and
    /// to tell YAML (`.yaml`, `.yml`) from JSON.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Template placeholders (`${X}`, `{{ x }}`, ...): allow (default; their
    /// values are not judged) or forbid (each is an MFA006 error).
    #[arg(long, value_parser = clap::value_parser!(crate::Placeholders), value_name = "POLICY")]
    pub placeholders: Option<crate::Placeholders>,
    /// Apply the safe fixes and rewrite the files (atomically, owner, group
    /// and mode kept); report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: the unsafe fixes too (renamed keys, URLs cut
    /// to their host).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Show the fixes as a unified diff instead of writing them (exit 1 when
    /// a file would change).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// With --fix: rewrite a file that has several hard links (the other
    /// names keep the old content).
    #[arg(long, requires = "fix")]
    pub break_hard_links: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "human")]
    pub format: RulesFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (MFA040) or name (min-length).
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct RewriteArgs {
    /// The payload file (`-` for stdin, without --write).
    pub file: PathBuf,
    /// Payload kind (default: detected from the shape).
    #[arg(long, value_parser = parse_kind, value_name = "KIND")]
    pub kind: Option<Kind>,
    /// Rewrite the file in place, atomically (temporary file, fsync, rename; owner, group and mode kept; untouched when nothing changes).
    #[arg(long)]
    pub write: bool,
    /// With --write: rewrite a file that has several hard links (the other names keep the old content).
    #[arg(long, requires = "write")]
    pub break_hard_links: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Args)]
#[command(override_usage = "mfalint schema <KIND>\n       mfalint schema --check <FILES>...")]
pub struct SchemaArgs {
    /// The payload kind whose JSON Schema to print (required without --check).
    #[arg(value_parser = kind_values(), required_unless_present = "check", value_name = "KIND")]
    pub kind: Option<Kind>,
    /// Check that each file `<kind-id>.schema.json` is identical to this mfalint's schema of that kind.
    #[arg(long, num_args = 1.., value_name = "FILES", conflicts_with = "kind")]
    pub check: Option<Vec<PathBuf>>,
}
