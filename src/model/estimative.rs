//! Estimative language (ICD 203): the words of the likelihood scale and their bands, the
//! vague words outside it, and the confidence phrases, found as whole words and phrases in a
//! claim's text. Text inside quotation marks is reported speech, and left alone.

use crate::codes::Code;
use crate::content::ClaimSpec;
use crate::diagnostics::{Diagnostic, Pos};
use crate::vocab::{ClaimKind, Likelihood};

/// What kind of estimative word a term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    /// A word of the likelihood scale, in the band it means.
    Scale(Likelihood),
    /// A word that expresses no defined probability ("possibly", "might").
    Vague,
    /// A confidence level ("high confidence"): about the evidence, not the event.
    Confidence,
}

/// One estimative word or phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// What it expresses.
    pub sense: Sense,
    /// Where it starts in the text, in bytes.
    pub at: usize,
    /// The words as written.
    pub words: String,
    /// Which sentence of the text it is in (from 0).
    pub sentence: usize,
}

/// The phrases, word by word, longest first where one starts another.
const PHRASES: &[(&[&str], Sense)] = &[
    (
        &["almost", "no", "chance"],
        Sense::Scale(Likelihood::AlmostNoChance),
    ),
    (&["remote"], Sense::Scale(Likelihood::AlmostNoChance)),
    (
        &["very", "unlikely"],
        Sense::Scale(Likelihood::VeryUnlikely),
    ),
    (
        &["highly", "improbable"],
        Sense::Scale(Likelihood::VeryUnlikely),
    ),
    (&["unlikely"], Sense::Scale(Likelihood::Unlikely)),
    (&["improbable"], Sense::Scale(Likelihood::Unlikely)),
    (&["improbably"], Sense::Scale(Likelihood::Unlikely)),
    (
        &["roughly", "even", "chance"],
        Sense::Scale(Likelihood::RoughlyEven),
    ),
    (
        &["roughly", "even", "odds"],
        Sense::Scale(Likelihood::RoughlyEven),
    ),
    (&["very", "likely"], Sense::Scale(Likelihood::VeryLikely)),
    (
        &["highly", "probable"],
        Sense::Scale(Likelihood::VeryLikely),
    ),
    (&["likely"], Sense::Scale(Likelihood::Likely)),
    (&["probable"], Sense::Scale(Likelihood::Likely)),
    (&["probably"], Sense::Scale(Likelihood::Likely)),
    (
        &["almost", "certainly"],
        Sense::Scale(Likelihood::AlmostCertain),
    ),
    (
        &["almost", "certain"],
        Sense::Scale(Likelihood::AlmostCertain),
    ),
    (
        &["nearly", "certain"],
        Sense::Scale(Likelihood::AlmostCertain),
    ),
    (&["cannot", "rule", "out"], Sense::Vague),
    (&["can't", "rule", "out"], Sense::Vague),
    (&["possibly"], Sense::Vague),
    (&["possible"], Sense::Vague),
    (&["perhaps"], Sense::Vague),
    (&["conceivably"], Sense::Vague),
    (&["might"], Sense::Vague),
    (&["could"], Sense::Vague),
    (&["may"], Sense::Vague),
    (&["high", "confidence"], Sense::Confidence),
    (&["moderate", "confidence"], Sense::Confidence),
    (&["low", "confidence"], Sense::Confidence),
];

/// The words of the scale for `band`, as a reader writes them.
pub fn words_for(band: Likelihood) -> Vec<String> {
    let of_band = PHRASES.iter().filter(|(_, s)| *s == Sense::Scale(band));
    of_band.map(|(words, _)| words.join(" ")).collect()
}

/// A word of `text`: where it starts, and the word.
struct Word<'t> {
    at: usize,
    text: &'t str,
    /// The sentence it is in.
    sentence: usize,
}

/// The words of `text` outside quotation marks, with their sentences.
fn words(text: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let (mut quoted, mut sentence, mut start) = (false, 0, None::<usize>);
    let mut push = |from: usize, to: usize, quoted: bool, sentence: usize| {
        if !quoted {
            words.push(Word {
                at: from,
                text: &text[from..to],
                sentence,
            });
        }
    };
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || (c == '\'' && start.is_some()) || c == '’';
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                push(from, i, quoted, sentence);
                start = None;
            }
            _ => {}
        }
        match c {
            '"' => quoted = !quoted,
            '“' | '«' => quoted = true,
            '”' | '»' => quoted = false,
            '.' | '!' | '?' | ';' if !quoted => sentence += 1,
            _ => {}
        }
    }
    if let Some(from) = start {
        push(from, text.len(), quoted, sentence);
    }
    words
}

