#!/usr/bin/env python3
"""Checks a site's exports with the tools that read them.

- Every `sources.csl.json`: Pandoc (`pandoc --citeproc`, its default Chicago author-date
  style) renders a bibliography of every item (`nocite: '@*'`) as plain text, and each item's
  publication (`container-title`, else `publisher`) must appear in it: a newspaper given only
  as `publisher` of an `article-newspaper` is left out by the style.
- Every `sitemap.xml`: a `<urlset>` validates against the sitemaps.org schema
  (tests/schemas/sitemap.xsd) with xmllint and holds at most 50,000 URLs and 50 MiB; a
  `<sitemapindex>` validates against siteindex.xsd, and each sitemap it lists, found beside it
  by file name, is checked as a `<urlset>`.

    exports.py SITE_DIR     exit 0 when every export passed, 1 if not; FAIL lines name the file
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas")
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MAX_URLS = 50_000
MAX_BYTES = 52_428_800


def words(text):
    """Text as compared: lower case, typographic quotes straightened, spaces collapsed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def check_csl(path, rel):
    """Pandoc's bibliography of `path` names every item's publication."""
    with open(path, encoding="utf-8") as f:
        items = json.load(f)
    doc = "---\nnocite: '@*'\n---\n"
    run = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", path, "-f", "markdown", "-t", "plain", "--wrap=none"],
        input=doc, capture_output=True, text=True,
    )
    if run.returncode != 0:
        return [f"{rel}: pandoc --citeproc failed: {run.stderr.strip()[:300]}"]
    shown = words(run.stdout)
    problems = []
    for item in items:
        name = item.get("container-title") or item.get("publisher")
        if not name:
            problems.append(f"{rel}: {item.get('id')} names no publication (container-title or publisher)")
        elif words(name) not in shown:
            field = "container-title" if item.get("container-title") else "publisher"
            problems.append(f"{rel}: {item.get('id')}: its publication \"{name}\" ({field}, type {item.get('type')}) is not in Pandoc's bibliography")
    print(f"exports: {rel}: {len(items)} items, Pandoc's bibliography names {len(items) - len(problems)} publications")
    return problems


def xmllint(path, schema):
    """xmllint's complaint about `path` against `schema`, or None."""
    run = subprocess.run(
        ["xmllint", "--noout", "--schema", os.path.join(SCHEMAS, schema), path],
        capture_output=True, text=True,
    )
    return None if run.returncode == 0 else run.stderr.strip().splitlines()[0][:300]


def check_urlset(path, rel):
    """The problems of the sitemap at `path`, and how many URLs it holds."""
    problems = []
    complaint = xmllint(path, "sitemap.xsd")
    if complaint:
        return [f"{rel}: not valid against the sitemaps.org schema: {complaint}"], 0
    urls = sum(1 for _ in ET.parse(path).getroot().iter(NS + "url"))
    size = os.path.getsize(path)
    if urls > MAX_URLS:
        problems.append(f"{rel}: {urls} URLs, more than the {MAX_URLS} a sitemap may hold")
    if size > MAX_BYTES:
        problems.append(f"{rel}: {size} bytes, more than the {MAX_BYTES} a sitemap may be")
    return problems, urls


def check_sitemap(path, rel):
    root = ET.parse(path).getroot()
    if root.tag == NS + "urlset":
        problems, urls = check_urlset(path, rel)
        print(f"exports: {rel}: a sitemap of {urls} URLs")
        return problems
    if root.tag != NS + "sitemapindex":
        return [f"{rel}: the root element is {root.tag}, neither urlset nor sitemapindex"]
    complaint = xmllint(path, "siteindex.xsd")
    if complaint:
        return [f"{rel}: not valid against the sitemaps.org index schema: {complaint}"]
    problems, total, parts = [], 0, 0
    for loc in root.iter(NS + "loc"):
        name = loc.text.rstrip("/").rsplit("/", 1)[-1]
        part = os.path.join(os.path.dirname(path), name)
        part_rel = os.path.join(os.path.dirname(rel), name)
        if not os.path.isfile(part):
            problems.append(f"{rel}: lists {loc.text}, but there is no {part_rel}")
            continue
        more, urls = check_urlset(part, part_rel)
        problems += more
        total += urls
        parts += 1
    print(f"exports: {rel}: a sitemap index of {parts} sitemaps, {total} URLs in all")
    return problems


def main():
    site = sys.argv[1]
    problems, found = [], 0
    for folder, _, files in sorted(os.walk(site)):
        for name, check in (("sources.csl.json", check_csl), ("sitemap.xml", check_sitemap)):
            if name in files:
                found += 1
                path = os.path.join(folder, name)
                try:
                    problems += check(path, os.path.relpath(path, site))
                except (OSError, ValueError, ET.ParseError) as e:
                    problems.append(f"{os.path.relpath(path, site)}: cannot be read: {e}")
    for p in problems:
        print(f"FAIL {p}")
    print(f"exports: {found} export files, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
