//! Charts: the YAML spec of a ```` ```chart ```` block → a checked [`Chart`] → an accessible
//! `<figure>` holding inline SVG, a caption that cites its sources, and the numbers as a table.
//!
//! This is the one module that uses charts-rs. It knows nothing about notes or claims: the
//! caller resolves `claim:<id>` values to numbers and source ids to titles and URLs, and
//! passes plain values in. Diagnostics point at the offending line of the block in its file.
//!
//! The stages: [`parse`] (YAML → [`ChartSpec`]) → [`check`] (spec and resolved values →
//! [`Chart`], or diagnostics) → [`figure`] (chart → HTML, deterministic bytes).

mod axis;
mod check;
mod data;
mod draw;
mod figure;
mod kinds;
mod labels;
mod locate;
mod marks;
mod place;
mod spec;
mod values;

#[cfg(test)]
mod extremes;
#[cfg(test)]
mod named_tests;
#[cfg(test)]
mod stacked_tests;
#[cfg(test)]
mod tests;

pub use check::check;
pub use data::{DATA_DIR, Data, path as data_path};
pub use draw::{Layout, PALETTE};
pub use figure::{Cited, describe, figure, figure_linked, svg};
pub use spec::{CLAIM_PREFIX, ChartSpec, SeriesSpec, ValueSpec, parse};
pub use values::{MAX_VALUE, MIN_VALUE};

/// The static files that charts need: the font their text is measured with, and its licence.
/// A site without charts does not get them.
pub const ASSETS: [&str; 2] = ["fonts/Roboto.ttf", "fonts/LICENSE-Roboto.txt"];

/// A chart block in its file: the YAML and where it starts.
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// The file, for diagnostics.
    pub file: &'a str,
    /// The file line on which the YAML starts.
    pub first_line: usize,
    /// How many characters a container (a list item, a block quote) takes off the start of
    /// each of the block's lines in the file: added back to every column.
    pub indent: usize,
}

/// A place in a chart block that a diagnostic can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The start of the block.
    Start,
    /// A top-level key, e.g. `type`.
    Key(&'static str),
    /// The n-th series.
    Series(usize),
    /// The `values:` of the n-th series.
    Values(usize),
    /// Value j of series i.
    Value(usize, usize),
    /// The n-th label.
    Label(usize),
    /// The n-th source id.
    Source(usize),
    /// Item k of the `estimated:` list of series i.
    Estimated(usize, usize),
    /// Item k of the `derived:` list of series i.
    Derived(usize, usize),
}

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Vertical bars, grouped when there are several series.
    Bar,
    /// Horizontal bars: for long labels and ranked lists.
    HorizontalBar,
    /// Lines over an ordered axis, one per series.
    Line,
    /// A true pie: parts of one whole, one series.
    Pie,
}

impl Kind {
    /// Every kind, in the order the help text lists them.
    pub const ALL: [Kind; 4] = [Kind::Bar, Kind::HorizontalBar, Kind::Line, Kind::Pie];

    /// The kind written as `name` in a spec.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The name written in a spec.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Bar => "bar",
            Kind::HorizontalBar => "horizontal-bar",
            Kind::Line => "line",
            Kind::Pie => "pie",
        }
    }

    /// The kind in words, e.g. "horizontal bar chart".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Bar => "bar chart",
            Kind::HorizontalBar => "horizontal bar chart",
            Kind::Line => "line chart",
            Kind::Pie => "pie chart",
        }
    }

    /// The most labels (bars, points, slices) the kind shows legibly at 390 px wide.
    pub fn max_points(self) -> usize {
        match self {
            Kind::Bar => 12,
            Kind::HorizontalBar => 20,
            Kind::Line => 24,
            Kind::Pie => 6,
        }
    }

    /// The most series the kind shows legibly (colours beyond that are hard to tell apart).
    pub fn max_series(self) -> usize {
        match self {
            Kind::Bar | Kind::HorizontalBar => 3,
            Kind::Line => 4,
            Kind::Pie => 1,
        }
    }

    /// What one label is called, for messages: "bar", "point", "slice".
    pub fn point(self) -> &'static str {
        match self {
            Kind::Bar | Kind::HorizontalBar => "bar",
            Kind::Line => "point",
            Kind::Pie => "slice",
        }
    }
}

/// A checked chart: every value a finite number, one per label; ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The kind.
    pub kind: Kind,
    /// What it shows.
    pub title: String,
    /// What is measured, where and when.
    pub subtitle: Option<String>,
    /// The unit of every value.
    pub unit: Option<String>,
    /// One label per point, in order.
    pub labels: Vec<String>,
    /// What the labels are (`Month`, `Country`): the heading of their column in the table.
    pub label_name: String,
    /// The series; each has one value per label.
    pub series: Vec<Series>,
    /// Whether a bar chart's series are stacked into one bar per label.
    pub stacked: bool,
    /// A sentence or two under the title.
    pub caption: Option<String>,
    /// Derivations, caveats, what is left out.
    pub note: Option<String>,
}

impl Chart {
    /// The heights the value axis must hold: each label's total when stacked, else every value.
    pub fn heights(&self) -> Vec<f64> {
        if !self.stacked {
            return self
                .series
                .iter()
                .flat_map(|s| s.values.iter().copied())
                .collect();
        }
        let totals = (0..self.labels.len())
            .map(|j| self.series.iter().filter_map(|s| s.values.get(j)).sum());
        totals.collect()
    }

    /// The kind in words: "stacked bar chart" when stacked.
    pub fn kind_label(&self) -> &'static str {
        if self.stacked {
            "stacked bar chart"
        } else {
            self.kind.label()
        }
    }
}

/// One series of a checked chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its name.
    pub name: String,
    /// One finite value per label.
    pub values: Vec<f64>,
    /// The positions of the labels whose values are estimates, ascending.
    pub estimated: Vec<usize>,
    /// The positions of the labels whose values are derived from other figures (listed in
    /// `derived:`, or bound to a claim with a derivation), ascending.
    pub derived: Vec<usize>,
}

impl Series {
    /// Whether the value at label `j` is an estimate.
    pub fn is_estimated(&self, j: usize) -> bool {
        self.estimated.binary_search(&j).is_ok()
    }

    /// Whether the value at label `j` is derived from other figures.
    pub fn is_derived(&self, j: usize) -> bool {
        self.derived.binary_search(&j).is_ok()
    }

    /// Whether the value at label `j` is not a reported figure, and drawn so: estimated or
    /// derived.
    pub fn is_marked(&self, j: usize) -> bool {
        self.is_estimated(j) || self.is_derived(j)
    }

    /// Whether any of its values is estimated or derived.
    pub fn has_marks(&self) -> bool {
        !self.estimated.is_empty() || !self.derived.is_empty()
    }
}
