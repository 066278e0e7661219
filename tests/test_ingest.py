"""Tests for pipeline/ingest/: discovery, decoding, cleaning, metadata and skipped files."""
from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import ingest
from pipeline.errors import CorpusError, RuleError
from pipeline.ingest import clean_text, detect_metadata, discover, read_document
from pipeline.ingest import html as ingest_html
from pipeline.ingest import markdown as ingest_markdown
from pipeline.ingest import metadata as ingest_metadata
from pipeline.ingest import script as ingest_script
from pipeline.records import TimeValue

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data" / "ingest"


def seed(prefix: str):
    """The seed article whose file name starts with prefix, as a Document."""
    (path,) = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    return read_document(path, CORPUS)


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.fixture
def no_dates_stage(monkeypatch):
    """Take the dates stage out so the dateparser fallback is what is tested."""
    monkeypatch.setattr(ingest_metadata, "parse_expression", lambda text, *, anchor=None: None)


# ---------------------------------------------------------------------------------------------- seeds


@pytest.mark.parametrize(
    ("prefix", "title", "author", "published"),
    [
        ("000", "Pakistan-Russia relations should grow speedily", "Colonel (R) Muhammad Hanif", "2012-12-13"),
        ("001", "Pakistan-Russia Relations: Progress, Prospects and Constraints", "Muhammad Hanif", ""),
        (
            "002",
            "Pakistan-Russia Joint Military Exercise Suggests New Windows Of Opportunities – OpEd",
            "Sabah Aslam",
            "2016-11-09",
        ),
        ("003", "", "", "2018-09-11"),
        ("004", "New initiatives towards Pak-Russia relationship", "Abdul Basit", ""),
    ],
)
def test_ingest_seed_metadata(prefix, title, author, published):
    doc = seed(prefix)
    assert doc.status == "ok" and doc.reason == ""
    assert doc.title == title
    assert doc.author == author
    assert (doc.published.label if doc.published else "") == published


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_ingest_published_span_points_into_text(prefix):
    doc = seed(prefix)
    value = doc.published
    assert doc.text[value.char_start : value.char_end] == value.text
    assert value.granularity == "day" and value.start == value.end


def test_ingest_seed_ids_and_hashes():
    paths = discover(CORPUS)
    assert [p.name for p in paths] == sorted(p.name for p in CORPUS.glob("*.txt"))
    for path in paths:
        doc = read_document(path, CORPUS)
        assert doc.doc_id == path.stem
        assert doc.path == path.name
        assert doc.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@pytest.mark.parametrize(
    "fragment",
    ["<sup>", "</sup>", "**", "##", "(accessed May 4, 2013)", "\\$", "\\*", "\n---", "http", "Ibid", "■",
     "Col. Muhammad Hanif (ret'd)", "Dawn*, March 13, 2011"],
)
def test_ingest_markup_stripped_from_paper(fragment):
    assert fragment not in seed("001").text


@pytest.mark.parametrize(
    "kept",
    [
        "US $900 million",  # escaped dollar
        "21st century",  # <sup>st</sup> is not a footnote marker
        "Its economy is strong thanks to oil and gas revenues",  # paragraph split by a page break, joined
        "In the Cold War period relations",  # **I**n
        "\n\nIntroduction\n\n",  # heading kept as its own paragraph
        "\n- Pakistan should accord high priority",  # list items kept
        "President Muhammad Ayub Khan visited the Soviet Union in April 1965, the first ever visit",  # <sup>15</sup>
    ],
)
def test_ingest_paper_text_kept(kept):
    assert kept in seed("001").text


@pytest.mark.parametrize(
    ("prefix", "gone"),
    [
        ("000", "Video Widget"),
        ("000", "« »"),
        ("000", "Thank You For Reading"),
        ("000", "ایک تبصرہ شائع کریں"),
        ("002", "No comments:"),
        ("003", "Source:"),
        ("003", "dailytimes.com.pk"),
        ("003", "Â"),
    ],
)
def test_ingest_boilerplate_dropped(prefix, gone):
    assert gone not in seed(prefix).text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_ingest_clean_text_is_tidy_and_stable(prefix):
    text = seed(prefix).text
    assert text == text.strip()
    assert "\n\n\n" not in text and "\r" not in text and "\u00a0" not in text
    assert all(line == line.strip() for line in text.split("\n"))
    assert clean_text(text, kind="txt") == text


