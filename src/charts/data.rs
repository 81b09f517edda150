//! A chart's data file: its numbers as CSV (RFC 4180), one row per value, with the label, the
//! series, the unit, whether the value is estimated or derived, and where it comes from (the
//! claim it is bound to and that claim's sources, or the chart's sources), as Our World in
//! Data offers the numbers behind each of its charts.

use super::Chart;

/// The folder of the site that holds the data files, ending in `/`.
pub const DATA_DIR: &str = "data/";

/// The columns after the labels' own (named by the chart's `label_name`).
const COLUMNS: [&str; 7] = [
    "series",
    "value",
    "unit",
    "estimated",
    "derived",
    "claim",
    "sources",
];

/// A chart's numbers and where each comes from: what its data file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    /// The file's name without `.csv`: the chart's `id:`, else its page's name and its
    /// number on the page (`export-flows-2`).
    pub name: String,
    /// The chart, as drawn.
    pub chart: Chart,
    /// The id of the claim each value is bound to, by series, then label.
    pub claims: Vec<Vec<Option<String>>>,
    /// The ids of the sources the chart cites.
    pub sources: Vec<String>,
}

impl Data {
    /// The file's path in the site: `data/<name>.csv`.
    pub fn path(&self) -> String {
        path(&self.name)
    }

    /// The CSV, lines ending in CRLF. A value bound to a claim is credited to that claim's
    /// sources, as `claim_sources` gives them (`None` for a claim that is not there: the
    /// chart's sources are given instead); any other value to the chart's sources.
    pub fn csv(&self, claim_sources: &dyn Fn(&str) -> Option<Vec<String>>) -> String {
        let chart = &self.chart;
        let first = match COLUMNS
            .iter()
            .any(|c| c.eq_ignore_ascii_case(chart.label_name.trim()))
        {
            true => "label",
            false => chart.label_name.as_str(),
        };
        let mut out = String::new();
        let header = std::iter::once(first).chain(COLUMNS);
        row(&mut out, header.map(str::to_string));
        let unit = chart.unit.clone().unwrap_or_default();
        for (j, label) in chart.labels.iter().enumerate() {
            for (i, series) in chart.series.iter().enumerate() {
                let claim = self.claims.get(i).and_then(|c| c.get(j)).cloned().flatten();
                let sources = claim
                    .as_deref()
                    .and_then(claim_sources)
                    .unwrap_or_else(|| self.sources.clone());
                let value = series
                    .values
                    .get(j)
                    .map_or(String::new(), |v| v.to_string());
                row(
                    &mut out,
                    [
                        label.clone(),
                        series.name.clone(),
                        value,
                        unit.clone(),
                        series.is_estimated(j).to_string(),
                        series.is_derived(j).to_string(),
                        claim.unwrap_or_default(),
                        sources.join(";"),
                    ],
                );
            }
        }
        out
    }
}

/// The path in the site of the data file named `name`.
pub fn path(name: &str) -> String {
    format!("{DATA_DIR}{name}.csv")
}

/// Appends one record of `fields`, each quoted when it must be.
fn row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (k, field) in fields.into_iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(&quoted(&field));
    }
    out.push_str("\r\n");
}

/// `field` as a CSV field: in double quotes, its own doubled, when it holds a comma, a quote
/// or a line break, or starts or ends with a space (which readers may trim).
fn quoted(field: &str) -> String {
    let special =
        field.contains([',', '"', '\r', '\n']) || field.starts_with(' ') || field.ends_with(' ');
    match special {
        true => format!("\"{}\"", field.replace('"', "\"\"")),
        false => field.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Kind;
    use super::super::tests::sample_chart;
    use super::*;

    fn data() -> Data {
        let mut chart = sample_chart(Kind::Bar);
        chart.series[0].name = "Exports, \"all\"".into();
        chart.series[0].estimated = vec![2];
        chart.series[1].derived = vec![0, 1, 2];
        Data {
            name: "export-flows-1".into(),
            chart,
            claims: vec![
                vec![None, Some("march-exports".into()), Some("gone".into())],
                vec![None, None, None],
            ],
            sources: vec!["customs".into(), "reuters".into()],
        }
    }

    #[test]
    fn one_row_per_value_with_where_it_comes_from() {
        let sources = |id: &str| (id == "march-exports").then(|| vec!["customs".to_string()]);
        let csv = data().csv(&sources);
        assert_eq!(
            csv,
            "Month,series,value,unit,estimated,derived,claim,sources\r\n\
             January–February combined,\"Exports, \"\"all\"\"\",8511,t,false,false,,customs;reuters\r\n\
             January–February combined,Average,4846,t,false,true,,customs;reuters\r\n\
             March,\"Exports, \"\"all\"\"\",5666.3,t,false,false,march-exports,customs\r\n\
             March,Average,4846,t,false,true,,customs;reuters\r\n\
             April,\"Exports, \"\"all\"\"\",4784.8,t,true,false,gone,customs;reuters\r\n\
             April,Average,4846,t,false,true,,customs;reuters\r\n"
        );
        assert_eq!(data().path(), "data/export-flows-1.csv");
    }

    #[test]
    fn values_are_written_in_full_and_fields_quoted_only_when_needed() {
        let mut d = data();
        d.chart.label_name = "Value".into();
        d.chart.series[0].values = vec![1e15, 0.000001, 0.0];
        d.chart.labels[0] = " padded".into();
        let csv = d.csv(&|_| None);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        // a label name that is one of the other columns gives way to `label`
        assert!(lines[0].starts_with("label,series,value,"), "{csv}");
        assert!(lines[1].starts_with("\" padded\",\"Exports, \"\"all\"\"\",1000000000000000,"));
        assert!(lines[3].starts_with("March,\"Exports, \"\"all\"\"\",0.000001,"));
        assert!(lines[5].starts_with("April,\"Exports, \"\"all\"\"\",0,"));
        assert_eq!(quoted("a\nb"), "\"a\nb\"");
        assert_eq!(quoted("plain text"), "plain text");
    }
}
