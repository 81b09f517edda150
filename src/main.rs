//! The `dossier` command: parses arguments, runs a stage of the library, and prints through
//! `report`. Exit codes: 0 success, 1 content errors (or a refused file), 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use dossier::diagnostics::Diagnostic;
use dossier::report::{self, Format, Progress, Report, Style, Verb};
use dossier::scaffold::{self, Kind};
use dossier::serve::{self, ServeOptions};
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
    /// Build, serve the site on 127.0.0.1 (or --bind ADDR), and rebuild and reload pages on
    /// every change.
    Serve(ServeArgs),
    /// Start a note or a source: a file with a front-matter skeleton, named after the title.
    New(NewArgs),
    /// Start a briefing project in a new or empty folder.
    Init(InitArgs),
    /// Editions: freeze the current one, so the next shows readers what changed.
    #[command(subcommand)]
    Edition(EditionCommand),
    /// Print what changed since the last frozen edition (or against another checkout).
    Diff(DiffArgs),
    /// Print the shell completion script for SHELL, e.g. `dossier completions bash >
    /// ~/.local/share/bash-completion/completions/dossier`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `dossier man | man -l -`; with --out-dir, write one
    /// page per command there (dossier.1, dossier-build.1, …).
    Man(ManArgs),
}

#[derive(Args)]
struct CompletionsArgs {
    /// The shell: bash, elvish, fish, powershell or zsh.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Args)]
struct ManArgs {
    /// Write dossier.1 and a page for each command into DIR instead of printing dossier.1.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

#[derive(Subcommand)]
enum EditionCommand {
    /// Write the current edition's snapshot to editions/<number>.json and its print edition
    /// to editions/<number>.html; the next build compares the content with it.
    Freeze(FreezeArgs),
}

#[derive(Args)]
struct FreezeArgs {
    #[command(flatten)]
    project: ProjectArgs,
}

#[derive(Args)]
struct DiffArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// How to print the changes: human, json or markdown (for a pull request or job summary).
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// Compare with the content of another checkout of the project (e.g. the base branch of
    /// a pull request) instead of the last frozen edition.
    #[arg(long, value_name = "DIR")]
    against_root: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Args)]
struct ProjectArgs {
    /// The briefing project: the folder holding content/.
    #[arg(short, long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Include notes marked `draft: true`.
    #[arg(short = 'D', long)]
    drafts: bool,
}

impl ProjectArgs {
    fn options(&self) -> Options {
        self.options_for(&self.root)
    }

    /// The options of this project's run for the project at `root`.
    fn options_for(&self, root: &std::path::Path) -> Options {
        let mut options = Options::new(root);
        options.drafts = self.drafts;
        options.today = Some(dossier::date::today());
        options
    }
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// Where to write the site (default: ROOT/site).
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The address the site is published at, for absolute links (overrides dossier.yaml).
    #[arg(short = 'u', long, value_name = "URL")]
    base_url: Option<String>,
    /// Build into an output folder holding files dossier did not write: those at the paths
    /// the build writes are replaced, every other file is left alone.
    #[arg(long)]
    force: bool,
    /// How to print problems: human, json (for editors and scripts), github (annotations).
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Treat warnings as errors, as `check --strict` does: a warning stops the build and the
    /// previous site stays.
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// How to print problems: human, json (for editors and scripts), github (annotations).
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Treat warnings as errors (exit code 1 when there is any), but `stale`: a briefing
    /// past its dates still publishes, with its notice.
    #[arg(long)]
    strict: bool,
    /// Treat the warnings with this code as errors, e.g. `--deny stale` (may be repeated).
    #[arg(long, value_name = "CODE", value_parser = code)]
    deny: Vec<dossier::codes::Code>,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// The port (0 picks a free one).
    #[arg(short, long, default_value_t = 1111)]
    port: u16,
    /// The address to serve on: 127.0.0.1 by default; another interface's address (e.g.
    /// 192.168.1.5), or 0.0.0.0 for every interface, lets other devices open the preview.
    #[arg(
        short = 'i',
        long = "bind",
        visible_alias = "interface",
        value_name = "ADDR",
        default_value = "127.0.0.1"
    )]
    bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(short = 'O', long)]
    open: bool,
    /// Build into site/ even when it holds files dossier did not write (see build --force).
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct NewArgs {
    /// What to start: a note (content/notes/) or a source (content/sources/).
    #[arg(value_enum)]
    kind: KindArg,
    /// Its title; the file name is made from it.
    title: String,
    /// The briefing project: the folder holding content/.
    #[arg(short, long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
}

#[derive(Args)]
struct InitArgs {
    /// The folder to create the project in; it must be new or empty.
    dir: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Note,
    Source,
}

fn main() -> ExitCode {
    // SAFETY: sets a default of the allocator's options, before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set_default(PURGE_DELAY, 1) };
    match Cli::parse().command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::Serve(args) => serve(args),
        Command::New(args) => new(&args),
        Command::Init(args) => init(&args),
        Command::Edition(EditionCommand::Freeze(args)) => freeze(&args),
        Command::Diff(args) => diff(&args),
        Command::Completions(args) => completions(&args),
        Command::Man(args) => man(&args),
    }
}

