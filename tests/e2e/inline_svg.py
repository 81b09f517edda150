#!/usr/bin/env python3
"""Checks that every inline SVG of a site is well-formed XML.

HTML parsing forgives what XML does not (unquoted or duplicate attributes, unclosed elements,
stray `&`), and an SVG copied out of a page, or served as a file, must parse as XML. So each
`<svg>…</svg>` is cut out of the HTML exactly as written, into OUT/, and xmllint (libxml2)
judges each one. A namespace declaration for `xlink:` is added when the SVG uses it without
one, since HTML declares it implicitly.

    inline_svg.py SITE_DIR OUT_DIR     exit 0 when every inline SVG is well-formed, 1 if not
"""
import html.parser
import os
import re
import subprocess
import sys


class Cutter(html.parser.HTMLParser):
    """Finds the outermost <svg> elements of a page and their exact text."""

    def __init__(self, text):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.depth = 0
        self.start = None
        self.start_line = None
        self.found = []  # (line, svg text)

    def position(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            if self.depth == 0:
                self.start = self.position()
                self.start_line = self.getpos()[0]
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "svg" and self.depth > 0:
            self.depth -= 1
            if self.depth == 0:
                end = self.text.index(">", self.position()) + 1
                self.found.append((self.start_line, self.text[self.start:end]))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    site, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        if old.endswith(".svg"):
            os.remove(os.path.join(out, old))
    where = {}  # file written → (page, line in the page)
    problems = []
    pages = 0
    for folder, _, files in sorted(os.walk(site)):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            pages += 1
            path = os.path.join(folder, name)
            page = os.path.relpath(path, site)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            cutter = Cutter(text)
            cutter.feed(text)
            cutter.close()
            if cutter.depth > 0:
                problems.append(f"{page}:{cutter.start_line}: an <svg> that is never closed")
            for n, (line, svg) in enumerate(cutter.found, 1):
                opening = svg[: svg.index(">")]
                if "xlink:" in svg and "xmlns:xlink" not in opening:
                    svg = svg.replace("<svg", '<svg xmlns:xlink="http://www.w3.org/1999/xlink"', 1)
                file = os.path.join(out, f"{page.replace(os.sep, '__')}--{n}.svg")
                with open(file, "w", encoding="utf-8") as f:
                    f.write(svg)
                where[file] = (page, line)
    if where:
        # one xmllint for all of them; it names each file in its messages
        run = subprocess.run(
            ["xmllint", "--noout", "--nonet", *where],
            capture_output=True,
            text=True,
            timeout=300,
        )
        for message in run.stderr.splitlines():
            m = re.match(r"(.+?\.svg):(\d+): (.*)", message)
            if m and m.group(1) in where:
                page, line = where[m.group(1)]
                at = line + int(m.group(2)) - 1
                problems.append(f"{page}:{at}: inline SVG is not well-formed XML: {m.group(3)} ({m.group(1)})")
        if run.returncode != 0 and not problems:
            problems.append(f"xmllint failed ({run.returncode}): {run.stderr.strip()}")
    for p in problems:
        print(f"FAIL {p}")
    print(f"svg: {len(where)} inline SVGs in {pages} pages cut out into {out}; {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
