//! Charts in bodies: a chart block's `claim:<id>` values become those claims' figures (marked
//! derived when the claim's figure is), its source ids become links to their pages, and every
//! problem is reported at its line. What each chart uses is recorded for the "charts that use
//! this claim/source" backlinks, with its numbers for its data file; [`check_names`] makes
//! sure no two charts of the briefing write the same data file.

use std::sync::Arc;

use super::declare::Text;
use super::resolve::Index;
use crate::charts::{self, Anchor, Block, Chart, ChartSpec, Cited, Data, ValueSpec};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos, did_you_mean};
use crate::html::escape;
use crate::urls;

/// A chart drawn in a body, and what it uses.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ChartUse {
    /// The chart's title.
    pub title: String,
    /// Its element id on the page, e.g. `chart-1`.
    pub anchor: String,
    /// The ids of the claims its values are bound to.
    pub claims: Vec<String>,
    /// The ids of the sources it cites.
    pub sources: Vec<String>,
    /// Its numbers and where each comes from, for its data file.
    pub data: Arc<Data>,
    /// The file it is in, and where its `id:` is written (the start of the block without
    /// one): where two charts naming the same data file are reported.
    pub named_at: (String, Pos),
    /// Whether its data file is named by its `id:` (not by its page and number).
    pub by_id: bool,
}

/// A chart block resolved: its HTML, what it uses (when it could be drawn), its problems.
pub(super) struct Charted {
    /// The `<figure>`, or the block as code when it has errors.
    pub html: String,
    /// What the chart uses; `None` when it has errors.
    pub used: Option<ChartUse>,
    /// Its problems, at their lines.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a chart is: the body it is in, where its source links go, its element id.
pub(super) struct ChartPlace<'t, 'c> {
    /// The body.
    pub text: &'t Text<'c>,
    /// Where links to the chart's sources point.
    pub links: SourceLinks<'t>,
    /// The element id the chart gets; the ids inside the chart start with it.
    pub anchor: String,
    /// Where in the file the chart's YAML starts.
    pub start: Pos,
}

/// Where a chart's links to its sources point.
#[derive(Debug, Clone, Copy)]
pub(super) enum SourceLinks<'t> {
    /// To the source pages, from a page whose way back to the site root is this prefix.
    Pages(&'t str),
    /// To the sources listed on the same page (`#source-<id>`): the print edition.
    InPage,
}

/// Resolves and draws the chart block `yaml`, found at `at`.
pub(super) fn chart(index: &Index<'_>, at: &ChartPlace<'_, '_>, yaml: &str) -> Charted {
    let block = Block {
        yaml,
        file: at.text.file,
        first_line: at.start.line,
        indent: at.start.col.saturating_sub(1),
    };
    let spec = match charts::parse(&block) {
        Ok(spec) => spec,
        Err(d) => return failed(yaml, vec![d]),
    };
    let mut diagnostics = Vec::new();
    let bound: Vec<Vec<Bound>> = (0..spec.series.len())
        .map(|i| bind_series(index, &spec, &block, i, &mut diagnostics))
        .collect();
    let values: Vec<Vec<Option<f64>>> = (bound.iter())
        .map(|s| s.iter().map(|b| b.value).collect())
        .collect();
    let (sources, cited) = cite(index, &spec, &block, at.links, &mut diagnostics);
    let checked = charts::check(&spec, &values, &block);
    let mut chart = match checked {
        Ok(chart) if diagnostics.is_empty() => chart,
        Ok(_) => return failed(yaml, diagnostics),
        Err(mut problems) => {
            diagnostics.append(&mut problems);
            return failed(yaml, diagnostics);
        }
    };
    mark_derived(index, &mut chart, &bound);
    let name = data_name(&spec, at);
    let href = match at.links {
        SourceLinks::Pages(root) => Some(format!("{root}{}", charts::data_path(&name))),
        SourceLinks::InPage => None,
    };
    let open = matches!(at.links, SourceLinks::InPage);
    match charts::figure_linked(&chart, &at.anchor, &cited, href.as_deref(), open) {
        Ok(html) => {
            let claims: Vec<Vec<Option<String>>> = (bound.into_iter())
                .map(|s| s.into_iter().map(|b| b.claim).collect())
                .collect();
            let named_at = match spec.id {
                Some(_) => block.pos(Anchor::Key("id")),
                None => block.pos(Anchor::Start),
            };
            Charted {
                html,
                used: Some(ChartUse {
                    title: chart.title.clone(),
                    anchor: at.anchor.clone(),
                    claims: claims.iter().flatten().flatten().cloned().collect(),
                    sources: sources.clone(),
                    data: Arc::new(Data {
                        name,
                        chart,
                        claims,
                        sources,
                    }),
                    named_at: (block.file.to_string(), named_at),
                    by_id: spec.id.is_some(),
                }),
                diagnostics,
            }
        }
        Err(error) => {
            let d = Diagnostic::error(
                Code::ChartRender,
                block.file,
                block.pos(Anchor::Start),
                format!("the chart could not be drawn: {error}"),
            )
            .with_help("this is a bug in dossier: please report it with the chart block");
            failed(yaml, vec![d])
        }
    }
}

/// A value of a chart, and the claim it is bound to (when it is, and could be).
struct Bound {
    /// The number; `None` where a claim cannot be used.
    value: Option<f64>,
    /// The claim's id.
    claim: Option<String>,
}

/// Marks as derived the values of `chart` bound to claims whose figures are derived.
fn mark_derived(index: &Index<'_>, chart: &mut Chart, bound: &[Vec<Bound>]) {
    for (series, values) in chart.series.iter_mut().zip(bound) {
        let derived = values.iter().enumerate().filter(|(_, b)| {
            let claim = b.claim.as_deref().and_then(|id| index.claims.get(id));
            claim.is_some_and(|&c| index.claim_derived[c])
        });
        series.derived.extend(derived.map(|(j, _)| j));
        series.derived.sort_unstable();
        series.derived.dedup();
    }
}

/// The name of a chart's data file: its `id:`, else its page's name (the note's slug, the
/// source's file name, `index` for the front page) and its number on the page.
fn data_name(spec: &ChartSpec, at: &ChartPlace<'_, '_>) -> String {
    if let Some(id) = &spec.id {
        return id.trim().to_string();
    }
    let stem = std::path::Path::new(at.text.file)
        .file_stem()
        .map_or(String::new(), |s| s.to_string_lossy().into_owned());
    let page = stem.trim_start_matches('_');
    let number = at.anchor.rsplit('-').next().unwrap_or("1");
    format!("{page}-{number}")
}

/// Reports every chart whose data file another chart of the briefing (in `charts`, in
/// reading order) already writes, at the later chart's `id:` (or start, without one).
pub(super) fn check_names<'c>(
    charts: impl Iterator<Item = &'c ChartUse>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut first: crate::fingerprint::Map<&str, &ChartUse> = Default::default();
    for chart in charts {
        let Some(&earlier) = first.get(chart.data.name.as_str()) else {
            first.insert(chart.data.name.as_str(), chart);
            continue;
        };
        let (file, pos) = &chart.named_at;
        let (first_file, first_pos) = &earlier.named_at;
        let (path, name) = (chart.data.path(), &chart.data.name);
        let (message, help) = match chart.by_id {
            true => (
                format!("the chart id `{name}` is taken: another chart's data file has that name"),
                "give this chart another `id:`",
            ),
            false => (
                format!(
                    "this chart's data file, named by its page and number, would be `{path}`, which another chart writes"
                ),
                "give this chart an `id:`",
            ),
        };
        let help = format!(
            "the chart at {first_file}:{}:{} writes `{path}`; {help}",
            first_pos.line, first_pos.col
        );
        diagnostics.push(Diagnostic::error(Code::DuplicateId, file, *pos, message).with_help(help));
    }
}

