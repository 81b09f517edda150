//! The `dossier` command: parses arguments, runs a stage of the library, prints diagnostics
//! and a summary, and sets the exit code (0 success, 1 content errors, 2 usage errors).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use dossier::{Options, Outcome};

/// Build evidence-backed briefings: Markdown notes with claims and sources → a cross-linked site.
#[derive(Parser)]
#[command(name = "dossier", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the briefing into the output folder (site/ by default).
    Build(BuildArgs),
    /// Check everything a build checks, and write nothing.
    Check(ProjectArgs),
}

#[derive(Args)]
struct ProjectArgs {
    /// The briefing project: the folder holding content/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Include notes marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// Where to write the site (default: ROOT/site).
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The address the site is published at, for absolute links (overrides dossier.yaml).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    let (outcome, verb) = match cli.command {
        Command::Build(args) => {
            let mut options = Options::new(args.project.root);
            options.drafts = args.project.drafts;
            options.output = args.output;
            options.base_url = args.base_url;
            (dossier::build(&options), "Built")
        }
        Command::Check(args) => {
            let mut options = Options::new(args.root);
            options.drafts = args.drafts;
            (dossier::check(&options), "Checked")
        }
    };
    report(&outcome, verb, started.elapsed().as_millis())
}

fn report(outcome: &Outcome, verb: &str, millis: u128) -> ExitCode {
    for diagnostic in &outcome.diagnostics {
        eprintln!("{diagnostic}");
    }
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    if outcome.failed() {
        eprintln!(
            "Stopped: {} and {}; nothing was written.",
            count(errors, "error"),
            count(warnings, "warning")
        );
        return ExitCode::from(1);
    }
    if let Some(s) = outcome.stats {
        let written = if verb == "Built" {
            format!(
                ", {} pages and files ({} changed, {} removed)",
                s.files, s.write.written, s.write.removed
            )
        } else {
            format!(", {} pages and files rendered", s.files)
        };
        let warned = if warnings > 0 {
            format!(", {}", count(warnings, "warning"))
        } else {
            String::new()
        };
        println!(
            "{verb} {}, {}, {}{written}{warned} in {millis} ms",
            count(s.notes, "note"),
            count(s.claims, "claim"),
            count(s.sources, "source")
        );
    }
    ExitCode::SUCCESS
}

/// `1 error`, `2 errors`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
