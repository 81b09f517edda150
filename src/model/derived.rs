//! Derived figures: a claim's `derived:` expression over other claims' values
//! (`china-mine-2024 / world-mine-2024 * 100`, `+ - * /`, parentheses, `sum(a, b, …)`),
//! parsed when the claim is declared and computed once every claim is known, so that the
//! stated `value` is checked against its inputs on every build.

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Pos};
use crate::html::is_slug;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number written in the expression.
    Number(f64),
    /// Another claim's value, by id.
    Claim(String),
    /// Two expressions and an operation.
    Op(Box<Expr>, char, Box<Expr>),
    /// `sum(a, b, …)`.
    Sum(Vec<Expr>),
}

/// A derived figure as declared: the expression as written and parsed, and the claim's
/// stated value as written (for the decimals it claims).
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// The expression as written.
    pub text: String,
    /// The expression, parsed.
    pub expr: Expr,
    /// How many decimals the stated value is written with.
    pub decimals: u32,
    /// Where the expression is written, for its problems.
    pub at: Pos,
    /// Where the stated value is written.
    pub value_at: Pos,
}

/// A piece of the expression's text: a claim id (`claim` set) or what lies between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'t> {
    /// The text.
    pub text: &'t str,
    /// True when the text is a claim id.
    pub claim: bool,
}

impl Expr {
    /// The claim ids it reads, in order, without repeats.
    pub fn inputs(&self) -> Vec<&str> {
        let mut ids = Vec::new();
        self.collect(&mut ids);
        ids
    }

    fn collect<'a>(&'a self, ids: &mut Vec<&'a str>) {
        match self {
            Expr::Number(_) => {}
            Expr::Claim(id) if !ids.contains(&id.as_str()) => ids.push(id),
            Expr::Claim(_) => {}
            Expr::Op(a, _, b) => {
                a.collect(ids);
                b.collect(ids);
            }
            Expr::Sum(items) => items.iter().for_each(|e| e.collect(ids)),
        }
    }

    /// Its value, with each claim's value from `value` (`Err` names what is missing, or a
    /// division by zero).
    pub fn eval(&self, value: &dyn Fn(&str) -> Result<f64, String>) -> Result<f64, String> {
        match self {
            Expr::Number(n) => Ok(*n),
            Expr::Claim(id) => value(id),
            Expr::Sum(items) => items.iter().map(|e| e.eval(value)).sum(),
            Expr::Op(a, op, b) => {
                let (a, b) = (a.eval(value)?, b.eval(value)?);
                match op {
                    '+' => Ok(a + b),
                    '-' => Ok(a - b),
                    '*' => Ok(a * b),
                    _ if b == 0.0 => Err("it divides by zero".into()),
                    _ => Ok(a / b),
                }
            }
        }
    }
}

/// The expression's text cut into claim ids and what lies between, for links.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let word = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
            .unwrap_or(rest.len());
        let (head, tail) = match word {
            0 => rest.split_at(rest.chars().next().map_or(1, char::len_utf8)),
            n => rest.split_at(n),
        };
        let claim = is_slug(head) && head.parse::<f64>().is_err() && head != "sum";
        pieces.push(Piece { text: head, claim });
        rest = tail;
    }
    pieces
}

/// A token of an expression.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Name(String),
    Symbol(char),
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if "+-*/(),".contains(c) && !(c == '-' && starts_word(text, i)) {
            tokens.push(Token::Symbol(c));
            chars.next();
        } else if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
            let end = text[i..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
                .map_or(text.len(), |n| i + n);
            let word = &text[i..end];
            tokens.push(match word.parse::<f64>() {
                Ok(n) if n.is_finite() => Token::Number(n),
                _ if is_slug(word) => Token::Name(word.to_string()),
                _ => return Err(format!("`{word}` is neither a number nor a claim id")),
            });
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
        } else {
            return Err(format!("`{c}` is not part of an expression"));
        }
    }
    Ok(tokens)
}

/// True when the `-` at `i` starts a negative number (`-3`) rather than subtracting.
fn starts_word(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end();
    let after = text[i + 1..].chars().next();
    let operand_before = before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == ')');
    !operand_before && after.is_some_and(|c| c.is_ascii_digit())
}