/// The block shown as code, with its problems.
fn failed(yaml: &str, diagnostics: Vec<Diagnostic>) -> Charted {
    Charted {
        html: format!(
            "<pre><code class=\"language-chart\">{}</code></pre>\n",
            escape(yaml)
        ),
        used: None,
        diagnostics,
    }
}

/// The values of series `i`, claims replaced by their figures; `None` where a claim cannot be
/// used (reported to `diagnostics`).
fn bind_series(
    index: &Index<'_>,
    spec: &ChartSpec,
    block: &Block<'_>,
    i: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Bound> {
    let unit = spec.unit.as_deref().map(str::trim);
    let mut values = Vec::new();
    for (j, value) in spec.series[i].values.iter().enumerate() {
        let id = match value {
            ValueSpec::Number(n) => {
                values.push(Bound {
                    value: Some(*n),
                    claim: None,
                });
                continue;
            }
            ValueSpec::Claim(id) => id.as_str(),
        };
        let found = bind(index, id, unit, block.pos(Anchor::Value(i, j)), block.file);
        values.push(match found {
            Ok(figure) => Bound {
                value: Some(figure),
                claim: Some(id.to_string()),
            },
            Err(d) => {
                diagnostics.push(d);
                Bound {
                    value: None,
                    claim: None,
                }
            }
        });
    }
    values
}

/// The figure of claim `id`, if it has one in the chart's `unit`.
fn bind(
    index: &Index<'_>,
    id: &str,
    unit: Option<&str>,
    pos: crate::diagnostics::Pos,
    file: &str,
) -> Result<f64, Diagnostic> {
    let Some(&claim) = index.claims.get(id) else {
        let help = did_you_mean(
            id,
            index.claims.keys().copied(),
            "claims are declared under `claims:` in a note's front matter",
        );
        let message = format!("there is no claim `{id}`");
        return Err(Diagnostic::error(Code::UnknownClaim, file, pos, message).with_help(help));
    };
    let (value, claim_unit) = index.claim_figures[claim];
    let Some(value) = value else {
        let message = format!("the claim `{id}` has no figure to chart");
        let help = "bind only claims that have `value:` and `unit:`, or write the number and cite its source";
        return Err(Diagnostic::error(Code::ClaimWithoutValue, file, pos, message).with_help(help));
    };
    let claim_unit = claim_unit.map(str::trim);
    if claim_unit != unit {
        let message = format!(
            "the claim `{id}` {} but the chart {}",
            unit_words(claim_unit),
            unit_words(unit)
        );
        let wanted = match unit {
            Some(u) => format!("in `{u}`"),
            None => "without a unit".to_string(),
        };
        let help =
            format!("a chart shows one unit: bind a claim {wanted}, or change the chart's `unit:`");
        return Err(Diagnostic::error(Code::UnitMismatch, file, pos, message).with_help(help));
    }
    Ok(value)
}

fn unit_words(unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("is in `{u}`"),
        None => "has no unit".to_string(),
    }
}

