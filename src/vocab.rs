//! The controlled vocabularies of a briefing: confidence, status, a claim's kind and a
//! judgment's likelihood (ICD 203), source kind, and the
//! Admiralty grading of sources (reliability A–F) and of information (credibility 1–6).
//!
//! Each term has a stable slug (`as_str`, used in YAML and CSS classes) and a label for readers.

use serde::{Deserialize, Serialize};

/// Declares a vocabulary: an enum whose YAML spelling is its slug, with a label per term.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $slug:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $slug)] $variant,)+
        }

        impl $name {
            /// Every term, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The slug written in YAML and used in CSS classes.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $slug,)+ }
            }

            /// The words shown to readers.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }
    };
}

vocabulary! {
    /// How sure the analyst is of a claim.
    Confidence {
        /// Solid evidence from reliable, independent sources.
        High = "high", "High confidence";
        /// Credible but incomplete evidence.
        Moderate = "moderate", "Moderate confidence";
        /// Fragmentary or conflicting evidence.
        Low = "low", "Low confidence";
    }
}

vocabulary! {
    /// The assessed status of a claim made elsewhere (a seed article, an official, a report).
    Status {
        /// The evidence supports it.
        Confirmed = "confirmed", "Confirmed";
        /// Part of it holds, part does not.
        PartlyConfirmed = "partly-confirmed", "Partly confirmed";
        /// No evidence found either way.
        Unconfirmed = "unconfirmed", "Unconfirmed";
        /// Credible sources disagree.
        Disputed = "disputed", "Disputed";
        /// The evidence says otherwise.
        Contradicted = "contradicted", "Contradicted";
    }
}

vocabulary! {
    /// Whether a claim states what is (a fact the sources show) or what the analyst assesses.
    ClaimKind {
        /// A statement the sources show.
        Fact = "fact", "Fact";
        /// The analyst's assessment, with a likelihood.
        Judgment = "judgment", "Judgment";
    }
}

vocabulary! {
    /// How probable a judgment is, on the seven bands of ICD 203 (US Intelligence Community
    /// Directive 203, *Analytic Standards*).
    Likelihood {
        /// 1–5 %.
        AlmostNoChance = "almost-no-chance", "Almost no chance";
        /// 5–20 %.
        VeryUnlikely = "very-unlikely", "Very unlikely";
        /// 20–45 %.
        Unlikely = "unlikely", "Unlikely";
        /// 45–55 %.
        RoughlyEven = "roughly-even", "Roughly even chance";
        /// 55–80 %.
        Likely = "likely", "Likely";
        /// 80–95 %.
        VeryLikely = "very-likely", "Very likely";
        /// 95–99 %.
        AlmostCertain = "almost-certain", "Almost certain";
    }
}

impl Likelihood {
    /// The band's probability, in percent, as ICD 203 gives it.
    pub fn percent(self) -> (u8, u8) {
        match self {
            Likelihood::AlmostNoChance => (1, 5),
            Likelihood::VeryUnlikely => (5, 20),
            Likelihood::Unlikely => (20, 45),
            Likelihood::RoughlyEven => (45, 55),
            Likelihood::Likely => (55, 80),
            Likelihood::VeryLikely => (80, 95),
            Likelihood::AlmostCertain => (95, 99),
        }
    }

    /// The band's probability for readers: `55–80 %`.
    pub fn range(self) -> String {
        let (low, high) = self.percent();
        format!("{low}–{high} %")
    }
}

vocabulary! {
    /// What a project makes of a rule (`checks:` in `dossier.yaml`).
    Level {
        /// Not reported as a problem: listed as silenced, with the reason.
        Off = "off", "Off";
        /// Reported, and the build goes on.
        Warning = "warning", "Warning";
        /// Reported, and the build stops.
        Error = "error", "Error";
    }
}

vocabulary! {
    /// What kind of document a source is.
    SourceKind {
        /// Statistics published by an official body.
        OfficialStatistics = "official-statistics", "Official statistics";
        /// A statement by an official or an official body.
        OfficialStatement = "official-statement", "Official statement";
        /// A law, regulation or official announcement with legal force.
        Law = "law", "Law or regulation";
        /// A news report.
        News = "news", "News report";
        /// Analysis by a research group, firm or specialist outlet.
        Analysis = "analysis", "Analysis";
        /// An opinion piece or commentary.
        Opinion = "opinion", "Opinion";
        /// A dataset.
        Dataset = "dataset", "Dataset";
    }
}

vocabulary! {
    /// Admiralty grading of a source's reliability.
    Reliability {
        /// A record of complete reliability.
        A = "A", "Completely reliable";
        /// Minor doubts; valid information most of the time.
        B = "B", "Usually reliable";
        /// Doubts; valid information in the past.
        C = "C", "Fairly reliable";
        /// Significant doubts.
        D = "D", "Not usually reliable";
        /// A history of invalid information.
        E = "E", "Unreliable";
        /// No basis for judging.
        F = "F", "Reliability cannot be judged";
    }
}

/// Admiralty grading of one piece of information's credibility, 1 (confirmed) to 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Credibility(u8);

impl Credibility {
    /// The grade for `n`, if `n` is 1–6.
    pub fn new(n: u8) -> Option<Self> {
        (1..=6).contains(&n).then_some(Credibility(n))
    }

    /// The digit 1–6.
    pub fn value(self) -> u8 {
        self.0
    }

    /// The words shown to readers.
    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "Confirmed by other sources",
            2 => "Probably true",
            3 => "Possibly true",
            4 => "Doubtful",
            5 => "Improbable",
            _ => "Truth cannot be judged",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_labels_round_trip() {
        assert_eq!(Status::PartlyConfirmed.as_str(), "partly-confirmed");
        assert_eq!(Reliability::B.label(), "Usually reliable");
        assert_eq!(SourceKind::ALL.len(), 7);
    }

    #[test]
    fn credibility_accepts_one_to_six() {
        assert_eq!(
            Credibility::new(2).map(Credibility::label),
            Some("Probably true")
        );
        assert_eq!(Credibility::new(0), None);
        assert_eq!(Credibility::new(7), None);
    }
}
