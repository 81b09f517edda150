//! Writes a synthetic briefing of any size, deterministic for a seed, for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --notes 10000 --claims-per-note 3 OUT
//! cargo run --release --example gen_corpus -- --notes 10000 --plain OUT
//! ```
//!
//! The full mode writes notes with claims, sources (one per five notes), citations, links
//! between notes, tags and a chart block in every tenth note. `--plain` writes notes of
//! about 630 words with three tags and nothing else, for comparisons with other generators
//! (the same shape as the Hugo and Zola reference figures in BENCHMARKS.md).
//! `--base-url URL` sets a base URL, as a published site has, so the feed, the sitemap and
//! permalinks are part of the build (`scripts/bench.sh` gives one).
//! `--vocabulary N` draws the words of titles and text from N words whose frequencies follow
//! Zipf's law (the word of rank r about 1/r as often as the commonest): a few English function
//! words, the topic words below, then made-up words, as a real briefing's vocabulary is
//! distributed (for the search index's sizes; `--vocabulary 20000` in BENCHMARKS.md). Without
//! it, words are drawn evenly from the 60 topic words, as for every other benchmark.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "supply",
    "export",
    "licence",
    "magnet",
    "refining",
    "capacity",
    "tariff",
    "truce",
    "market",
    "price",
    "output",
    "demand",
    "policy",
    "control",
    "mineral",
    "reserve",
    "import",
    "volume",
    "quarter",
    "ministry",
    "customs",
    "analyst",
    "estimate",
    "chain",
    "processing",
    "industry",
    "share",
    "growth",
    "decline",
    "producer",
    "regime",
    "measure",
    "review",
    "report",
    "statement",
    "agreement",
    "framework",
    "suspension",
    "announcement",
    "license",
    "defence",
    "vehicle",
    "turbine",
    "motor",
    "alloy",
    "oxide",
    "metal",
    "element",
    "deposit",
    "project",
    "investment",
    "subsidy",
    "partner",
    "ally",
    "negotiation",
    "leverage",
    "risk",
    "shortage",
    "stockpile",
    "inventory",
    "shipment",
    "buyer",
    "seller",
    "contract",
    "forecast",
    "trend",
    "record",
    "figure",
    "data",
    "source",
    "the",
    "a",
    "of",
    "in",
    "and",
    "to",
    "for",
    "with",
    "on",
    "by",
    "from",
    "as",
    "that",
    "its",
    "their",
    "was",
    "is",
];

const TAGS: &[&str] = &[
    "supply-chain",
    "magnets",
    "export-controls",
    "tariffs",
    "trade-talks",
    "allies",
    "us-policy",
    "refining",
    "mining",
    "prices",
    "defence",
    "vehicles",
    "energy",
    "customs-data",
    "licensing",
    "europe",
    "japan",
    "australia",
];

/// Words drawn by Zipf's law (`--vocabulary`), when set.
static VOCABULARY: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();

/// A vocabulary and the running sum of its words' frequencies (1/rank).
struct Vocabulary {
    words: Vec<String>,
    sums: Vec<f64>,
}

impl Vocabulary {
    /// `n` words: function words, the topic words, then made-up words of two to four
    /// syllables, all different, the same for a seed.
    fn new(n: usize, seed: u64) -> Vocabulary {
        const FUNCTION: &[&str] = &[
            "the", "of", "and", "to", "in", "a", "is", "that", "for", "on",
        ];
        const ONSETS: &[&str] = &[
            "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st",
            "tr", "pl", "gr",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou", "ea"];
        let mut rng = Rng(seed.wrapping_mul(0xD1B5_4A32_D192_ED03) | 1);
        let mut words: Vec<String> = FUNCTION
            .iter()
            .chain(WORDS)
            .map(|w| w.to_string())
            .collect();
        let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
        while words.len() < n {
            let syllables = 2 + rng.below(3);
            let word: String = (0..syllables)
                .map(|_| {
                    format!(
                        "{}{}",
                        ONSETS[rng.below(ONSETS.len())],
                        VOWELS[rng.below(VOWELS.len())]
                    )
                })
                .collect();
            if seen.insert(word.clone()) {
                words.push(word);
            }
        }
        words.truncate(n);
        let mut total = 0.0;
        let sums = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Vocabulary { words, sums }
    }

    /// The word whose share of the running sum holds `u` (0 to 1).
    fn pick(&self, u: f64) -> &str {
        let total = self.sums.last().copied().unwrap_or(1.0);
        let at = self.sums.partition_point(|&s| s < u * total);
        &self.words[at.min(self.words.len() - 1)]
    }
}

/// A small deterministic generator (xorshift64*), so a seed always gives the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        match VOCABULARY.get() {
            Some(v) => v.pick((self.next() >> 11) as f64 / (1u64 << 53) as f64),
            None => WORDS[self.below(WORDS.len())],
        }
    }
}

