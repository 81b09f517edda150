//! A small briefing drawn at random and edited at random, for the generated oracle: every
//! edit `serve` must handle (bodies, titles, tags, moves, sections made and emptied, claims
//! added, removed, reordered and refigured, links and headings, sources edited, added and
//! removed, notes added, removed and renamed, inline sources, the front page, the settings,
//! charts, several files in one save) is one [`Briefing::edit`]. The briefing is a value;
//! [`Briefing::files`] writes it out, so every edit leaves a valid project.

use std::collections::BTreeMap;

/// A seeded xorshift generator: the same seed, the same briefing and edits.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

const TAGS: [&str; 5] = ["Trade", "Magnets", "Řeka", "Policy", "Supply chain"];
const SECTIONS: [&str; 3] = ["Alpha", "Beta", "Gamma"];

/// A note of the generated briefing.
#[derive(Clone)]
struct Note {
    slug: String,
    title: String,
    weight: usize,
    day: usize,
    section: Option<&'static str>,
    tags: Vec<&'static str>,
    claims: Vec<Claim>,
    text: usize,
    heading: Option<usize>,
    links: Vec<(String, bool)>,
    claim_links: Vec<String>,
    cites: Vec<String>,
    inline: Option<Source>,
    chart: bool,
}

/// A claim.
#[derive(Clone)]
struct Claim {
    id: String,
    value: Option<u32>,
    key: bool,
    sources: Vec<String>,
    /// A judgment of this band of [`BANDS`] (claims without a figure only).
    band: Option<usize>,
    /// A figure derived from this claim's (`derived: input * 1`), written only while the input
    /// exists with a figure; the value written is then the input's.
    derived_from: Option<String>,
}

/// Likelihood bands a generated judgment takes, with the word its text says.
const BANDS: [(&str, &str); 3] = [
    ("likely", "likely"),
    ("unlikely", "unlikely"),
    ("very-likely", "very likely"),
];

/// A source, in its own file or inline in a note.
#[derive(Clone)]
struct Source {
    id: String,
    title: String,
    reliability: char,
}

/// The whole briefing.
pub struct Briefing {
    notes: Vec<Note>,
    sources: Vec<Source>,
    front_text: usize,
    front_title: String,
    config_title: String,
    next: usize,
}

impl Briefing {
    /// A briefing of five notes and three sources.
    pub fn new(rng: &mut Rng) -> Briefing {
        let mut b = Briefing {
            notes: Vec::new(),
            sources: Vec::new(),
            front_text: 0,
            front_title: "Generated".into(),
            config_title: "Generated".into(),
            next: 0,
        };
        for _ in 0..3 {
            b.add_source();
        }
        for _ in 0..5 {
            b.add_note(rng);
        }
        b
    }

    fn fresh(&mut self) -> usize {
        self.next += 1;
        self.next
    }

    fn add_source(&mut self) {
        let n = self.fresh();
        self.sources.push(Source {
            id: format!("s{n}"),
            title: format!("Source {n}"),
            reliability: 'B',
        });
    }

    fn add_note(&mut self, rng: &mut Rng) {
        let n = self.fresh();
        let mut note = Note {
            slug: format!("note-{n}"),
            title: format!("Note {n}"),
            weight: rng.below(10),
            day: 1 + rng.below(28),
            section: None,
            tags: Vec::new(),
            claims: Vec::new(),
            text: 0,
            heading: rng.one_in(2).then_some(n),
            links: Vec::new(),
            claim_links: Vec::new(),
            cites: vec![self.sources[rng.below(self.sources.len())].id.clone()],
            inline: None,
            chart: rng.one_in(2),
        };
        for _ in 0..1 + rng.below(3) {
            let claim = self.claim(rng);
            note.claims.push(claim);
        }
        if let Some(other) = self.notes.get(rng.below(self.notes.len().max(1))) {
            note.links.push((other.slug.clone(), rng.one_in(2)));
        }
        self.notes.push(note);
    }

    fn claim(&mut self, rng: &mut Rng) -> Claim {
        let n = self.fresh();
        let source = self.sources[rng.below(self.sources.len())].id.clone();
        let value = (!rng.one_in(3)).then_some(100 + n as u32);
        let band = (value.is_none() && rng.one_in(2)).then(|| rng.below(BANDS.len()));
        let figures: Vec<&Claim> = self.notes.iter().flat_map(|n| &n.claims).collect();
        let figures: Vec<&str> = figures
            .iter()
            .filter(|c| c.value.is_some())
            .map(|c| c.id.as_str())
            .collect();
        let derived_from = (value.is_some() && !figures.is_empty() && rng.one_in(4))
            .then(|| figures[rng.below(figures.len())].to_string());
        Claim {
            id: format!("c-{n}"),
            value,
            key: rng.one_in(4),
            sources: vec![source],
            band,
            derived_from,
        }
    }

    /// Applies one edit drawn from `rng`; gives its name.
    pub fn edit(&mut self, rng: &mut Rng) -> String {
        if rng.one_in(12) {
            let (a, b) = (self.edit_one(rng), self.edit_one(rng));
            return format!("in one save: {a}; {b}");
        }
        self.edit_one(rng)
    }