/// The sources the chart cites, by id and as its caption shows them.
fn cite(
    index: &Index<'_>,
    spec: &ChartSpec,
    block: &Block<'_>,
    links: SourceLinks<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<String>, Vec<Cited>) {
    let mut found = Vec::new();
    let mut cited = Vec::new();
    for (j, id) in spec.sources.iter().enumerate() {
        let Some(&source) = index.sources.get(id.as_str()) else {
            let help = did_you_mean(
                id,
                index.sources.keys().copied(),
                "declare it in content/sources/ or under `sources:` in a note",
            );
            let message = format!("the chart cites `{id}`, which is not a source");
            let pos = block.pos(Anchor::Source(j));
            diagnostics.push(
                Diagnostic::error(Code::UnknownSource, block.file, pos, message).with_help(help),
            );
            continue;
        };
        found.push(id.clone());
        cited.push(Cited {
            title: index.source_titles[source].trim().to_string(),
            publisher: index.source_publishers[source].to_string(),
            url: match links {
                SourceLinks::Pages(root) => format!("{root}{}", urls::source(id)),
                SourceLinks::InPage => format!("#source-{id}"),
            },
        });
    }
    (found, cited)
}

#[cfg(test)]
mod tests {
    use crate::fingerprint::Map;

    use super::*;
    use crate::diagnostics::Pos;

