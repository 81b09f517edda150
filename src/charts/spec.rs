//! A chart block as written: the YAML spec deserialised strictly, nothing checked yet.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::Block;
use crate::content::yaml;
use crate::diagnostics::Diagnostic;

/// The prefix that binds a value to a claim's figure: `claim:<id>`.
pub const CLAIM_PREFIX: &str = "claim:";

/// A chart spec as written in a ```` ```chart ```` block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// The chart type as written: `bar`, `horizontal-bar`, `line` or `pie`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What the chart shows, one line.
    pub title: String,
    /// The name of the chart's data file (`<id>.csv`), a slug unique in the briefing;
    /// without it the file is named by the page and the chart's number on it.
    pub id: Option<String>,
    /// What is measured, where and when, e.g. "Share of world total, 2024".
    pub subtitle: Option<String>,
    /// The unit of every value, e.g. `%` or `t REO`.
    pub unit: Option<String>,
    /// One label per point: a bar, a point on the lines, a slice.
    #[serde(default)]
    pub labels: Vec<String>,
    /// What the labels are, e.g. `Month` or `Country`: the heading of their column in the
    /// data table and the data file.
    pub label_name: Option<String>,
    /// The series of values, one value per label.
    #[serde(default)]
    pub series: Vec<SeriesSpec>,
    /// Whether the series of a bar chart are stacked into one bar per label instead of
    /// standing side by side.
    #[serde(default)]
    pub stacked: bool,
    /// Ids of the sources the numbers come from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// A sentence or two shown under the title.
    pub caption: Option<String>,
    /// A note on the data: derivations, caveats, what is left out.
    pub note: Option<String>,
}

/// One series as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesSpec {
    /// The series' name, shown in the legend and the data table.
    pub name: String,
    /// One value per label.
    #[serde(default)]
    pub values: Vec<ValueSpec>,
    /// The labels whose values are estimates, not reported figures: drawn hatched (bars,
    /// slices) or hollow (points), and marked so in the table.
    #[serde(default)]
    pub estimated: Vec<String>,
    /// The labels whose values are derived from other figures (computed, not reported):
    /// drawn as estimates are, and marked "derived" in the table.
    #[serde(default)]
    pub derived: Vec<String>,
}

/// A value as written: a number, or `claim:<id>` for a claim's figure.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueSpec {
    /// A plain number (possibly not finite: `.nan` and `.inf` are YAML numbers).
    Number(f64),
    /// The figure of the claim with this id.
    Claim(String),
}

/// Parses the YAML of `block` into a spec; a syntax or shape error is positioned in its file.
pub fn parse(block: &Block<'_>) -> Result<ChartSpec, Diagnostic> {
    yaml::parse::<ChartSpec>(block.yaml, block.file, block.first_line).map_err(|mut d| {
        if d.col > 0 {
            d.col += block.indent;
        }
        d
    })
}

impl<'de> Deserialize<'de> for ValueSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// Accepts numbers and `claim:<id>` text.
struct ValueVisitor;

impl Visitor<'_> for ValueVisitor {
    type Value = ValueSpec;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or `claim:<id>`")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ValueSpec, E> {
        Ok(ValueSpec::Number(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ValueSpec, E> {
        Ok(ValueSpec::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ValueSpec, E> {
        Ok(ValueSpec::Number(v as f64))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ValueSpec, E> {
        match v.trim().strip_prefix(CLAIM_PREFIX) {
            Some(id) => Ok(ValueSpec::Claim(id.trim().to_string())),
            None => Err(E::custom(format!(
                "`{v}` is not a number; help: write a plain number such as 69 or 4000.3 (no thousands separators or units), or `claim:<id>` for a claim's figure"
            ))),
        }
    }
}
