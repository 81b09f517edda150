//! The one place that uses Tera: templates compiled once per build, rendered many times,
//! and the views many pages share made into template values once ([`Shared`]). Tera's
//! errors become positioned diagnostics in [`errors`].

mod errors;

use std::cell::Cell;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

use crate::diagnostics::Diagnostic;

/// The compiled templates of a theme.
#[derive(Debug)]
pub struct Templates {
    tera: tera::Tera,
    /// The templates (name, text), to place errors Tera gives without a position.
    sources: Vec<(String, String)>,
}

impl Templates {
    /// Compiles `templates` (name, text); autoescaping is on for every `.html` and `.xml` name.
    pub fn compile(templates: &[(String, String)]) -> Result<Templates, Diagnostic> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| errors::diagnostic(&e, templates))?;
        Ok(Templates {
            tera,
            sources: templates.to_vec(),
        })
    }

    /// True when a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders template `name` with `context`'s fields as top-level variables.
    pub fn render<C: Serialize>(&self, name: &str, context: &C) -> Result<Vec<u8>, Diagnostic> {
        let before = CONVERTING.replace(true);
        let context = tera::Context::from_serialize(context);
        CONVERTING.set(before);
        let context = context.map_err(|e| errors::diagnostic(&e, &self.sources))?;
        // Bytes, not a `String`: the page goes to a file, and checking that Tera wrote UTF-8
        // (it always does) would read every page once more.
        let mut page = Vec::with_capacity(PAGE_SIZE);
        self.tera
            .render_to(name, &context, &mut page)
            .map_err(|e| errors::diagnostic(&e, &self.sources))?;
        Ok(page)
    }
}

/// A view that many pages of a build show the same way (the site-wide view of every page at
/// one depth): made into a template value by the first page rendered with it and shared by
/// the others, which Tera takes as a reference count instead of converting the view again.
/// Anything else that serialises it (fingerprints) sees the view itself, so a page that is
/// fingerprinted but not rendered makes no value. Only for small views shown very often: a
/// value is a map per struct, and keeping one per claim card (30,000 at 10,000 notes) held
/// 58 MB and made the build slower than converting each card again for each page.
pub struct Shared<'s, T> {
    /// The view.
    pub view: T,
    /// Where its value is kept for the build; `None` to make it for this page alone.
    pub slot: Option<&'s Slot>,
}

/// Where a [`Shared`] view's template value is kept: `None` inside when the view could not be
/// converted (the page's own conversion then reports why).
pub type Slot = OnceLock<Option<tera::Value>>;

thread_local! {
    /// True while [`Templates::render`] makes a page's context into template values.
    static CONVERTING: Cell<bool> = const { Cell::new(false) };
}

impl<T: Serialize> Serialize for Shared<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let made = match self.slot {
            Some(slot) if CONVERTING.get() => slot
                .get_or_init(|| tera::Value::try_from_serializable(&self.view).ok())
                .as_ref(),
            _ => None,
        };
        match made {
            Some(value) => value.serialize(serializer),
            None => self.view.serialize(serializer),
        }
    }
}

/// Room made for a page before rendering it: a claim page fits, a note page grows once.
const PAGE_SIZE: usize = 8 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(text: &str) -> Result<Templates, Diagnostic> {
        Templates::compile(&[("page.html".to_string(), text.to_string())])
    }

    #[test]
    fn renders_with_autoescape() {
        #[derive(Serialize)]
        struct Ctx<'a> {
            title: &'a str,
        }
        let t = compile("<h1>{{ title }}</h1>").unwrap();
        let html = t
            .render(
                "page.html",
                &Ctx {
                    title: "<script>x</script>",
                },
            )
            .unwrap();
        assert_eq!(html, b"<h1>&lt;script&gt;x&lt;/script&gt;</h1>");
    }

    #[test]
    fn a_shared_view_is_made_once_for_pages_and_serialised_as_itself_elsewhere() {
        #[derive(Serialize)]
        struct Ctx<'a> {
            item: Shared<'a, &'a str>,
        }
        let t = compile("<p>{{ item }}</p>").unwrap();
        let slot = Slot::new();
        let page = |view, slot| {
            t.render(
                "page.html",
                &Ctx {
                    item: Shared { view, slot },
                },
            )
        };
        assert_eq!(page("first", Some(&slot)).unwrap(), b"<p>first</p>");
        // The value made for the first page stands for the view on every later one.
        assert_eq!(page("second", Some(&slot)).unwrap(), b"<p>first</p>");
        assert_eq!(page("second", None).unwrap(), b"<p>second</p>");
        let elsewhere = serde_json::to_string(&Shared {
            view: "second",
            slot: Some(&slot),
        });
        assert_eq!(elsewhere.unwrap(), "\"second\"");
    }

    #[test]
    fn syntax_errors_are_positioned() {
        let error = compile("line one\n{{ title ").err().unwrap();
        assert_eq!(error.file, "templates/page.html");
        assert_eq!(error.line, 2);
        assert_eq!(error.code, "template");
    }

    #[test]
    fn rendering_errors_are_positioned() {
        let t = compile("a\n{{ missing.field }}").unwrap();
        let error = t.render("page.html", &serde_json::json!({})).unwrap_err();
        assert_eq!(
            (error.file.as_str(), error.line),
            ("templates/page.html", 2)
        );
    }
}
