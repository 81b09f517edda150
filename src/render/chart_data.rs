//! The charts' data files: `data/<name>.csv` for every chart of the briefing, made again on
//! every build from the briefing (they are small) and written only when their bytes change,
//! so that an edit to a chart, or to a claim or source a chart's value comes from, reaches
//! its file.

use std::collections::HashMap;

use crate::model::Briefing;
use crate::output::{Body, OutputFile};

/// Every chart's data file.
pub fn files(briefing: &Briefing) -> Vec<OutputFile> {
    if briefing.chart_data.is_empty() {
        return Vec::new();
    }
    let claims: HashMap<&str, usize> = (briefing.claims.unnoted().iter().enumerate())
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let sources = briefing.sources.unnoted();
    let claim_sources = |id: &str| {
        let claim = &briefing.claims.unnoted()[*claims.get(id)?];
        let ids = claim.sources.iter().map(|s| sources[s.source].id.clone());
        Some(ids.collect())
    };
    briefing
        .chart_data
        .iter()
        .map(|data| OutputFile {
            path: data.path(),
            body: Body::Owned(data.csv(&claim_sources).into_bytes()),
        })
        .collect()
}