    fn edit_one(&mut self, rng: &mut Rng) -> String {
        let i = rng.below(self.notes.len());
        let kind = rng.below(20);
        let n = self.fresh();
        let note = &mut self.notes[i];
        let name = note.slug.clone();
        match kind {
            0 => note.text += 1,
            1 => note.title = format!("Retitled {n}"),
            2 => toggle(&mut note.tags, TAGS[rng.below(TAGS.len())]),
            3 => note.weight = rng.below(10),
            4 => note.section = [None, Some(SECTIONS[rng.below(3)])][rng.below(2)],
            5 => {
                let c = rng.below(note.claims.len().max(1));
                if let Some(claim) = note.claims.get_mut(c) {
                    claim.value = Some(n as u32);
                }
            }
            6 => {
                let claim = self.claim(rng);
                self.notes[i].claims.push(claim);
            }
            7 if note.claims.len() > 1 => drop(note.claims.remove(rng.below(note.claims.len()))),
            8 => note.claims.reverse(),
            9 => note.claims.iter_mut().for_each(|c| {
                c.key = !c.key;
                c.band = c.band.map(|b| (b + 1) % BANDS.len());
            }),
            10 => return self.relink(rng, i),
            11 => note.heading = [None, Some(n)][rng.below(2)],
            12 => return self.edit_source(rng, n),
            13 => return self.add_or_remove_source(rng),
            14 => return self.add_remove_or_rename(rng, i, n),
            15 => {
                note.inline = match note.inline {
                    Some(_) => None,
                    None => Some(Source {
                        id: format!("inline-{n}"),
                        title: format!("Inline {n}"),
                        reliability: 'C',
                    }),
                };
            }
            16 => match rng.below(2) {
                0 => self.front_text += 1,
                _ => self.front_title = format!("Generated {n}"),
            },
            17 => self.config_title = format!("Settings {n}"),
            18 => note.chart = !note.chart,
            _ => {
                let id = self.notes[rng.below(self.notes.len())].claims[0].id.clone();
                toggle(&mut self.notes[i].claim_links, id);
            }
        }
        format!("edit {kind} of {name}")
    }

    fn relink(&mut self, rng: &mut Rng, i: usize) -> String {
        let target = self.notes[rng.below(self.notes.len())].slug.clone();
        let links = &mut self.notes[i].links;
        match links.iter().position(|(t, _)| *t == target) {
            Some(at) => drop(links.remove(at)),
            None => links.push((target.clone(), rng.one_in(2))),
        }
        format!("a link to {target} toggled")
    }

    fn edit_source(&mut self, rng: &mut Rng, n: usize) -> String {
        let s = rng.below(self.sources.len());
        let source = &mut self.sources[s];
        match rng.below(2) {
            0 => source.title = format!("Retitled source {n}"),
            _ => source.reliability = ['A', 'B', 'C', 'D'][rng.below(4)],
        }
        format!("source {} edited", source.id)
    }

    fn add_or_remove_source(&mut self, rng: &mut Rng) -> String {
        if self.sources.len() > 2 && rng.one_in(2) {
            // Never the first: a claim left without a source rests on it.
            let gone = self.sources.remove(1 + rng.below(self.sources.len() - 1));
            for note in &mut self.notes {
                for claim in &mut note.claims {
                    claim.sources.retain(|s| *s != gone.id);
                    if claim.sources.is_empty() {
                        claim.sources.push(self.sources[0].id.clone());
                    }
                }
            }
            return format!("source {} removed", gone.id);
        }
        self.add_source();
        let id = self
            .sources
            .last()
            .map(|s| s.id.clone())
            .unwrap_or_default();
        let i = rng.below(self.notes.len());
        self.notes[i].cites.push(id.clone());
        format!("source {id} added")
    }

    fn add_remove_or_rename(&mut self, rng: &mut Rng, i: usize, n: usize) -> String {
        match rng.below(3) {
            0 if self.notes.len() > 2 => {
                let gone = self.notes.remove(i);
                for note in &mut self.notes {
                    note.claim_links
                        .retain(|id| !gone.claims.iter().any(|c| c.id == *id));
                }
                format!("{} removed", gone.slug)
            }
            1 => {
                let old = std::mem::replace(&mut self.notes[i].slug, format!("renamed-{n}"));
                format!("{old} renamed")
            }
            _ => {
                self.add_note(rng);
                "a note added".into()
            }
        }
    }

