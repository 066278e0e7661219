"""Ingest: find the articles under a corpus folder and turn each file into a clean-text ``Document``.

The text a ``Document`` carries is what every later stage reads: claim offsets point into it. So cleaning
is deterministic, keeps paragraphs (one blank line between them) and keeps the article's own metadata
lines (title, byline, date line), which :func:`detect_metadata` reads back from the clean text.

A bad file never stops a run: :func:`read_document` returns ``status="skipped"`` with a short reason.
Only a missing or empty corpus folder is an error (:class:`~pipeline.errors.CorpusError`).

Rules are data: the lines dropped as blog furniture are in ``rules/boilerplate.tsv``; bylines,
author notes and "Published in ..." lines are recognised by the cues in ``rules/publication.tsv``.

Modules, in the order a file goes through them: ``discover`` (article files under the corpus), ``read``
(one file to a Document), ``decode`` (bytes to text), ``clean`` (text to clean text) with ``html`` and
``markdown`` (markup away) and ``rules`` (the line rule files), ``metadata`` (title, author, date) and
``script`` (which writing system the letters are in); ``sources`` (files as bytes, from a folder or an fsspec URL, for
a run on a cluster).
"""
from __future__ import annotations

from pipeline.ingest.clean import clean_text
from pipeline.ingest.decode import decode_bytes, repair_mojibake
from pipeline.ingest.discover import ARTICLE_KINDS, STORE_FILE, Found, discover, doc_ids, find_articles
from pipeline.ingest.metadata import DATE_LANGUAGES, detect_metadata
from pipeline.ingest.user_metadata import DEFAULT_NAME as METADATA_NAME
from pipeline.ingest.user_metadata import apply_metadata, read_metadata_file
from pipeline.ingest.read import SIZE_LIMIT_BYTES, read_document
from pipeline.ingest.rules import LineRule, boilerplate_rules, publication_cues
from pipeline.ingest.sources import Source, is_url, read_sources

__all__ = [
    "ARTICLE_KINDS",
    "DATE_LANGUAGES",
    "STORE_FILE",
    "Found",
    "SIZE_LIMIT_BYTES",
    "LineRule",
    "Source",
    "boilerplate_rules",
    "clean_text",
    "decode_bytes",
    "METADATA_NAME",
    "apply_metadata",
    "detect_metadata",
    "read_metadata_file",
    "discover",
    "doc_ids",
    "find_articles",
    "is_url",
    "publication_cues",
    "read_document",
    "read_sources",
    "repair_mojibake",
]