/// Prints the completion script for the shell asked for.
fn completions(args: &CompletionsArgs) -> ExitCode {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "dossier", &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// Prints dossier(1), or writes it and a page for each command into `--out-dir`.
fn man(args: &ManArgs) -> ExitCode {
    let command = Cli::command();
    let written = match &args.out_dir {
        None => clap_mangen::Man::new(command).render(&mut std::io::stdout()),
        Some(dir) => {
            std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(command, dir))
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the manual page: {e}");
            ExitCode::from(1)
        }
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let mut options = args.project.options();
    options.output.clone_from(&args.output);
    options.base_url.clone_from(&args.base_url);
    options.force = args.force;
    options.strict = args.strict;
    let outcome = {
        let _progress = Progress::start("Building");
        dossier::build(&options)
    };
    finish(&outcome, Verb::Built, args.format, started, &args.project)
}

fn check(args: &CheckArgs) -> ExitCode {
    let started = Instant::now();
    let mut options = args.project.options();
    options.strict = args.strict;
    let mut outcome = {
        let _progress = Progress::start("Checking");
        dossier::check(&options)
    };
    report::deny(&mut outcome, &args.deny);
    finish(&outcome, Verb::Checked, args.format, started, &args.project)
}

/// The diagnostic code named `name`, for `--deny`.
fn code(name: &str) -> Result<dossier::codes::Code, String> {
    use dossier::codes::Code;
    Code::named(name).ok_or_else(|| {
        let names = Code::ALL.iter().map(|c| c.as_str());
        let close = dossier::diagnostics::did_you_mean(name, names, "the README lists the codes");
        format!("`{name}` is not a diagnostic code; {close}")
    })
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
    if verb == Verb::Compared {
        // stdout is the changes alone, to be piped into a pull request or a job summary
        eprint!("{}", printed.stdout);
    } else {
        print!("{}", printed.stdout);
    }
    if outcome.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mimalloc's options can be set at any time, from any thread.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
    }
    let mut build = args.project.options();
    build.force = args.force;
    let options = ServeOptions {
        build,
        bind: args.bind,
        port: args.port,
        open: args.open,
    };
    match serve::run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

fn new(args: &NewArgs) -> ExitCode {
    let kind = match args.kind {
        KindArg::Note => Kind::Note,
        KindArg::Source => Kind::Source,
    };
    match scaffold::new_file(&args.root, kind, &args.title, dossier::date::today()) {
        Ok(rel) => {
            let path = if args.root == std::path::Path::new(".") {
                PathBuf::from(&rel)
            } else {
                args.root.join(&rel)
            };
            println!("Created {}", path.display());
            if kind == Kind::Source {
                let id = rel
                    .trim_start_matches("content/sources/")
                    .trim_end_matches(".md");
                println!("Cite it in a note as [@{id}], or list it under a claim's `sources:`.");
            }
            ExitCode::SUCCESS
        }
        Err(d) => refused(&d),
    }
}

fn init(args: &InitArgs) -> ExitCode {
    match scaffold::init(&args.dir, dossier::date::today()) {
        Ok(files) => {
            println!("Created a briefing project in {}:", args.dir.display());
            for file in files {
                println!("  {file}");
            }
            if scaffold::repository().is_none() {
                println!(
                    "This dossier does not know its own repository: before the first push, set \
                     DOSSIER_GIT in {} (the line marked FILL-IN) to the git address CI installs \
                     dossier from; `dossier check` reminds you until it is set.",
                    scaffold::WORKFLOW
                );
            }
            println!("Next: cd {} && dossier serve --open", args.dir.display());
            ExitCode::SUCCESS
        }
        Err(d) => refused(&d),
    }
}

fn freeze(args: &FreezeArgs) -> ExitCode {
    let started = Instant::now();
    let (outcome, frozen) = dossier::freeze(&args.project.options());
    if let Some(frozen) = &frozen {
        println!("Froze edition {}:", frozen.number);
        for file in &frozen.files {
            println!("  {file}");
        }
        println!("Commit these files; the next build shows what changed since this edition.");
    }
    finish(
        &outcome,
        Verb::Froze,
        FormatArg::Human,
        started,
        &args.project,
    )
}

fn diff(args: &DiffArgs) -> ExitCode {
    let started = Instant::now();
    let against = args
        .against_root
        .as_ref()
        .map(|root| args.project.options_for(root));
    let (outcome, changes) = dossier::diff(&args.project.options(), against.as_ref());
    if let Some(changes) = &changes {
        let text = match args.format {
            DiffFormat::Human => dossier::editions::report::human(changes),
            DiffFormat::Json => dossier::editions::report::json(changes),
            DiffFormat::Markdown => dossier::editions::report::markdown(changes),
        };
        print!("{text}");
    }
    finish(
        &outcome,
        Verb::Compared,
        FormatArg::Human,
        started,
        &args.project,
    )
}

fn refused(d: &Diagnostic) -> ExitCode {
    eprintln!("{}", report::human(d, Style::stderr()));
    ExitCode::from(1)
}

/// mimalloc: a build allocates and frees millions of small strings and template values on
/// several threads; it is markedly faster at that than the system allocator. It is built
/// without transparent huge pages (`no_thp` in Cargo.toml: it never asks the kernel for them).
/// A huge page is resident as a whole once any of its 2 MiB is touched, and a session's
/// memory, kept between saves and freed in bursts, leaves many such pages partly used: at
/// 10,000 notes the peak of a session fell by 30–50 MB without them, and a full build's
/// 208–215 → 195 MB, for the same CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`, version 3): how many milliseconds freed
/// memory stays with the process before it goes back to the system. `main` makes it 1 instead
/// of 10: a build frees file text and rendered bodies in bursts, and returning them sooner
/// lowers peak memory (10,000 plain notes: 157 → 145 MB) with no time cost we could measure.
/// `serve` makes it -1, never: every save rebuilds into buffers of the same sizes (tens of
/// megabytes at 10,000 notes), and memory handed back between saves had to be faulted in and
/// zeroed again by the system on the next (a title edited, save to reload: 10,000 notes
/// 149–162 → 125–136 ms, 1,000 notes 46–47 → 40 ms). `MIMALLOC_PURGE_DELAY` overrides both.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
