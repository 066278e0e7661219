"""HTML to text: the article's main text (trafilatura when it can be imported, else a plain extractor over
lxml that drops navigation, headers, footers, sidebars, scripts and forms), and the metadata the markup declares.
"""
from __future__ import annotations

import html as html_lib
import re

_HTML_DROP = frozenset(
    "script style noscript nav header footer aside form iframe svg button select option template object "
    "embed canvas menu dialog input textarea label".split()
)
_HTML_BLOCK = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table tr td th "
    "figcaption figure address hr center body".split()
)
_HTML_BOILER = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|header|masthead|sidebar|comments?|share|sharing|social|"
    r"breadcrumbs?|cookies?|banner|advert|advertisement|ads?|related|subscribe|newsletter|widget|popup|modal)"
    r"(?:$|[\s_-])",
    re.I,
)


def looks_like_html(text: str) -> bool:
    """True when a file's text opens like an HTML page (a doctype, ``<html>``, ``<head>`` or ``<body>``)."""
    return bool(re.match(r"\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", text[:1000], re.I))


def _trafilatura():
    """The trafilatura module, or None when it (or one of its own imports) is missing."""
    try:
        # deferred: trafilatura is slow to import and needed only for HTML articles
        import trafilatura
    except ImportError:  # trafilatura >= 1.9 needs lxml_html_clean; without it extraction falls back
        return None
    return trafilatura


def html_to_text(raw: str) -> str:
    """The main text of a page, one paragraph per blank-line-separated block (not yet tidied).

    Args:
        raw: The page's decoded markup.

    Returns:
        The text trafilatura extracts, or the plain extractor's when trafilatura is missing, fails or finds nothing.
    """
    trafilatura = _trafilatura()
    if trafilatura is not None and raw.strip():
        try:
            extracted = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True)
        except Exception:  # noqa: BLE001 - a page trafilatura chokes on falls back to the plain extractor
            extracted = None
        if extracted and extracted.strip():
            # trafilatura puts one paragraph per line; downstream paragraphs are blank-line separated.
            return "\n\n".join(line for line in extracted.split("\n") if line.strip())
    return _html_fallback_text(raw)


def _parse_html(raw: str):
    # deferred: lxml is needed only for HTML articles
    from lxml import etree
    from lxml import html as lxml_html

    if not raw.strip():
        return None
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
        return lxml_html.document_fromstring(raw.encode("utf-8", errors="replace"), parser=parser)
    except (etree.LxmlError, ValueError):
        return None


def _html_fallback_text(raw: str) -> str:
    """Main text of a page without trafilatura: the text of :func:`_main_container` with navigation, header,
    footer, sidebars, scripts, forms and boilerplate-named blocks left out; a page lxml cannot parse loses its tags."""
    root = _parse_html(raw)
    if root is None:
        stripped = re.sub(r"<[^>]*>", " ", raw)
        return html_lib.unescape(stripped)
    return _block_text(_main_container(root))


def _main_container(root):
    """The element that holds the article: the largest ``<article>``, else the largest ``<main>`` (or
    ``role="main"``), else ``<body>``, else the whole page."""
    candidates = [el for el in root.iter("article") if not _html_dropped(el)]
    if not candidates:
        candidates = [el for el in root.iter("main") if not _html_dropped(el)]
        candidates += root.xpath("//*[@role='main']")
    if candidates:
        return max(candidates, key=lambda el: len(el.text_content() or ""))
    bodies = root.xpath("//body")
    return bodies[0] if bodies else root


