//! `mfalint rules` and `mfalint explain`.

use super::super::args::{ExplainArgs, RulesArgs, RulesFormat};
use super::super::rules::{self, PARSE_ERROR, UNKNOWN_KIND};
use super::super::{Console, Status};

fn default_label(r: &crate::Rule) -> &'static str {
    if !rules::cli_default_enabled(r) {
        "off"
    } else if !r.default_enabled {
        "on (CLI)"
    } else {
        "on"
    }
}

pub fn rules(args: RulesArgs, console: &mut Console) -> Status {
    let all = rules::all();
    let out = match args.format {
        RulesFormat::Human => {
            let w = all.iter().map(|r| r.name.len()).max().unwrap_or(0);
            let mut s = format!(
                "{:<6}  {:<w$}  {:<8}  {:<8}  SUMMARY\n",
                "CODE", "NAME", "SEVERITY", "DEFAULT"
            );
            for r in &all {
                s.push_str(&format!(
                    "{:<6}  {:<w$}  {:<8}  {:<8}  {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    default_label(r),
                    r.summary
                ));
            }
            s
        }
        RulesFormat::Markdown => {
            let mut s = String::from(
                "| code | name | severity | default | summary |\n|---|---|---|---|---|\n",
            );
            for r in &all {
                s.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    default_label(r),
                    r.summary.replace('|', "\\|")
                ));
            }
            s
        }
        RulesFormat::Json => {
            let v: Vec<serde_json::Value> = all
                .iter()
                .map(|r| {
                    let mut v = serde_json::to_value(r).expect("rules serialize");
                    v["cli_default_enabled"] = rules::cli_default_enabled(r).into();
                    v
                })
                .collect();
            serde_json::to_string_pretty(&v).expect("rules serialize") + "\n"
        }
    };
    console.out(out.as_bytes());
    Status::Ok
}

pub fn explain(args: ExplainArgs, console: &mut Console) -> Status {
    let Some(r) = rules::find(&args.rule) else {
        console.error(format_args!(
            "unknown rule `{}`; `mfalint rules` lists them all",
            args.rule
        ));
        return Status::Failure;
    };
    let configurable = if std::ptr::eq(r, &PARSE_ERROR) || std::ptr::eq(r, &UNKNOWN_KIND) {
        "no (a file-level problem: the file was not checked)"
    } else {
        "yes (--select, --ignore, --severity, mfalint.toml)"
    };
    let text = format!(
        "{} {}\n\n{}\n\n{}\n\nSeverity:     {}\nDefault:      {}\nConfigurable: {configurable}\nSource:       {}\n",
        r.code,
        r.name,
        r.summary,
        r.doc,
        r.severity.as_str(),
        default_label(r),
        r.source
    );
    console.out(text.as_bytes());
    Status::Ok
}