    /// Claims `china-share` (69 %), `china-output` (270,000 t REO), `a-quote` (no figure);
    /// source `usgs`.
    fn index() -> Index<'static> {
        Index {
            claims: Map::from_iter([("china-share", 0), ("china-output", 1), ("a-quote", 2)]),
            sources: Map::from_iter([("usgs", 0)]),
            notes: Map::default(),
            print: 0,
            source_titles: vec![" Mineral Commodity Summaries 2025 "],
            source_publishers: vec!["U.S. Geological Survey"],
            claim_figures: vec![
                (Some(69.0), Some("%")),
                (Some(270_000.0), Some("t REO")),
                (None, None),
            ],
            claim_derived: vec![true, false, false],
        }
    }

    /// A note body whose chart block has `values` and `sources`; its YAML starts on line 4.
    fn body(values: &str, sources: &str) -> String {
        format!(
            "Intro.\n\n```chart\ntype: bar\ntitle: Shares\nunit: \"%\"\nlabels: [Mining, Refining]\nseries:\n  - name: China\n    values: {values}\nsources: {sources}\n```\n"
        )
    }

    fn draw(body: &str) -> Charted {
        let text = Text {
            markdown: body,
            file: "content/notes/n.md",
            origin: Some((body, 0)),
            at: Pos::new(1, 1),
        };
        let fence = body.find("```chart\n").unwrap();
        let start = fence + "```chart\n".len();
        let end = start + body[start..].find("```").unwrap();
        let place = ChartPlace {
            text: &text,
            links: SourceLinks::Pages("../../"),
            anchor: "chart-3".into(),
            start: Pos::new(Pos::of_offset(body, fence).line + 1, 1),
        };
        chart(&index(), &place, &body[start..end])
    }

    fn errors(charted: &Charted) -> String {
        assert!(charted.used.is_none());
        assert!(
            charted
                .html
                .starts_with("<pre><code class=\"language-chart\">")
        );
        charted
            .diagnostics
            .iter()
            .map(|d| format!("{d}\n"))
            .collect()
    }

    #[test]
    fn claim_values_become_figures_and_uses_are_recorded() {
        let charted = draw(&body("[claim:china-share, 91]", "[usgs]"));
        assert!(charted.diagnostics.is_empty(), "{:?}", charted.diagnostics);
        // `china-share`'s figure is derived: so is the value bound to it
        assert!(charted.html.contains(
            "<tr><th scope=\"row\">Mining</th><td>69 <span class=\"chart-estimated\">(derived)</span></td></tr>"
        ));
        assert!(charted.html.contains("<td>91</td>"));
        assert!(charted.html.contains(
            "<a href=\"../../sources/usgs/index.html\" title=\"Mineral Commodity Summaries 2025\">U.S. Geological Survey</a>"
        ));
        assert!(charted.html.contains(
            "<p class=\"chart-download\"><a href=\"../../data/n-3.csv\" download>Download the data (CSV)</a></p>"
        ));
        let used = charted.used.unwrap();
        assert_eq!(
            (used.title.as_str(), used.anchor.as_str()),
            ("Shares", "chart-3")
        );
        assert_eq!(
            (used.claims, used.sources),
            (vec!["china-share".into()], vec!["usgs".into()])
        );
        assert_eq!(used.named_at, ("content/notes/n.md".into(), Pos::new(4, 1)));
        let data = &used.data;
        assert_eq!(data.name, "n-3");
        assert_eq!(data.claims, [vec![Some("china-share".into()), None]]);
        assert_eq!(data.chart.series[0].derived, [0]);
        assert_eq!(data.sources, ["usgs"]);
    }

    #[test]
    fn a_chart_id_names_its_data_file_and_two_charts_cannot_share_one() {
        let with_id = body("[69, 91]", "[usgs]").replace("type: bar\n", "type: bar\nid: shares\n");
        let named = draw(&with_id).used.unwrap();
        assert_eq!(named.data.name, "shares");
        assert_eq!(named.named_at.1, Pos::new(5, 1));
        let other = draw(&body("[69, 91]", "[usgs]")).used.unwrap();
        let mut twin = named.clone();
        twin.named_at = ("content/notes/m.md".into(), Pos::new(7, 5));
        // a chart that takes by its id the name `n-3`, which a chart after it gets from its
        // page and number
        let mut taken = named.clone();
        Arc::make_mut(&mut taken.data).name = "n-3".into();
        let mut diagnostics = Vec::new();
        check_names(
            [&named, &taken, &other, &twin].into_iter(),
            &mut diagnostics,
        );
        let shown: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "content/notes/n.md:4:1: error[duplicate-id]: this chart's data file, named by its page and number, would be `data/n-3.csv`, which another chart writes\n  help: the chart at content/notes/n.md:5:1 writes `data/n-3.csv`; give this chart an `id:`",
                "content/notes/m.md:7:5: error[duplicate-id]: the chart id `shares` is taken: another chart's data file has that name\n  help: the chart at content/notes/n.md:5:1 writes `data/shares.csv`; give this chart another `id:`",
            ]
        );
    }

    #[test]
    fn an_unknown_claim_suggests_the_closest() {
        assert_eq!(
            errors(&draw(&body("[claim:china-shares, 91]", "[usgs]"))),
            "content/notes/n.md:10:14: error[unknown-claim]: there is no claim `china-shares`\n  help: did you mean `china-share`?\n"
        );
    }

    #[test]
    fn a_claim_without_a_figure_cannot_be_charted() {
        assert_eq!(
            errors(&draw(&body("[69, claim:a-quote]", "[usgs]"))),
            "content/notes/n.md:10:18: error[claim-without-value]: the claim `a-quote` has no figure to chart\n  help: bind only claims that have `value:` and `unit:`, or write the number and cite its source\n"
        );
    }

    #[test]
    fn a_claim_in_another_unit_cannot_be_charted() {
        assert_eq!(
            errors(&draw(&body("[claim:china-output, 91]", "[usgs]"))),
            "content/notes/n.md:10:14: error[unit-mismatch]: the claim `china-output` is in `t REO` but the chart is in `%`\n  help: a chart shows one unit: bind a claim in `%`, or change the chart's `unit:`\n"
        );
    }

    #[test]
    fn an_unknown_source_suggests_the_closest() {
        assert_eq!(
            errors(&draw(&body("[69, 91]", "[usgs, usgz]"))),
            "content/notes/n.md:11:17: error[unknown-source]: the chart cites `usgz`, which is not a source\n  help: did you mean `usgs`?\n"
        );
    }
}