/// Parses `text`: the four operations with the usual precedence, parentheses, `sum(…)`.
pub fn parse(text: &str) -> Result<Expr, String> {
    let tokens = tokens(text)?;
    let mut parser = Parser { tokens, at: 0 };
    let expr = parser.sum()?;
    match parser.tokens.get(parser.at) {
        None => Ok(expr),
        Some(t) => Err(format!("{} is left over at the end", describe(t))),
    }
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn next_is(&self, c: char) -> bool {
        self.tokens.get(self.at) == Some(&Token::Symbol(c))
    }

    fn sum(&mut self) -> Result<Expr, String> {
        self.chain(['+', '-'], Parser::product)
    }

    fn product(&mut self) -> Result<Expr, String> {
        self.chain(['*', '/'], Parser::operand)
    }

    /// `next (op next)*` for the operations `ops`, left to right.
    fn chain(
        &mut self,
        ops: [char; 2],
        next: fn(&mut Parser) -> Result<Expr, String>,
    ) -> Result<Expr, String> {
        let mut left = next(self)?;
        while let Some(op) = ops.into_iter().find(|&c| self.next_is(c)) {
            self.at += 1;
            left = Expr::Op(Box::new(left), op, Box::new(next(self)?));
        }
        Ok(left)
    }

    fn operand(&mut self) -> Result<Expr, String> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        match token {
            Some(Token::Number(n)) => Ok(Expr::Number(n)),
            Some(Token::Name(name)) if name == "sum" && self.next_is('(') => {
                self.at += 1;
                let mut items = vec![self.sum()?];
                while self.next_is(',') {
                    self.at += 1;
                    items.push(self.sum()?);
                }
                self.close()?;
                Ok(Expr::Sum(items))
            }
            Some(Token::Name(name)) => Ok(Expr::Claim(name)),
            Some(Token::Symbol('(')) => {
                let inner = self.sum()?;
                self.close()?;
                Ok(inner)
            }
            Some(t) => Err(format!(
                "{} stands where a number or a claim id should",
                describe(&t)
            )),
            None => Err("it ends where a number or a claim id should come".into()),
        }
    }

    fn close(&mut self) -> Result<(), String> {
        match self.next_is(')') {
            true => {
                self.at += 1;
                Ok(())
            }
            false => Err("a `(` is not closed".into()),
        }
    }
}

fn describe(token: &Token) -> String {
    match token {
        Token::Number(n) => format!("the number {n}"),
        Token::Name(name) => format!("`{name}`"),
        Token::Symbol(c) => format!("`{c}`"),
    }
}

/// How many decimals the number `written` has: `69.2` → 1, `70` → 0.
pub fn decimals(written: &str) -> u32 {
    let digits = written.trim().split_once('.').map_or("", |(_, d)| d);
    let digits = digits.chars().take_while(char::is_ascii_digit).count();
    u32::try_from(digits).unwrap_or(0)
}

/// True when `stated` (written with `decimals` decimals) is `computed` rounded: `69.2` agrees
/// with 69.15–69.25.
pub fn agrees(stated: f64, decimals: u32, computed: f64) -> bool {
    let half = 0.5 * 10f64.powi(-i32::try_from(decimals).unwrap_or(0));
    (stated - computed).abs() <= half * (1.0 + 1e-9)
}

/// The error for a derived claim whose stated value (written with `decimals` decimals) is
/// not what its inputs give.
fn mismatch(
    id: &str,
    stated: f64,
    decimals: u32,
    computed: f64,
    file: &str,
    at: Pos,
) -> Diagnostic {
    let places = usize::try_from(decimals).unwrap_or(0);
    let message = format!(
        "the claim `{id}` states {stated}, but its inputs give {computed:.more$}, which is {computed:.places$} to the decimals written",
        more = places + 2
    );
    let help = format!("correct `value:` to {computed:.places$} (or correct the inputs)");
    Diagnostic::error(Code::DerivedMismatch, file, at, message).with_help(help)
}