def _block_text(container) -> str:
    """The text under ``container``: block elements become paragraphs, ``<br>`` a line break, runs of white
    space one space; dropped elements (:func:`_html_dropped`) and the head's elements are skipped whole."""
    # deferred: lxml is needed only for HTML articles
    from lxml import etree

    pieces: list[str] = []
    skip = 0  # depth inside a skipped element
    for event, el in etree.iterwalk(container, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if skip:
                skip += 1
                continue
            if not tag or tag in ("head", "title", "meta", "link") or _html_dropped(el):
                skip = 1
                continue
            if tag == "br":
                pieces.append("\n")
            elif tag in _HTML_BLOCK or tag == "hr":
                pieces.append("\n\n")
            if el.text:
                pieces.append(re.sub(r"\s+", " ", el.text))
        else:
            if skip:
                skip -= 1
                if skip:
                    continue
            elif tag in _HTML_BLOCK:
                pieces.append("\n\n")
            if el.tail and el is not container:
                pieces.append(re.sub(r"\s+", " ", el.tail))
    return "".join(pieces)


def _html_dropped(el) -> bool:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in _HTML_DROP:
        return True
    if tag in ("body", "html", "article", "main"):
        return False
    if el.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    marks = " ".join(filter(None, (el.get("class"), el.get("id"))))
    return bool(marks and _HTML_BOILER.search(marks))


def markup_metadata(raw: str) -> tuple[str, str, str]:
    """Title, author and publication date a page declares in its markup (trafilatura, else meta tags).

    Args:
        raw: The page's decoded markup.

    Returns:
        ``(title, author, date_text)`` with white space collapsed and a leading "By " dropped from the author;
        "" for each the page does not declare. The date is as written ("2016-11-09T10:00:00+05:00").
    """
    title = author = date_text = ""
    trafilatura = _trafilatura()
    if trafilatura is not None and raw.strip():
        try:
            meta = trafilatura.extract_metadata(raw)
        except Exception:  # noqa: BLE001 - metadata is optional; the markup fallback below still runs
            meta = None
        if meta is not None:
            title = (getattr(meta, "title", "") or "").strip()
            author = (getattr(meta, "author", "") or "").strip()
    date_text = _declared_date(raw)
    root = _parse_html(raw)
    if root is not None:
        title = title or _first(
            root,
            "//meta[@property='og:title']/@content",
            "//article//h1//text()",
            "//h1//text()",
            "//title/text()",
        )
        author = author or _first(
            root,
            "//meta[@name='author']/@content",
            "//meta[@property='article:author' and not(starts-with(@content, 'http'))]/@content",
            "//*[@rel='author']//text()",
            "//*[@itemprop='author']//text()",
        )
        date_text = date_text or _first(
            root,
            "//meta[@property='article:published_time']/@content",
            "//meta[@itemprop='datePublished']/@content",
            "//*[@itemprop='datePublished']/@datetime",
            "//meta[@name='date' or @name='pubdate' or @name='publishdate' or @name='publish-date' "
            "or @name='DC.date' or @name='dcterms.date']/@content",
            "//time[@pubdate]/@datetime",
            "//article//time/@datetime",
        )
    author = re.sub(r"^by\s+", "", re.sub(r"\s+", " ", author), flags=re.I).strip()
    return re.sub(r"\s+", " ", title).strip(), author, date_text


def _declared_date(raw: str) -> str:
    """The publication date the markup declares (htmldate over meta tags, JSON-LD, URL, time elements), never one
    guessed from the body text: htmldate's extensive search is off; its original-date preference is on, so the
    first publication wins over an update. "" when htmldate is missing or finds nothing."""
    try:
        from htmldate import find_date  # deferred: installed with trafilatura, needed only for HTML articles
    except ImportError:
        return ""
    try:
        return find_date(raw, extensive_search=False, original_date=True, outputformat="%Y-%m-%d") or ""
    except Exception:  # noqa: BLE001 - htmldate raises assorted errors on odd markup; no date then
        return ""


def _first(root, *queries: str) -> str:
    for query in queries:
        try:
            values = root.xpath(query)
        except Exception:  # noqa: BLE001 - lxml raises its own types for odd documents
            continue
        for value in values:
            value = re.sub(r"\s+", " ", str(value)).strip()
            if value:
                return value
    return ""