/// Every estimative word and phrase of `text`, in order. "May" with a capital is the month.
pub fn terms(text: &str) -> Vec<Term> {
    let words = words(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let matched = PHRASES.iter().find_map(|(parts, sense)| {
            let same = |(k, part): (usize, &&str)| {
                let word = words.get(i + k)?;
                let month = *part == "may" && word.text == "May";
                let apostrophe = word.text.contains('’');
                let text = match apostrophe {
                    true => std::borrow::Cow::Owned(word.text.replace('’', "'")),
                    false => std::borrow::Cow::Borrowed(word.text),
                };
                let same = text.eq_ignore_ascii_case(part) && !month;
                (same && word.sentence == words[i].sentence).then_some(())
            };
            parts.iter().enumerate().try_for_each(same)?;
            Some((parts.len(), *sense))
        });
        let Some((len, sense)) = matched else {
            i += 1;
            continue;
        };
        let (first, last) = (&words[i], &words[i + len - 1]);
        found.push(Term {
            sense,
            at: first.at,
            words: text[first.at..last.at + last.text.len()].to_string(),
            sentence: first.sentence,
        });
        i += len;
    }
    found
}

/// Checks the estimative words of claim `spec`'s text against its kind and likelihood:
/// a scale word in a judgment must be of its band (error `likelihood-mismatch`); a fact using
/// one may be a judgment, a judgment using none leaves its likelihood unsaid, a sentence
/// giving a confidence and a likelihood mixes the two, a vague word says no probability
/// (warnings). `source` is the whole file, the text's value starts at `at`.
pub fn check(
    spec: &ClaimSpec,
    file: &str,
    source: &str,
    at: Pos,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let found = terms(&spec.text);
    let id = &spec.id;
    let place = |t: &Term| word_pos(source, at, &t.words);
    let warning = |code: Code, t: &Term, message: String, help: String| {
        Diagnostic::warning(code, file, place(t), message).with_help(help)
    };
    let scale = found.iter().filter(|t| matches!(t.sense, Sense::Scale(_)));
    let band = spec.likelihood.filter(|_| spec.kind == ClaimKind::Judgment);
    for t in scale.clone() {
        let Sense::Scale(said) = t.sense else {
            continue;
        };
        match band {
            None => diagnostics.push(warning(
                Code::FactEstimative,
                t,
                format!("the fact `{id}` says “{}”, a word of the likelihood scale", t.words),
                "if it is the analyst's assessment, make it `kind: judgment` with a `likelihood:`; if not, state it plainly".into(),
            )),
            Some(band) if band != said => diagnostics.push(
                Diagnostic::error(Code::LikelihoodMismatch, file, place(t), format!("the judgment `{id}` says “{}” ({}), but its likelihood is `{}` ({})", t.words, said.range(), band.as_str(), band.range()))
                    .with_help(format!("write {}, or change `likelihood:` to `{}`", quoted(band), said.as_str())),
            ),
            Some(_) => {}
        }
    }
    if let Some(band) = band
        && scale.clone().next().is_none()
    {
        let pos = at;
        let message = format!("the judgment `{id}` does not say how likely it is in words");
        let help = format!("say it as the scale does: {}", quoted(band));
        diagnostics.push(
            Diagnostic::warning(Code::LikelihoodUnstated, file, pos, message).with_help(help),
        );
    }
    let confident = found.iter().filter(|t| t.sense == Sense::Confidence);
    for c in confident {
        if let Some(t) = scale.clone().find(|t| t.sentence == c.sentence) {
            let message = format!(
                "the claim `{id}` gives a confidence (“{}”) and a likelihood (“{}”) in one sentence",
                c.words, t.words
            );
            let help = "ICD 203 keeps them apart: the likelihood in the text, the confidence in `confidence:`";
            diagnostics.push(warning(
                Code::ConfidenceAndLikelihood,
                c,
                message,
                help.into(),
            ));
        }
    }
    if spec.kind == ClaimKind::Judgment {
        for t in found.iter().filter(|t| t.sense == Sense::Vague) {
            let message = format!(
                "the judgment `{id}` says “{}”, which gives no probability",
                t.words
            );
            let help = format!("use a word of the likelihood scale: {}", scale_words());
            diagnostics.push(warning(Code::VagueLikelihood, t, message, help));
        }
    }
}

/// Checks the sentences of a page's Markdown `text` (starting at byte `offset` of the file
/// `source`) that link a judgment (`claim:id`): a word of the scale in such a sentence must
/// be of the judgment's band (error `likelihood-mismatch`, at the word). `band` gives a
/// claim id's likelihood when it is a judgment.
pub fn check_linked(
    text: &str,
    (file, source, offset): (&str, &str, usize),
    band: &dyn Fn(&str) -> Option<Likelihood>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut start = 0;
    for end in sentence_ends(text) {
        let sentence = &text[start..end];
        let judged = sentence.match_indices("claim:").filter_map(|(i, _)| {
            let id = &sentence[i + 6..];
            let id = &id[..id
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(id.len())];
            band(id).map(|b| (id, b))
        });
        for (id, judged) in judged.collect::<Vec<_>>() {
            let prose = without_link_targets(sentence);
            for t in terms(&prose) {
                let Sense::Scale(said) = t.sense else {
                    continue;
                };
                if said == judged {
                    continue;
                }
                let pos = Pos::of_offset(source, offset + start + t.at);
                let message = format!(
                    "this sentence links the judgment `{id}` ({}) but says “{}” ({})",
                    judged.range(),
                    t.words,
                    said.range()
                );
                let help = format!("write {}, as the judgment does", quoted(judged));
                diagnostics.push(
                    Diagnostic::error(Code::LikelihoodMismatch, file, pos, message).with_help(help),
                );
            }
        }
        start = end;
    }
}

