//! The `dossier` command: parses arguments, runs a stage of the library, and prints through
//! `report`. Exit codes: 0 success, 1 content errors, 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};

use dossier::report::{self, Format, Progress, Report, Style, Verb};
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
    Check(CheckArgs),
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

impl ProjectArgs {
    fn options(&self) -> Options {
        let mut options = Options::new(&self.root);
        options.drafts = self.drafts;
        options
    }
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
    /// How to print problems: human, json (for editors and scripts), github (annotations).
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// How to print problems: human, json (for editors and scripts), github (annotations).
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Treat warnings as errors (exit code 1 when there is any).
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Github,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let mut options = args.project.options();
    options.output.clone_from(&args.output);
    options.base_url.clone_from(&args.base_url);
    let outcome = {
        let _progress = Progress::start("Building");
        dossier::build(&options)
    };
    finish(&outcome, Verb::Built, args.format, started, &args.project)
}

fn check(args: &CheckArgs) -> ExitCode {
    let started = Instant::now();
    let mut outcome = {
        let _progress = Progress::start("Checking");
        dossier::check(&args.project.options())
    };
    if args.strict {
        report::strict(&mut outcome);
    }
    finish(&outcome, Verb::Checked, args.format, started, &args.project)
}

/// Prints the report of a build or check and gives the exit code.
fn finish(
    outcome: &Outcome,
    verb: Verb,
    format: FormatArg,
    started: Instant,
    project: &ProjectArgs,
) -> ExitCode {
    let report = Report {
        verb,
        format: match format {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
        },
        millis: started.elapsed().as_millis(),
        root: &project.root.to_string_lossy(),
    };
    let printed = report.render(outcome, Style::stdout(), Style::stderr());
    eprint!("{}", printed.stderr);
    print!("{}", printed.stdout);
    if outcome.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
