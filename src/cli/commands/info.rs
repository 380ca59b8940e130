//! `mfalint rules` and `mfalint explain`.

use crate::generate::rule_md;
use crate::rules::{Enabled, Rule, RuleId};

use super::super::args::{ExplainArgs, RulesArgs, RulesFormat};
use super::super::{Console, Status};

fn default_label(r: &Rule) -> &'static str {
    match r.enabled {
        Enabled::Always => "on",
        Enabled::InFiles => "on (CLI)",
        Enabled::Never => "off",
    }
}

pub fn rules(args: RulesArgs, console: &mut Console) -> Status {
    let all: Vec<&Rule> = crate::rules::all().collect();
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
                    v["cli_default_enabled"] = r.cli_default_enabled().into();
                    v["configurable"] = r.configurable.into();
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
    let Some(id) = RuleId::find(&args.rule) else {
        console.error(format_args!(
            "unknown rule `{}`; `mfalint rules` lists them all",
            args.rule
        ));
        return Status::Failure;
    };
    console.out(rule_md(id).as_bytes());
    Status::Ok
}
