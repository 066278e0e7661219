"""Running the per-article stage, and large reconciliations, on a Dask cluster (the optional extra
``claimline[dask]``).

The client (the ``claimline run`` process) lists and hashes the corpus, skips what the store already holds, and sends
each new or changed article's bytes to the cluster, where :func:`pipeline.article.article_records` reads, parses and
mines it. Each worker loads the model and the rule set once, when it joins (:class:`WorkerSetup`, a Dask worker
plugin, run again on a worker that replaces a killed one). Records stream back as they finish and the client alone
writes the store. A worker killed mid-run loses nothing: the scheduler runs its tasks again elsewhere, and since
the stage is pure and the outputs are sorted, the files are the same byte for byte.
"""
from __future__ import annotations

import logging
from typing import Callable, Iterator

from .article import Context, Records, article_records, portable_packs, rules_from_portable
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

    def setup(self, worker=None) -> None:
        """Load the model and rules (Dask calls it once per worker)."""
        self.context = Context.load(self.model, rules_from_portable(self.packs))


def _records_on_worker(source: Source) -> Records:
    """The task run on a worker: the article's records, with the context its plugin loaded."""
    plugin = _distributed().get_worker().plugins[PLUGIN_NAME]
    return article_records(source, plugin.context)


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

    def records(self, sources: list[Source]) -> Iterator[Records]:
        """Each article's records, in the order they finish (nothing is sent for an empty list)."""
        if not sources:
            return
        futures = self.client.map(_records_on_worker, sources, pure=False,
                                  key=[f"claimline-article-{s.content_hash}-{n}" for n, s in enumerate(sources)])
        for future in self.dask.as_completed(futures):
            yield future.result()
            future.release()

    def map_blocks(self, func: Callable, items: list) -> list:
        """``[func(*item) for item in items]`` on the cluster, in order (blocks of claims grouped in partitions)."""
        import dask.bag

        if not items:
            return []
        partitions = max(1, min(len(items), 8 * max(1, len(self.client.scheduler_info()["workers"]))))
        bag = dask.bag.from_sequence(items, npartitions=partitions).starmap(func)
        return self.client.compute(bag).result()

    def block_mapper(self, n_claims: int, *, threshold: int | None = None):
        """The ``map_blocks`` of :func:`pipeline.reconcile.reconcile` for ``n_claims`` claims: the cluster's
        (:meth:`map_blocks`) from ``threshold`` claims on, else None (in process, which is faster for fewer)."""
        limit = CLUSTER_RECONCILE_CLAIMS if threshold is None else threshold
        return self.map_blocks if n_claims >= limit else None

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this session started one."""
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