/// What to write.
struct Settings {
    notes: usize,
    claims_per_note: usize,
    plain: bool,
    seed: u64,
    /// How many words to draw by Zipf's law (0: the topic words, evenly).
    vocabulary: usize,
    /// Written to `dossier.yaml` when given.
    base_url: Option<String>,
    out: PathBuf,
}

fn parse_args() -> Result<Settings, String> {
    let mut settings = Settings {
        notes: 1000,
        claims_per_note: 3,
        plain: false,
        seed: 1,
        vocabulary: 0,
        base_url: None,
        out: PathBuf::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--notes" => settings.notes = number("--notes")? as usize,
            "--claims-per-note" => settings.claims_per_note = number("--claims-per-note")? as usize,
            "--seed" => settings.seed = number("--seed")?.max(1),
            "--plain" => settings.plain = true,
            "--vocabulary" => settings.vocabulary = number("--vocabulary")? as usize,
            "--base-url" => settings.base_url = Some(args.next().ok_or("--base-url needs a URL")?),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path => settings.out = PathBuf::from(path),
        }
    }
    if settings.out.as_os_str().is_empty() {
        return Err(
            "usage: gen_corpus [--notes N] [--claims-per-note N] [--plain] [--seed N] [--vocabulary N] [--base-url URL] OUT"
                .into(),
        );
    }
    Ok(settings)
}