    /// Every file of the project: path (from the project root) → text.
    pub fn files(&self) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        files.insert(
            "dossier.yaml".into(),
            format!(
                "title: {}\nbase_url: https://example.org/g/\n",
                self.config_title
            ),
        );
        files.insert("content/_index.md".into(), self.front());
        for s in &self.sources {
            let text = format!(
                "---\ntitle: {}\npublisher: P\ndate: 2025\nkind: news\nreliability: {}\n---\nAbout {}.\n",
                s.title, s.reliability, s.id
            );
            files.insert(format!("content/sources/{}.md", s.id), text);
        }
        for note in &self.notes {
            files.insert(format!("content/notes/{}.md", note.slug), self.note(note));
        }
        files
    }

    fn front(&self) -> String {
        let mut sections: Vec<&str> = self.notes.iter().filter_map(|n| n.section).collect();
        sections.sort_unstable();
        sections.dedup();
        let mut text = format!(
            "---\ntitle: {}\nsummary: Summary {}.\n",
            self.front_title,
            self.front_text % 3
        );
        if !sections.is_empty() {
            text.push_str("sections:\n");
            sections
                .iter()
                .for_each(|s| text.push_str(&format!("  - {s}\n")));
        }
        let first = &self.notes[0].slug;
        text + &format!(
            "---\nFront text {} [@{}], see [the first](note:{first}).\n",
            self.front_text, self.sources[0].id
        )
    }

    fn note(&self, note: &Note) -> String {
        let mut yaml = format!(
            "---\ntitle: {}\ndate: 2025-01-{:02}\nweight: {}\n",
            note.title, note.day, note.weight
        );
        if let Some(section) = note.section {
            yaml.push_str(&format!("section: {section}\n"));
        }
        if !note.tags.is_empty() {
            yaml.push_str(&format!("tags: [{}]\n", note.tags.join(", ")));
        }
        yaml.push_str("claims:\n");
        for c in &note.claims {
            let said = c
                .band
                .map_or(String::new(), |b| format!(" is {}", BANDS[b].1));
            yaml.push_str(&format!("  - id: {}\n    text: Claim {}{said}.\n    confidence: high\n    key: {}\n    sources: [{}]\n", c.id, c.id, c.key, c.sources.join(", ")));
            if let Some(b) = c.band {
                yaml.push_str(&format!(
                    "    kind: judgment\n    likelihood: {}\n",
                    BANDS[b].0
                ));
            }
            let input = c.derived_from.as_deref().and_then(|id| self.figure_of(id));
            if let Some((id, v)) = input.filter(|_| c.value.is_some()) {
                yaml.push_str(&format!(
                    "    derived: {id} * 1\n    value: {v}\n    unit: t\n    period: \"2024\"\n"
                ));
            } else if let Some(v) = c.value {
                yaml.push_str(&format!(
                    "    value: {v}\n    unit: t\n    period: \"2024\"\n"
                ));
            }
        }
        if let Some(s) = &note.inline {
            yaml.push_str(&format!("sources:\n  - id: {}\n    title: {}\n    publisher: Q\n    date: 2024\n    kind: analysis\n    reliability: {}\n    annotation: Inline [@{}].\n", s.id, s.title, s.reliability, self.sources[0].id));
        }
        yaml + "---\n" + &self.body(note)
    }

    /// Claim `id` and its figure, when some note declares it with one (and it is not derived
    /// itself: an input's figure is written as it is).
    fn figure_of<'a>(&self, id: &'a str) -> Option<(&'a str, u32)> {
        let claims = self.notes.iter().flat_map(|n| &n.claims);
        let claim = claims
            .filter(|c| c.derived_from.is_none())
            .find(|c| c.id == id)?;
        Some((id, claim.value?))
    }

    fn body(&self, note: &Note) -> String {
        let mut body = String::new();
        if let Some(h) = note.heading {
            body.push_str(&format!("## Part {h}\n\n"));
        }
        body.push_str(&format!("Text {}.", note.text));
        for id in note
            .cites
            .iter()
            .filter(|id| self.sources.iter().any(|s| s.id == **id))
        {
            body.push_str(&format!(" [@{id}]"));
        }
        for c in &note.claims {
            body.push_str(&format!(" [{}](claim:{})", c.id, c.id));
        }
        let claims = self.notes.iter().flat_map(|n| &n.claims);
        for id in note
            .claim_links
            .iter()
            .filter(|id| claims.clone().any(|c| c.id == **id))
        {
            body.push_str(&format!(" [see](claim:{id})"));
        }
        for (slug, fragment) in &note.links {
            let Some(target) = self.notes.iter().find(|n| n.slug == *slug) else {
                continue;
            };
            let hash = match (fragment, target.heading) {
                (true, Some(h)) => format!("#part-{h}"),
                _ => String::new(),
            };
            body.push_str(&format!(" [link](note:{slug}{hash})"));
        }
        if let Some(s) = &note.inline {
            body.push_str(&format!(" [@{}]", s.id));
        }
        body.push('\n');
        let charted: Vec<&Claim> = note.claims.iter().filter(|c| c.value.is_some()).collect();
        if note.chart && !charted.is_empty() {
            let labels: Vec<String> = charted.iter().map(|c| c.id.clone()).collect();
            let values: Vec<String> = charted.iter().map(|c| format!("claim:{}", c.id)).collect();
            body.push_str(&format!("\n```chart\ntype: bar\ntitle: Figures of {}\nunit: t\nlabels: [{}]\nseries:\n  - name: Tonnes\n    values: [{}]\nsources: [{}]\n```\n", note.slug, labels.join(", "), values.join(", "), self.sources[0].id));
        }
        body
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
    match list.iter().position(|x| *x == item) {
        Some(at) => drop(list.remove(at)),
        None => list.push(item),
    }
}