# ---------------------------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b" \n\t\r\n  \n", "whitespace only"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4, "not text (binary)"),
        (bytes(range(1, 32)) * 40, "not text (binary)"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00<<>>", "not text (binary)"),
        (b"\x81\x8d\x8f\x90\x9d" * 40, "undecodable (not UTF-8 or Windows-1252 text)"),
        (bytes([0xA4, 0xA6, 0xA7, 0xA8, 0xAC, 0xAF, 0xB0, 0xB1, 0xB6, 0xD7, 0xF7]) * 40,
         "undecodable (not UTF-8 or Windows-1252 text)"),
        (b"Video Widget\n\nThank You For Reading\n\nNo comments:\n", "no article text"),
    ],
    ids=["empty", "whitespace", "bom-only", "png", "controls", "pdf", "undefined-1252", "symbols-1252", "boilerplate"],
)
def test_ingest_bad_input_skipped(tmp_path, content, reason):
    doc = read_document(write(tmp_path, "bad.txt", content), tmp_path)
    assert (doc.status, doc.reason, doc.text) == ("skipped", reason, "")
    assert doc.doc_id == "bad"
    assert doc.content_hash == hashlib.sha256(content).hexdigest()[:16]


def garble(text: str) -> str:
    """Text as it looks when its UTF-8 bytes are read as Windows-1252 (undefined bytes kept as C1 controls)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


TEXT = "Russia’s “offer” of $2 billion — for the pipeline — was welcomed in Islamabad."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("utf-16"), TEXT),  # with BOM
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT),
        (TEXT.encode("utf-16-le"), TEXT),  # no BOM: NUL pattern
        (TEXT.encode("cp1252"), TEXT),
        (garble("Pakistan’s “ties” with Russia: a café in Moscow.").encode("utf-8"),
         "Pakistan’s “ties” with Russia: a café in Moscow."),  # mojibake repaired
        ("Moscow’s offer was “firm”.".encode("utf-8") + " Karachi’s reply was “cool”.".encode("cp1252"),
         "Moscow’s offer was “firm”. Karachi’s reply was “cool”."),  # UTF-8 with Windows-1252 pasted in
        ("Source:\u00c2 https://example.com/x\nThe text of the article.".encode("utf-8"), "The text of the article."),
        (b"Line one of the text.\r\nLine two of the text.\r\n", "Line one of the text.\nLine two of the text."),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16-no-bom", "cp1252", "mojibake", "mixed", "nbsp-artefact",
         "crlf"],
)
def test_ingest_decodes(tmp_path, content, expected):
    doc = read_document(write(tmp_path, "a.txt", content), tmp_path)
    assert doc.status == "ok", doc.reason
    assert doc.text == expected


@pytest.mark.parametrize(
    ("garbled", "fixed"),
    [
        ("Pakistanâ€™s", "Pakistan’s"),
        ("â€œquotedâ€\x9d", "“quoted”"),
        ("cafÃ©", "café"),
        ("Ã¢â‚¬â„¢", "’"),  # garbled twice
        ("Source:Â https://x", "Source: https://x"),
        ("naïve café Âme", "naïve café Âme"),  # real accents stay
        ("پاکستان", "پاکستان"),
    ],
)
def test_ingest_repair_mojibake(garbled, fixed):
    assert ingest.repair_mojibake(garbled) == fixed


def test_ingest_too_large_skipped(tmp_path):
    content = b"Pakistan and Russia. " * 10
    doc = read_document(write(tmp_path, "big.txt", content), tmp_path, size_limit=100)
    assert doc.status == "skipped"
    assert doc.reason == f"too large ({len(content)} bytes > 100)"
    assert doc.content_hash == hashlib.sha256(content).hexdigest()[:16]
    assert ingest.SIZE_LIMIT_BYTES == 5_000_000


def test_ingest_unreadable_skipped(tmp_path):
    path = write(tmp_path, "locked.txt", b"Pakistan and Russia signed an agreement.")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        doc = read_document(path, tmp_path)
    finally:
        path.chmod(0o644)
    assert (doc.status, doc.reason, doc.content_hash) == ("skipped", "unreadable (permission denied)", "")


def test_ingest_broken_symlink_skipped(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    assert discover(tmp_path) == [tmp_path / "gone.txt"]
    doc = read_document(tmp_path / "gone.txt", tmp_path)
    assert (doc.status, doc.reason) == ("skipped", "unreadable (file not found)")


def test_ingest_not_a_regular_file_skipped(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.txt")
    doc = read_document(tmp_path / "pipe.txt", tmp_path)  # must not block reading the pipe
    assert (doc.status, doc.reason) == ("skipped", "not a regular file")


def test_ingest_urdu_only_article_skipped():
    doc = read_document(DATA / "urdu_only.txt", DATA)
    assert (doc.status, doc.reason) == ("skipped", "not English (Arabic script)")


# ---------------------------------------------------------------------------------------------- discovery


def test_ingest_discover_walks_sorted_and_filters(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.html", "sub/deeper/d.htm", "e.markdown", "F.TXT", "notes.pdf",
                 "data.csv", ".hidden.txt", ".git/x.txt", "sub/.cache/y.md"]:
        write(tmp_path, name, b"Some article text about Pakistan and Russia.")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["F.TXT", "a.md", "b.txt", "e.markdown", "sub/c.html", "sub/deeper/d.htm"]
    doc = read_document(tmp_path / "sub" / "deeper" / "d.htm", tmp_path)
    assert (doc.doc_id, doc.path) == ("sub/deeper/d", "sub/deeper/d.htm")


def test_ingest_discover_survives_symlink_loops(tmp_path):
    write(tmp_path, "a.txt", b"Article one.")
    write(tmp_path, "sub/b.txt", b"Article two.")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "self").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    write(tmp_path, "elsewhere/c.txt", b"Article three.")
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a.txt", "elsewhere/c.txt", "sub/b.txt"]


def test_ingest_discover_follows_symlinked_folder_out_of_the_corpus_only_when_asked(tmp_path):
    outside = tmp_path / "outside"
    write(outside, "x.txt", b"An article kept elsewhere.")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "linked").symlink_to(outside, target_is_directory=True)
    with pytest.raises(CorpusError, match="empty"):
        discover(corpus)
    assert [p.relative_to(corpus).as_posix() for p in discover(corpus, follow_links=True)] == ["linked/x.txt"]


def test_ingest_discover_passes_over_unreadable_folder(tmp_path):
    write(tmp_path, "a.txt", b"Article one.")
    write(tmp_path, "closed/b.txt", b"Article two.")
    (tmp_path / "closed").chmod(0)
    try:
        readable = os.access(tmp_path / "closed", os.R_OK | os.X_OK)
        found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    finally:
        (tmp_path / "closed").chmod(0o755)
    assert found == (["a.txt", "closed/b.txt"] if readable else ["a.txt"])


def test_ingest_discover_unreadable_corpus_raises(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", b"Article one.")
    corpus.chmod(0)
    try:
        if os.access(corpus, os.R_OK):
            pytest.skip("running as a user who can read any folder (root)")
        with pytest.raises(CorpusError, match="corpus folder cannot be read: .*permission denied"):
            discover(corpus)
    finally:
        corpus.chmod(0o755)


def test_ingest_markdown_file_read(tmp_path):
    content = b"# Russia and Pakistan sign an accord\n\n**By Ayesha Khan**\n\nThey signed it in *Moscow*.<sup>1</sup>\n"
    doc = read_document(write(tmp_path, "notes/accord.md", content), tmp_path)
    assert (doc.doc_id, doc.path) == ("notes/accord", "notes/accord.md")
    assert doc.text == "Russia and Pakistan sign an accord\n\nBy Ayesha Khan\n\nThey signed it in Moscow."
    assert (doc.title, doc.author) == ("Russia and Pakistan sign an accord", "Ayesha Khan")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "corpus folder not found: "),
        ("file", "corpus folder not found: "),
        ("empty", "corpus folder is empty: "),
        ("no-articles", "corpus folder is empty: "),
    ],
)
def test_ingest_discover_bad_corpus_raises(tmp_path, setup, message):
    corpus = tmp_path / "corpus"
    if setup == "file":
        corpus.write_text("not a folder")
    elif setup == "empty":
        corpus.mkdir()
    elif setup == "no-articles":
        write(corpus, "notes.pdf", b"%PDF")
        write(corpus, ".hidden.txt", b"text")
    with pytest.raises(CorpusError) as error:
        discover(corpus)
    assert str(error.value).startswith(message + str(corpus))
    if setup in ("empty", "no-articles"):
        assert str(error.value).endswith("(no .txt, .md or .html articles)")


# ---------------------------------------------------------------------------------------------- html


@pytest.fixture(params=["trafilatura", "fallback"])
def html_extractor(request, monkeypatch):
    if request.param == "fallback":
        monkeypatch.setattr(ingest_html, "_trafilatura", lambda: None)
    elif ingest_html._trafilatura() is None:
        pytest.skip("trafilatura cannot be imported here (it needs lxml_html_clean)")
    return request.param


def test_ingest_html_article_extracted(html_extractor):
    doc = read_document(DATA / "nav_footer_page.html", DATA)
    assert doc.status == "ok", doc.reason
    assert "signed an agreement in Moscow on Friday to build the North-South gas pipeline from Karachi" in doc.text
    assert "cost about $2 billion. Construction is planned to start in 2017" in doc.text
    assert "have warmed since the end of the Cold War." in doc.text
    for gone in ["Business", "Opinion", "Most read", "Cricket board", "Share on", "Privacy policy", "Copyright",
                 "tracking", "font-family", "<"]:
        assert gone not in doc.text, gone
    assert "\n\n" in doc.text  # paragraphs kept
    assert doc.title == "Pakistan and Russia sign gas pipeline deal"
    assert doc.author == "Ayesha Khan"
    assert doc.published.label == "2015-10-16"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<html><body><nav><a href='/'>Home</a></nav><footer>Privacy</footer></body></html>", "no article text"),
        ("<html><head><script>var x = 1;</script></head><body></body></html>", "no article text"),
    ],
)
def test_ingest_html_without_article_skipped(tmp_path, html_extractor, html, reason):
    doc = read_document(write(tmp_path, "page.html", html.encode()), tmp_path)
    assert (doc.status, doc.reason) == ("skipped", reason)


def test_ingest_html_in_txt_file_is_read_as_html(tmp_path):
    page = "<!DOCTYPE html><html><body><p>Pakistan and Russia held talks in Moscow on trade.</p></body></html>"
    doc = read_document(write(tmp_path, "saved.txt", page.encode()), tmp_path)
    assert doc.text == "Pakistan and Russia held talks in Moscow on trade."


# ---------------------------------------------------------------------------------------------- markdown


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# **Title of the piece**\n\nBody text here.", "Title of the piece\n\nBody text here."),
        ("A *stressed* word and __strong__ one.", "A stressed word and strong one."),
        ("A [linked phrase](http://example.com/a_(b)) here.", "A linked phrase here."),
        ("See <http://example.com> now.", "See now."),
        ("Worth US \\$2 billion in file\\_name.", "Worth US $2 billion in file_name."),
        ("Footnoted claim.<sup>12</sup> Next.", "Footnoted claim. Next."),
        ("In the 21<sup>st</sup> century.", "In the 21st century."),
        ("It was strong\n\n---\n\n<sup>3</sup> Ibid., 12.\n\nthanks to oil.", "It was strong thanks to oil."),
        ("Ends here.\n\n---\n\n\\* The author is a fellow.\n\nNew paragraph.", "Ends here.\n\nNew paragraph."),
        ("Text.[^1]\n\n[^1]: A note.", "Text."),
        ("- one item\n* two item", "- one item\n- two item"),
        ("> quoted line", "quoted line"),
        ("Setext Title Here\n=================\n\nBody.", "Setext Title Here\n\nBody."),
        ("Math: 2 * 3 * 4 stays.", "Math: 2 * 3 * 4 stays."),
    ],
)
def test_ingest_markdown_cleaned(markdown, expected):
    assert clean_text(markdown, kind="md") == expected


@pytest.mark.parametrize(
    ("text", "is_markdown"),
    [
        ("## Heading\n\nText with **bold** words.", True),
        ("Text<sup>1</sup> and \\$5.", True),
        ("Plain text with one rule\n\n---\n\nand more.", False),
        ("Price 2*3 and #1 spot.", False),
    ],
)
def test_ingest_markdown_detected_in_txt(text, is_markdown):
    assert ingest_markdown.looks_like_markdown(text) is is_markdown


# ---------------------------------------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    ("text", "title", "author", "published"),
    [
        ("Thursday, December 13, 2012\n\nRussia offers help with steel mill\n\nBody.", "Russia offers help with steel mill",
         "", "2012-12-13"),
        ("September 2018\n\nA title of five words\n\nBody.", "A title of five words", "", "2018-09"),
        ("13 December\n\nA title of five words\n\nBody.", "A title of five words", "", ""),  # no year: no date
        ("2012\n\nA title of five words\n\nBody.", "A title of five words", "", ""),  # a bare year is not a date line
        ("Pakistan-Russia ties in March 2019\n\nBody.", "Pakistan-Russia ties in March 2019", "", ""),
        ("This opens with a sentence.\n\nMore.", "", "", ""),
        ("Title line here today\nBY ABDUL BASIT\n\nBody.", "Title line here today", "ABDUL BASIT", ""),
        ("Title line here today\n\nBy 2014, Russia had changed.", "Title line here today", "", ""),
        ("Title line here today\n\nBody.\n\nPublished: 12 March 2019", "Title line here today", "", "2019-03-12"),
        ("Title line here today\n\nPublished in 1999, the report argued otherwise.", "Title line here today", "", ""),
        ("Title line here today\n\nBody.\n\nThe writer is a columnist.", "Title line here today", "", ""),
        ("", "", "", ""),
    ],
)
def test_ingest_detect_metadata(no_dates_stage, text, title, author, published):
    found_title, found_author, found_date = detect_metadata(text)
    assert (found_title, found_author, found_date.label if found_date else "") == (title, author, published)
    if found_date is not None:
        assert text[found_date.char_start : found_date.char_end] == found_date.text


def test_ingest_detect_metadata_urdu_date_line(no_dates_stage):
    _, _, value = detect_metadata("جمعرات، 13 دسمبر، 2012\n\nPakistan-Russia relations should grow speedily")
    assert (value.start, value.end, value.granularity) == (date(2012, 12, 13), date(2012, 12, 13), "day")


def test_ingest_detect_metadata_uses_dates_stage(monkeypatch):
    calls = []

    def parse_expression(text, *, anchor=None):
        calls.append(text)
        return TimeValue(text, 0, len(text), date(2016, 11, 1), date(2016, 11, 30), "month")

    monkeypatch.setattr(ingest_metadata, "parse_expression", parse_expression)
    _, _, value = detect_metadata("9 November 2016\n\nA title of five words")
    assert calls and value.label == "2016-11"


def test_ingest_detect_metadata_falls_back_when_dates_stage_fails(monkeypatch):
    def parse_expression(text, *, anchor=None):
        raise RuntimeError("not written yet")

    monkeypatch.setattr(ingest_metadata, "parse_expression", parse_expression)
    assert detect_metadata("9 November 2016\n\nA title of five words")[2].label == "2016-11-09"


# ---------------------------------------------------------------------------------------------- rules


@pytest.mark.parametrize("rule", ingest.boilerplate_rules(), ids=lambda rule: rule.source.rsplit("/", 1)[-1])
def test_ingest_boilerplate_rule_examples_dropped(rule):
    line = rule.example or rule.pattern
    text = f"Pakistan and Russia signed a deal.\n\n{line}\n\nThe end of the article."
    assert clean_text(text, kind="txt") == "Pakistan and Russia signed a deal.\n\nThe end of the article."


@pytest.mark.parametrize("cue", ingest.publication_cues(), ids=lambda cue: cue.source.rsplit("/", 1)[-1])
def test_ingest_publication_cue_examples(no_dates_stage, cue):
    assert cue.example and cue.expected, f"{cue.source}: every cue needs an example and what it yields"
    text = f"A title for the test article\n\nThe body of the article is one sentence.\n\n{cue.example}"
    if cue.kind in ("dateline", "updated"):  # a dateline opens the story; an update line stands at the top
        text = f"A title for the test article\n\n{cue.example}\n\nThe body of the article is one sentence."
    _, author, published = detect_metadata(text)
    if cue.kind == "updated":
        found = published.label if published else "none"
    else:
        found = published.label if cue.kind in ("published", "dateline") else author
    assert found == cue.expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("exact\n", "expected 2 to 4 tab-separated columns, got 1"),
        ("exact\t\n", "expected kind<TAB>pattern<TAB>example"),
        ("fuzzy\tVideo Widget\n", "unknown kind 'fuzzy'"),
        ("regex\t(unclosed\n", "bad regular expression"),
    ],
)
def test_ingest_bad_rule_file_raises(tmp_path, content, message):
    (tmp_path / "boilerplate.tsv").write_text("# format: TSV\n" + content, encoding="utf-8")
    with pytest.raises(RuleError) as error:
        clean_text("Some text.", kind="txt", rules=tmp_path)
    assert f"boilerplate.tsv:2: {message}" in str(error.value)


def test_ingest_missing_rules_folder_raises(tmp_path):
    with pytest.raises(RuleError, match="rules folder not found"):
        clean_text("Some text.", kind="txt", rules=tmp_path / "nowhere")


def test_ingest_rule_pack_extends_boilerplate(tmp_path):
    (tmp_path / "boilerplate.tsv").write_text("# format\nexact\tRead the e-paper\n", encoding="utf-8")
    text = "Video Widget\nRead the e-paper\nBody."
    assert clean_text(text, kind="txt", rules=tmp_path) == "Body."
    assert clean_text(text, kind="txt") == "Read the e-paper\nBody."


# ---------------------------------------------------------------------------------------------- robustness


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=2000) | st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_ingest_read_document_never_raises(tmp_path, content):
    for name in ("x.txt", "x.md"):
        doc = read_document(write(tmp_path, name, content), tmp_path)
        assert doc.status in ("ok", "skipped")
        assert (doc.status == "ok") == (doc.reason == "") == bool(doc.text)


@settings(max_examples=500, deadline=None)
@given(
    raw=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("*_#<>[]()\\-`!\n /:")),
        max_size=400,
    ),
    kind=st.sampled_from(["txt", "md", "html"]),
)
def test_ingest_clean_text_never_raises(raw, kind):
    text = clean_text(raw, kind=kind)
    assert text == text.strip()
    assert clean_text(raw, kind=kind) == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Moscow\tand\u00a0Islamabad\u2003signed\u3000it.", "Moscow and Islamabad signed it."),  # odd spaces
        ("A\x00B\x07C\x1bD\x7fE\x85F\x9fG", "ABCDEFG"),  # C0 and C1 controls
        ("line\x0bone\x0cand two", "lineoneand two"),
        ("lone \ud800 surrogate", "lone surrogate"),
        ("zero\u200bwidth\ufeff soft\u00adhyphen", "zerowidth softhyphen"),
        ("Urdu: پاکستان اور روس", "Urdu: پاکستان اور روس"),
    ],
    ids=["spaces", "controls", "vt-ff", "surrogate", "invisible", "urdu"],
)
def test_ingest_clean_text_odd_characters(raw, expected):
    assert clean_text(raw, kind="txt") == expected


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Pakistan and Russia", ""),
        ("پاکستان اور روس کے تعلقات Pakistan", "Arabic"),
        ("Россия и Пакистан подписали", "Cyrillic"),
        ("中国 and 巴基斯坦 China", ""),  # more Latin letters than others
        ("Café, naïve, Zürich and Łódź", ""),  # accented Latin is Latin
        ("", ""),
    ],
)
def test_ingest_foreign_script(text, script):
    assert ingest_script.foreign_script(text) == script


# ---------------------------------------------------------------------------------------------- named heuristics


@pytest.mark.parametrize(("previous", "paragraph", "after_break", "joined"), [
    ("the agreement was", "signed in 2014.", False, True),  # open end and lower-case start
    ("The agreement was signed.", "It came into force.", False, False),
    ("the agreement was", "Signed in 2014.", False, False),  # without a page break both must hold
    ("the agreement was", "Signed in 2014.", True, True),  # after footnotes an open end is enough
    ("The agreement was signed.", "and came into force.", True, True),  # ... or a lower-case start
    ("The agreement was signed.", "It came into force.", True, False),
])
def test_ingest_markdown_continues_paragraph(previous, paragraph, after_break, joined):
    assert ingest_markdown._continues_paragraph(previous, paragraph, after_break=after_break) is joined


@pytest.mark.parametrize(("block", "furniture"), [
    ("---", True),
    ("* * *", True),
    ("<sup>3</sup> See the joint statement of 2014.", True),
    ("[^2]: The ministry's figures.", True),
    ("![map of the pipeline](map.png)", True),
    ("---\nmore text", False),
    ("The pipeline runs from Karachi to Lahore.", False),
])
def test_ingest_markdown_page_furniture(block, furniture):
    assert ingest_markdown._is_page_furniture(block.split("\n")) is furniture


@pytest.mark.parametrize(("text", "title"), [
    ("9 November 2016\nBy Abdul Basit\nRussia and Pakistan hold joint exercises\nBody.",
     "Russia and Pakistan hold joint exercises"),
    ("Short\nRussia and Pakistan hold joint exercises", "Russia and Pakistan hold joint exercises"),  # under 3 words
    ("The two countries held joint exercises in the mountains.\nMore.", ""),  # ends like a sentence
    ("جمعرات، 13 دسمبر، 2012 کو اسلام آباد میں\nRussia and Pakistan hold talks", "Russia and Pakistan hold talks"),
])
def test_ingest_metadata_title(no_dates_stage, text, title):
    lines = ingest_metadata._lines_with_offsets(text)
    date_lines = ingest_metadata._date_lines(lines)
    cues = ingest.publication_cues()
    bylines = {i: ingest_metadata._cue_author(line, cues, "byline") for i, (_, line) in enumerate(lines)}
    assert ingest_metadata._title(lines, date_lines, bylines)[0] == title


@pytest.mark.parametrize(("text", "author"), [
    ("Russia and Pakistan hold talks\nAbdul Basit\nBody text.", "Abdul Basit"),
    ("Russia and Pakistan hold talks\nColonel (R) Muhammad Hanif.\nBody text.", "Colonel (R) Muhammad Hanif"),
    ("Russia and Pakistan hold talks\nThe talks went well.\nBody text.", ""),
    ("Russia and Pakistan hold talks", ""),  # nothing under the title
])
def test_ingest_metadata_name_under_title(text, author):
    lines = ingest_metadata._lines_with_offsets(text)
    assert ingest_metadata._name_under_title(lines, 0) == author


@pytest.mark.parametrize(("html", "kept", "dropped"), [
    ("<body><nav>Home</nav><article><p>Short.</p></article><article><p>The longer article.</p></article></body>",
     "The longer article.", "Home"),
    ("<body><div>Menu</div><main><p>The main text.</p></main></body>", "The main text.", "Menu"),
    ("<body><div role='main'><p>The main text.</p></div><footer>Contact</footer></body>", "The main text.", "Contact"),
    ("<body><p>Only a body.</p></body>", "Only a body.", None),
])
def test_ingest_html_main_container(html, kept, dropped):
    container = ingest_html._main_container(ingest_html._parse_html(html))
    text = container.text_content()
    assert kept in text
    assert dropped is None or dropped not in text


@pytest.mark.parametrize(("text", "expected"), [
    ("A title for the test article\n\nMarch 3, 2016\n\nBody text here.", ("2016-03-03", "header")),
    ("A title for the test article\n\nISLAMABAD, Feb. 20, 2019 (APP): The talks went on.", ("2019-02-20", "dateline")),
    ("A title for the test article\n\nISLAMABAD, Feb 20 (APP): the year is not stated.", ("", "")),
    ("A title for the test article\n\nUpdated May 1, 2020\n\nBody text here.", ("", "")),
    # a date line over a story naming only older years is a site clock, unless a byline stands next to it
    ("A title for the test article\n\nThursday, March 30, 2023\n\nThe treaty of 1996 held.", ("", "")),
    ("A title for the test article\n\nBy AFP\nJanuary 14, 2012\n\nThe treaty of 1996 held.", ("2012-01-14", "header")),
    # a line that says "Published" is believed even over a story that names only older years
    ("A title for the test article\n\nThe treaty of 1996 held.\n\nPublished: 10 February 1999", ("1999-02-10", "header")),
    # a published line whose year has two digits: 00-68 are 20xx, 69-99 19xx (as %y reads them)
    ("A title for the test article\n\nPublished: 10 March 23\n\nBody text here.", ("2023-03-10", "header")),
    ("A title for the test article\n\nPosted on Mar 10, '99\n\nBody text here.", ("1999-03-10", "header")),
    ("A title for the test article\n\nPublished: 31 February 23\n\nBody text here.", ("", "")),
    # the first entry of a chronology is no page date: more dates alone on their lines follow it
    ("Chronology of India-China relations\n\n4 Dec 1947\nRanga tells Parliament.\n\n8 March 1948\nIndia "
     "proclaims non-interference.\n\n30 Dec 1949\nIndia recognises China.\n", ("", "")),
    ("A title for the test article\n\nMarch 3, 2016\n\nBody text here.\n\nMarch 4, 2016\n\nMore.", ("2016-03-03", "header")),
])
def test_metadata_published_source(text, expected):
    published, source = ingest_metadata.detect_published(text)
    assert ((published.label if published else ""), source) == expected


def test_ingest_metadata_file_overrides_and_reports_bad_rows(tmp_path):
    from pipeline.records import Document

    path = tmp_path / "metadata.csv"
    path.write_text("path,published,source,title,url\n"
                    "a.txt,2016-03-03,Dawn,A given title,https://example.org/a\n"
                    "b.txt,March 2016,,,\n"
                    ",2016,,,\n"
                    "a.txt,2017,,,\n"
                    "c.txt,,,,\n", encoding="utf-8")
    warnings = []
    rows = ingest.read_metadata_file(path, warn=warnings.append)
    assert sorted(rows) == ["a.txt", "c.txt"]
    assert [w.split(": ", 1)[0] for w in warnings] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    doc = ingest.apply_metadata(Document("a", "a.txt", "Text."), rows)
    assert (doc.published.label, doc.published_from, doc.source, doc.title, doc.url) == \
        ("2016-03-03", "metadata", "Dawn", "A given title", "https://example.org/a")
    untouched = Document("c", "c.txt", "Text.")
    assert ingest.apply_metadata(untouched, rows) == untouched


def test_ingest_metadata_file_without_required_column_is_refused(tmp_path):
    path = tmp_path / "metadata.csv"
    path.write_text("path,title\na.txt,A title\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="lacks the column"):
        ingest.read_metadata_file(path, warn=print)
    with pytest.raises(CorpusError, match="cannot read"):
        ingest.read_metadata_file(tmp_path / "absent.csv", warn=print)


# ---------------------------------------------------------------------------------------------- hostile corpora


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Pakistan and Russia, {name}.\n", encoding="utf-8")


def _rels(paths: list[Path], corpus: Path) -> list[str]:
    return [p.relative_to(corpus).as_posix() for p in paths]


def test_ingest_discover_never_reads_an_output_folder(tmp_path):
    corpus = tmp_path / "corpus"
    _tree(corpus, ["a.txt", "outputs/report.html", "outputs/claims.txt", "old_run/report.html", "deep/x/b.md"])
    (corpus / "old_run" / ingest.STORE_FILE).write_bytes(b"")
    found = ingest.find_articles(corpus, exclude=(corpus / "outputs",))
    assert _rels(found.paths, corpus) == ["a.txt", "deep/x/b.md"]
    assert any("outputs: not read as corpus: it is the output folder" in n for n in found.notes)
    assert any("old_run: not read as corpus: it holds a claimline output" in n for n in found.notes)


def test_ingest_discover_follows_links_inside_and_skips_links_out(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    _tree(corpus, ["a.txt", "sub/b.txt"])
    _tree(outside, ["secret.txt", "folder/c.txt"])
    (corpus / "inside_link.txt").symlink_to(corpus / "sub" / "b.txt")
    (corpus / "inside_folder").symlink_to(corpus / "sub")
    (corpus / "passwd.txt").symlink_to(outside / "secret.txt")
    (corpus / "linked").symlink_to(outside / "folder")
    found = ingest.find_articles(corpus)
    assert _rels(found.paths, corpus) == ["a.txt", "inside_link.txt", "sub/b.txt"]
    assert {p.name: why for p, why in found.outside.items()} == {
        "passwd.txt": "link out of the corpus (--follow-links reads it)"}
    assert any(n.startswith(f"{corpus / 'linked'}: not read: a link out of the corpus") for n in found.notes)
    followed = ingest.find_articles(corpus, follow_links=True)
    assert _rels(followed.paths, corpus) == ["a.txt", "inside_link.txt", "linked/c.txt", "passwd.txt", "sub/b.txt"]
    assert not followed.outside


def test_ingest_discover_reports_names_that_clash_on_case_or_unicode_form(tmp_path):
    corpus = tmp_path / "corpus"
    _tree(corpus, ["Report.txt", "report.txt", "caf\u00e9.txt", "cafe\u0301.txt", "other.txt"])
    if len(list(corpus.iterdir())) < 5:
        pytest.skip("this file system folds case or Unicode forms itself")
    notes = ingest.find_articles(corpus).notes
    assert len(notes) == 2
    assert any("Report.txt, report.txt" in n for n in notes)
    assert any("caf\u00e9.txt" in n and "cafe\u0301.txt" in n for n in notes)


@pytest.mark.parametrize("names,expected", [
    (["a.txt", "b.md"], ["a", "b"]),
    (["a.txt", "a.md"], ["a.md", "a.txt"]),
    (["sub/a.txt", "sub/a.html", "a.txt"], ["a", "sub/a.html", "sub/a.txt"]),
    (["a.txt", "a.md", "a.txt.md"], ["a.md", "a.txt", "a.txt.md"]),  # the kept extension meets a stem
])
def test_ingest_doc_ids_keep_the_extension_when_stems_collide(tmp_path, names, expected):
    _tree(tmp_path, names)
    paths = [tmp_path / n for n in names]
    ids = ingest.doc_ids(paths, tmp_path)
    assert sorted(ids.values()) == expected


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_ingest_io_error_skipped(tmp_path):
    # a file that exists but cannot be read, even by root: reading /proc/self/mem at offset 0 fails
    (tmp_path / "io_error.txt").symlink_to("/proc/self/mem")
    doc = read_document(tmp_path / "io_error.txt", tmp_path)
    assert (doc.status, doc.reason) == ("skipped", "unreadable (input/output error)")


def test_ingest_sources_from_a_memory_url():
    fsspec = pytest.importorskip("fsspec", reason="fsspec comes with the dask extra")
    from pipeline.ingest import read_sources

    fs = fsspec.filesystem("memory")
    files = {"/src-test/b.txt": b"Second.", "/src-test/sub/a.md": b"First.", "/src-test/.hidden.txt": b"x",
             "/src-test/data.csv": b"x", "/src-test/empty.txt": b"", "/src-test/big.html": b"y" * 50}
    for path, data in files.items():
        fs.pipe_file(path, data)
    try:
        found = list(read_sources("memory://src-test", size_limit=20))
    finally:
        fs.rm("/src-test", recursive=True)
    assert [(s.doc_id, s.path, s.kind, s.reason) for s in found] == [
        ("b", "b.txt", "txt", ""), ("big", "big.html", "html", "too large (50 bytes > 20)"),
        ("empty", "empty.txt", "txt", "empty"), ("sub/a", "sub/a.md", "md", "")]
    assert found[0].raw == b"Second." and len(found[0].content_hash) == 16


def test_ingest_sources_from_a_file_url_are_left_to_the_worker(tmp_path):
    """A file:// corpus is listed, not read: each file carries its URL and a stamp of its listing; fetch reads it
    (as a worker does) into the bytes and hash a local read gives; a changed file has another stamp."""
    pytest.importorskip("fsspec", reason="fsspec comes with the dask extra")
    from pipeline.ingest import read_sources
    from pipeline.ingest.sources import fetch

    (tmp_path / "one.txt").write_text("Pakistan and Russia signed an agreement in 2015.\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("y" * 50, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    big, empty, one = read_sources(tmp_path.as_uri(), size_limit=49)
    assert big.reason.startswith("too large") and not big.unread
    assert one.unread and one.raw is None and one.url == (tmp_path / "one.txt").as_uri() and len(one.stamp) == 16
    (local,) = [s for s in read_sources(tmp_path, size_limit=1000) if s.doc_id == "one"]
    assert fetch(one, size_limit=1000).raw == local.raw
    assert fetch(one, size_limit=1000).content_hash == local.content_hash
    assert fetch(empty, size_limit=1000).reason == "empty"
    assert fetch(one, size_limit=10).reason.startswith("too large")
    (tmp_path / "one.txt").write_text("Pakistan and Russia signed an agreement in 2016, not 2015.\n", encoding="utf-8")
    (_, _, changed) = read_sources(tmp_path.as_uri(), size_limit=1000)
    assert changed.stamp != one.stamp


def test_ingest_sources_local_match_read_document(tmp_path):
    from pipeline.ingest import read_document, read_sources

    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "one.txt").write_text("Pakistan and Russia signed an agreement in 2015.\n", encoding="utf-8")
    (source,) = read_sources(tmp_path, size_limit=1000)
    document = read_document(tmp_path / "x" / "one.txt", tmp_path)
    assert (source.doc_id, source.path, source.content_hash) == (document.doc_id, document.path,
                                                                 document.content_hash)


def test_ingest_sources_missing_url_corpus_is_a_corpus_error():
    pytest.importorskip("fsspec", reason="fsspec comes with the dask extra")
    from pipeline.errors import CorpusError
    from pipeline.ingest import read_sources

    with pytest.raises(CorpusError):
        read_sources("memory://no-such-corpus", size_limit=1000)
