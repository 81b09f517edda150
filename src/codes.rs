//! Every diagnostic code dossier reports, with what it means: one list, a public contract
//! (the codes appear in `--format json` and GitHub annotations, and `--deny` and `checks:`
//! name them). The README's table of codes is made from this list, and a test keeps the two
//! the same.

use std::fmt;

/// Declares the codes: each variant's kebab-case name and its meaning.
macro_rules! codes {
    ($($(#[$meta:meta])* $variant:ident = $slug:literal, $meaning:literal;)+) => {
        /// A kind of problem.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$meta])* $variant,)+
        }

        impl Code {
            /// Every code, in the order of the README's table.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The code as printed: `unknown-source`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $slug,)+ }
            }

            /// What the code means, in a sentence.
            pub fn meaning(self) -> &'static str {
                match self { $(Code::$variant => $meaning,)+ }
            }
        }
    };
}

codes! {
    NoFrontMatter = "no-front-matter", "A note or source file does not start with a `---` front-matter block.";
    UnclosedFrontMatter = "unclosed-front-matter", "The front matter has no closing `---` line.";
    YamlSyntax = "yaml-syntax", "The YAML is not well-formed (indentation, quotes, brackets).";
    YamlTooDeep = "yaml-too-deep", "The YAML is nested past 64 levels.";
    FileTooLarge = "file-too-large", "A file is over 8 MiB and is not read.";
    UnknownKey = "unknown-key", "A key dossier does not know, usually a typo.";
    MissingKey = "missing-key", "A required key is missing.";
    DuplicateKey = "duplicate-key", "A key is given twice in one mapping.";
    InvalidValue = "invalid-value", "A value of the wrong kind, or not one of the accepted words.";
    NoContent = "no-content", "The project has no `content/` folder.";
    StrayFile = "stray-file", "A file under `content/` that the build does not use.";
    UnexplainedChange = "unexplained-change", "A key claim's figure, status, confidence or likelihood changed, or a key claim was withdrawn, without a note for the edition.";
    UnexplainedWithdrawal = "unexplained-withdrawal", "A claim of the last edition is gone without a `withdrawn:` note.";
    BadEdition = "bad-edition", "An edition number, earlier id (`was:`) or target (`withdrawn:`, `corrections:`) that no edition or item has.";
    BadSnapshot = "bad-snapshot", "A file in `editions/` that is not a snapshot dossier reads, or snapshots not numbered 1, 2, 3, … without a gap.";
    NotUtf8 = "not-utf8", "A file is not UTF-8 text.";
    NameNotUtf8 = "name-not-utf8", "A file name is not UTF-8 text, so it cannot name a page or an id.";
    LinkOutside = "link-outside", "A symbolic link leads outside the project; it is left out.";
    LinkLoop = "link-loop", "A symbolic link leads to a folder that holds it; it is left out.";
    LinkBroken = "link-broken", "A symbolic link leads nowhere; it is left out.";
    BadId = "bad-id", "An id or file name that is not a lower-case slug.";
    DuplicateId = "duplicate-id", "Two notes, claims or sources with the same id.";
    BadTag = "bad-tag", "A tag with no letters or digits.";
    UnknownSection = "unknown-section", "A note's section is not listed in `content/_index.md`.";
    NoSources = "no-sources", "A claim rests on no source.";
    EmptyText = "empty-text", "A claim has no text.";
    BadValue = "bad-value", "A claim's figure is not a finite number, or too large to print exactly.";
    MissingPeriod = "missing-period", "A claim has a figure but no period.";
    BadDerived = "bad-derived", "A `derived:` expression that does not parse, or a derived claim with no `value`.";
    DerivedMismatch = "derived-mismatch", "A derived claim's `value` is not what its inputs give, to the decimals written.";
    BadCredibility = "bad-credibility", "A credibility grade outside 1–6.";
    UnknownSource = "unknown-source", "A citation, claim or chart names a source that does not exist.";
    MissingLikelihood = "missing-likelihood", "A judgment has no `likelihood`.";
    JudgmentOnly = "judgment-only", "A fact carries a field only a judgment has (`likelihood`, `assumptions`, `alternatives`, `indicators`).";
    LikelihoodMismatch = "likelihood-mismatch", "A judgment's text uses a word of another likelihood band than its `likelihood`.";
    FactEstimative = "fact-estimative", "A fact's text uses a word of the likelihood scale: it may be a judgment.";
    LikelihoodUnstated = "likelihood-unstated", "A judgment's text uses no word of the likelihood scale.";
    ConfidenceAndLikelihood = "confidence-and-likelihood", "One sentence states both a confidence level and a likelihood.";
    VagueLikelihood = "vague-likelihood", "A judgment's text uses a word with no defined probability (possibly, might, could).";
    CredibilityUnconfirmed = "credibility-unconfirmed", "Credibility 1 (confirmed by other sources) on a claim resting on one publisher.";
    ConfirmedUnsupported = "confirmed-unsupported", "Status `confirmed` without two publishers or a source of reliability A or B.";
    Stale = "stale", "A date has passed: the briefing's `review_by`, a claim's `valid_until`, an indicator's `by`.";
    UnknownClaim = "unknown-claim", "A link or chart names a claim that does not exist.";
    UnknownNote = "unknown-note", "A link names a note that does not exist.";
    UnknownFragment = "unknown-fragment", "A link to a note's heading that the note does not have.";
    BadCitation = "bad-citation", "A citation that is not `[@source-id]` or `[@source-id, locator]`.";
    BadUrl = "bad-url", "An address that is not http(s), mailto or relative.";
    BadImage = "bad-image", "An image whose address cannot be used.";
    MissingAlt = "missing-alt", "An image without alternative text.";
    RawHtml = "raw-html", "HTML written in Markdown; it is shown as text.";
    HeadingAttribute = "heading-attribute", "A heading attribute other than an id or a class.";
    UnknownChartType = "unknown-chart-type", "A chart `type` dossier does not draw.";
    EmptyChart = "empty-chart", "A chart with no data.";
    ChartLength = "chart-length", "A chart series with more or fewer values than labels.";
    StackedChart = "stacked-chart", "`stacked: true` on a chart other than a bar chart of two or more series.";
    EstimatedLabel = "estimated-label", "A chart series marks as estimated a label the chart does not have.";
    TooManyPoints = "too-many-points", "A chart with more points than it can draw legibly.";
    TooManySeries = "too-many-series", "A chart with more series than it can draw legibly.";
    NegativeValue = "negative-value", "A negative value in a pie or bar chart.";
    SliceTooSmall = "slice-too-small", "A pie slice too thin to draw.";
    ClaimWithoutValue = "claim-without-value", "A chart value bound to a claim that has no figure.";
    UnitMismatch = "unit-mismatch", "A chart value bound to a claim in another unit.";
    ValueOutOfRange = "value-out-of-range", "A chart value too large to draw exactly.";
    ChartRender = "chart-render", "A chart could not be drawn.";
    UnusedClaim = "unused-claim", "No note refers to a claim.";
    UnusedSource = "unused-source", "Nothing cites a source.";
    BadCname = "bad-cname", "The CNAME for a custom domain is not a host name.";
    BadName = "bad-name", "A template or static file name dossier cannot use.";
    Template = "template", "A template does not parse or render.";
    StaticConflict = "static-conflict", "A static file would replace a file dossier generates.";
    OutputNotEmpty = "output-not-empty", "The output folder holds files dossier did not write (see `--force`).";
    OutputInTheWay = "output-in-the-way", "Something dossier did not write stands where the build writes.";
    BadOutput = "bad-output", "The output folder is, holds or sits inside the project or its sources.";
    UnsafePath = "unsafe-path", "A path outside the output folder.";
    WorkflowPlaceholder = "workflow-placeholder", "The Pages workflow `dossier init` wrote still has its line to fill in (`DOSSIER_GIT`).";
    SiteSize = "site-size", "The site is 800 MB or more, near the 1 GB GitHub Pages publishes.";
    Io = "io", "Reading or writing a file failed.";
    FileExists = "file-exists", "`dossier new` would overwrite a file.";
    NotEmpty = "not-empty", "`dossier init` was given a folder that is not empty.";
    Usage = "usage", "A command was given something it cannot use.";
    Internal = "internal", "A fault in dossier itself: please report it.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Code {
    /// True for the rules a project may turn off, down or up (`checks:`) and a claim may be
    /// allowed to break (`allow:`): the analytic standards and the unused ids. The others
    /// are problems a site cannot be built around.
    pub fn is_rule(self) -> bool {
        use Code::*;
        matches!(
            self,
            MissingLikelihood
                | JudgmentOnly
                | LikelihoodMismatch
                | FactEstimative
                | LikelihoodUnstated
                | ConfidenceAndLikelihood
                | VagueLikelihood
                | CredibilityUnconfirmed
                | ConfirmedUnsupported
                | Stale
                | UnusedClaim
                | UnusedSource
                | SiteSize
        )
    }

    /// The code named `name`, if there is one.
    pub fn named(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// The README's table of codes: `| code | meaning |`, one row per code.
    pub fn table() -> String {
        let mut table = String::from("| code | meaning |\n|---|---|\n");
        for code in Code::ALL {
            table.push_str(&format!("| `{code}` | {} |\n", code.meaning()));
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's table of codes is this list (`UPDATE_EXPECT=1` rewrites it).
    #[test]
    fn the_readme_lists_every_code() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let (open, close) = (
            "<!-- codes: made from src/codes.rs -->\n",
            "<!-- /codes -->",
        );
        let start = readme
            .find(open)
            .expect("the README marks its table of codes")
            + open.len();
        let end = start + readme[start..].find(close).expect("the table's end");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            let updated = format!("{}{}{}", &readme[..start], Code::table(), &readme[end..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        assert_eq!(
            readme[start..end],
            Code::table(),
            "run with UPDATE_EXPECT=1"
        );
    }

    #[test]
    fn names_are_unique_and_found_again() {
        for code in Code::ALL {
            assert_eq!(Code::named(code.as_str()), Some(*code));
        }
        assert_eq!(Code::named("no-such-code"), None);
    }
}