/// Computes the figure of every derived claim of `claims` from its inputs' stated values,
/// and checks the stated figure against it: an input that is not a claim or has no figure,
/// a division by zero, or a figure that does not agree is an error (in the file `file_of`
/// gives for the claim's note).
pub(super) fn compute(
    claims: &mut [super::Claim],
    file_of: &dyn Fn(usize) -> String,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if claims.iter().all(|c| c.derived.is_none()) {
        return;
    }
    let at: crate::fingerprint::Map<&str, (usize, Option<f64>)> = (claims.iter().enumerate())
        .map(|(i, c)| (c.id.as_str(), (i, c.value)))
        .collect();
    let value = |id: &str| match at.get(id) {
        Some((_, Some(v))) => Ok(*v),
        Some((_, None)) => Err(format!("the claim `{id}` has no figure")),
        None => Err(format!("there is no claim `{id}`")),
    };
    let mut found = Vec::new();
    for (i, claim) in claims.iter().enumerate() {
        let Some(derived) = &claim.derived else {
            continue;
        };
        let inputs = derived.expr.inputs().into_iter();
        let inputs: Vec<usize> = inputs.filter_map(|id| Some(at.get(id)?.0)).collect();
        let file = file_of(claim.declared_in);
        let computed = derived.expr.eval(&value).and_then(|n| match n.is_finite() {
            true => Ok(n),
            false => Err("it gives no finite number".into()),
        });
        match computed {
            Ok(n) => {
                let stated = claim.value.unwrap_or(n);
                if !agrees(stated, derived.decimals, n) {
                    let pos = derived.value_at;
                    let d = mismatch(&claim.id, stated, derived.decimals, n, &file, pos);
                    diagnostics.push(d);
                }
                found.push((i, Some(n), inputs));
            }
            Err(why) => {
                let message = format!("the figure of `{}` cannot be computed: {why}", claim.id);
                let help = "derive it from claims that have a figure, e.g. `a / b * 100`";
                let d = Diagnostic::error(Code::BadDerived, &file, derived.at, message);
                diagnostics.push(d.with_help(help));
                found.push((i, None, inputs));
            }
        }
    }
    for (i, computed, inputs) in found {
        (claims[i].computed, claims[i].inputs) = (computed, inputs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(id: &str) -> Result<f64, String> {
        match id {
            "china-mine-2024" => Ok(270_000.0),
            "world-mine-2024" => Ok(390_000.0),
            "a" => Ok(2.0),
            _ => Err(format!("no `{id}`")),
        }
    }

    #[test]
    fn expressions_compute_with_precedence_parentheses_and_sum() {
        let share = parse("china-mine-2024 / world-mine-2024 * 100").unwrap();
        assert!((share.eval(&value).unwrap() - 69.230_769).abs() < 1e-5);
        assert_eq!(share.inputs(), ["china-mine-2024", "world-mine-2024"]);
        assert_eq!(parse("1 + 2 * 3").unwrap().eval(&value), Ok(7.0));
        assert_eq!(parse("(1 + 2) * 3").unwrap().eval(&value), Ok(9.0));
        assert_eq!(parse("sum(a, a, 1) - -1").unwrap().eval(&value), Ok(6.0));
        assert_eq!(
            parse("a / (a - a)").unwrap().eval(&value),
            Err("it divides by zero".into())
        );
    }

    #[test]
    fn bad_expressions_say_what_is_wrong() {
        assert!(parse("a +").unwrap_err().contains("ends where"));
        assert!(parse("(a + 1").unwrap_err().contains("not closed"));
        assert!(parse("a % 2").unwrap_err().contains("`%`"));
        assert!(parse("a 2").unwrap_err().contains("left over"));
    }

    #[test]
    fn a_value_agrees_to_the_decimals_written() {
        assert_eq!(decimals("69.2"), 1);
        assert_eq!(decimals("70"), 0);
        assert!(agrees(69.2, 1, 69.230_769));
        assert!(!agrees(69.3, 1, 69.230_769));
        assert!(agrees(69.0, 0, 69.230_769));
        assert!(agrees(69.25, 1, 69.2), "the edge of the interval");
    }

    #[test]
    fn pieces_mark_claim_ids() {
        let ids: Vec<(&str, bool)> = pieces("a / b-2 * 100")
            .iter()
            .map(|p| (p.text, p.claim))
            .collect();
        assert_eq!(
            ids,
            [
                ("a", true),
                (" ", false),
                ("/", false),
                (" ", false),
                ("b-2", true),
                (" ", false),
                ("*", false),
                (" ", false),
                ("100", false)
            ]
        );
    }
}