/// Where each sentence of `text` ends (after its `.`, `!`, `?` or a blank line), and the end.
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = text
        .match_indices(['.', '!', '?'])
        .map(|(i, _)| i + 1)
        .filter(|&i| text[i..].starts_with(char::is_whitespace) || i == text.len())
        .collect();
    ends.extend(text.match_indices("\n\n").map(|(i, _)| i + 1));
    ends.push(text.len());
    ends.sort_unstable();
    ends.dedup();
    ends
}

/// `sentence` with the targets of its Markdown links blanked out (same length, so offsets
/// hold): `(claim:likely-outcome)` holds no estimative word.
fn without_link_targets(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut in_target = false;
    let mut previous = ' ';
    for c in sentence.chars() {
        match c {
            '(' if previous == ']' => in_target = true,
            ')' if in_target => in_target = false,
            _ => {}
        }
        let blank = in_target && c != '(';
        out.extend(std::iter::repeat_n(
            ' ',
            if blank { c.len_utf8() } else { 0 },
        ));
        if !blank {
            out.push(c);
        }
        previous = c;
    }
    out
}

/// The words of `band`, quoted: `“likely”, “probable” or “probably”`.
fn quoted(band: Likelihood) -> String {
    let mut words: Vec<String> = words_for(band).iter().map(|w| format!("“{w}”")).collect();
    let last = words.pop().unwrap_or_default();
    match words.is_empty() {
        true => last,
        false => format!("{} or {last}", words.join(", ")),
    }
}

/// The scale from remote to almost certain, one word per band.
fn scale_words() -> String {
    let first = Likelihood::ALL
        .iter()
        .map(|&b| format!("“{}”", words_for(b)[0]));
    first.collect::<Vec<_>>().join(", ")
}

/// Where `words` stands in the file `source`: on the line of `at` (the text's value), at or
/// after its column; `at` itself when the text runs over more lines than that.
fn word_pos(source: &str, at: Pos, words: &str) -> Pos {
    let Some(line) = source.lines().nth(at.line.saturating_sub(1)) else {
        return at;
    };
    let from = line
        .char_indices()
        .nth(at.col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    match line[from..].find(words) {
        Some(offset) => Pos::new(at.line, line[..from + offset].chars().count() + 1),
        None => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn senses(text: &str) -> Vec<(String, Sense)> {
        terms(text)
            .into_iter()
            .map(|t| (t.words, t.sense))
            .collect()
    }

    #[test]
    fn whole_words_and_the_longest_phrase() {
        assert_eq!(
            senses("It is very likely, not unlikely, and almost certainly so."),
            vec![
                ("very likely".into(), Sense::Scale(Likelihood::VeryLikely)),
                ("unlikely".into(), Sense::Scale(Likelihood::Unlikely)),
                (
                    "almost certainly".into(),
                    Sense::Scale(Likelihood::AlmostCertain)
                ),
            ]
        );
        assert!(senses("Likelihood and likelihoods are not scale words.").is_empty());
    }

    #[test]
    fn quotations_and_the_month_are_left_alone() {
        assert!(senses("Officials said the deal is \"likely to hold\" from May 2026.").is_empty());
        assert!(senses("He called it “probably final”.").is_empty());
        assert_eq!(senses("It may hold")[0].1, Sense::Vague);
    }

    #[test]
    fn a_sentence_linking_a_judgment_speaks_in_its_band() {
        let text = "Output [will likely hold](claim:holds). A [spike](claim:spike) is almost certain.\nOther text is likely.";
        let band = |id: &str| match id {
            "holds" => Some(Likelihood::Likely),
            "spike" => Some(Likelihood::Unlikely),
            _ => None,
        };
        let mut found = Vec::new();
        check_linked(text, ("_index.md", text, 0), &band, &mut found);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::LikelihoodMismatch);
        assert!(
            found[0].message.contains("“almost certain”"),
            "{}",
            found[0].message
        );
        assert_eq!((found[0].line, found[0].col), (1, 67));
    }

    #[test]
    fn confidence_phrases_and_sentences() {
        let found = terms("We assess with high confidence that it is likely. It might not.");
        let kinds: Vec<(Sense, usize)> = found.iter().map(|t| (t.sense, t.sentence)).collect();
        assert_eq!(
            kinds,
            vec![
                (Sense::Confidence, 0),
                (Sense::Scale(Likelihood::Likely), 0),
                (Sense::Vague, 1)
            ]
        );
        assert_eq!(
            found[1].at,
            "We assess with high confidence that it is ".len()
        );
    }
}