fn main() {
    let settings = match parse_args() {
        Ok(s) => s,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    if let Err(e) = write_corpus(&settings) {
        eprintln!("cannot write the corpus: {e}");
        std::process::exit(1);
    }
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

fn write_corpus(s: &Settings) -> std::io::Result<()> {
    if s.vocabulary > 0 {
        let _ = VOCABULARY.set(Vocabulary::new(s.vocabulary, s.seed));
    }
    let mut rng = Rng(s.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let sources = if s.plain { 0 } else { (s.notes / 5).max(1) };
    write(
        &s.out.join("dossier.yaml"),
        &match &s.base_url {
            Some(url) => format!("title: Synthetic briefing\nlanguage: en\nbase_url: {url}\n"),
            None => "title: Synthetic briefing\nlanguage: en\n".to_string(),
        },
    )?;
    let index = "---\ntitle: Synthetic briefing\nsummary: A generated corpus for benchmarks.\ndate: 2025-11-20\nsections: [Dominance, Controls, Trade, Economy, Outlook]\n---\nGenerated by gen_corpus.\n";
    write(&s.out.join("content/_index.md"), index)?;
    for i in 0..sources {
        write(
            &s.out.join(format!("content/sources/source-{i}.md")),
            &source(i, &mut rng),
        )?;
    }
    for i in 0..s.notes {
        let text = if s.plain {
            plain_note(i, &mut rng)
        } else {
            note(i, s, sources, &mut rng)
        };
        write(&s.out.join(format!("content/notes/note-{i}.md")), &text)?;
    }
    Ok(())
}

fn source(i: usize, rng: &mut Rng) -> String {
    let kinds = ["official-statistics", "news", "analysis", "law", "dataset"];
    format!(
        "---\ntitle: Report number {i} on {} {}\npublisher: Publisher {}\ndate: 2025-{:02}-{:02}\nurl: https://example.org/reports/{i}\nkind: {}\nreliability: {}\n---\nAn annotation of source {i}: {} {} {}.\n",
        rng.word(),
        rng.word(),
        i % 40,
        1 + rng.below(12),
        1 + rng.below(28),
        kinds[i % kinds.len()],
        ["A", "B", "C", "D"][rng.below(4)],
        rng.word(),
        rng.word(),
        rng.word()
    )
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut text = String::with_capacity(words * 8);
    for w in 0..words {
        if w > 0 {
            text.push(' ');
        }
        text.push_str(rng.word());
    }
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect::<String>() + ".")
        .unwrap_or_default()
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let words = 12 + rng.below(6);
            sentence(rng, words)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn tags(rng: &mut Rng) -> String {
    let mut chosen: Vec<&str> = Vec::new();
    while chosen.len() < 3 {
        let tag = TAGS[rng.below(TAGS.len())];
        if !chosen.contains(&tag) {
            chosen.push(tag);
        }
    }
    chosen.join(", ")
}

fn plain_note(i: usize, rng: &mut Rng) -> String {
    let mut text = format!(
        "---\ntitle: Note {i} on {} {}\ndate: 2025-{:02}-{:02}\ntags: [{}]\n---\n",
        rng.word(),
        rng.word(),
        1 + rng.below(12),
        1 + rng.below(28),
        tags(rng)
    );
    for h in 0..3 {
        let _ = write!(
            text,
            "## Part {h}: {}\n\n{}\n\n{}\n\n",
            rng.word(),
            paragraph(rng, 6),
            paragraph(rng, 8)
        );
    }
    text
}

fn note(i: usize, s: &Settings, sources: usize, rng: &mut Rng) -> String {
    let sections = ["Dominance", "Controls", "Trade", "Economy", "Outlook"];
    let mut text = format!(
        "---\ntitle: Note {i} on {} {}\nsummary: {}\ndate: 2025-{:02}-{:02}\nsection: {}\nweight: {}\ntags: [{}]\nclaims:\n",
        rng.word(),
        rng.word(),
        sentence(rng, 14),
        1 + rng.below(12),
        1 + rng.below(28),
        sections[i % sections.len()],
        i,
        tags(rng)
    );
    for c in 0..s.claims_per_note {
        let _ = write!(
            text,
            "  - id: claim-{i}-{c}\n    text: {}\n    value: {}\n    unit: t\n    period: \"2024\"\n    confidence: {}\n    sources:\n      - id: source-{}\n        credibility: {}\n",
            sentence(rng, 10),
            1000 + rng.below(90_000),
            ["high", "moderate", "low"][rng.below(3)],
            rng.below(sources),
            // 1 ("confirmed by other sources") needs a second publisher: one source gets 2–6.
            2 + rng.below(5)
        );
    }
    text.push_str("---\n");
    for h in 0..3 {
        let claim = h % s.claims_per_note.max(1);
        let cite = rng.below(sources);
        let other = rng.below(s.notes);
        let _ = write!(
            text,
            "## Part {h}: {}\n\n{} [@source-{cite}]",
            rng.word(),
            paragraph(rng, 5)
        );
        if s.claims_per_note > 0 {
            let _ = write!(text, " See [the figure](claim:claim-{i}-{claim}).");
        }
        let _ = write!(
            text,
            " Compare [note {other}](note:note-{other}).\n\n{}\n\n",
            paragraph(rng, 5)
        );
    }
    if i.is_multiple_of(10) {
        let _ = write!(
            text,
            "```chart\ntype: bar\ntitle: Output by year, note {i}\nunit: t\nlabels: [\"2022\", \"2023\", \"2024\"]\nseries:\n  - name: Output\n    values: [{}, {}, {}]\nsources: [source-{}]\n```\n",
            rng.below(5000),
            rng.below(5000),
            rng.below(5000),
            rng.below(sources)
        );
    }
    text
}
