"""Run the pipeline on each gold file's article and score every layer.

A gold file names its article relative to itself (``article.file``) with the
publication date and outlet to ingest it under (``article.published``, ``article.outlet``).
Scores add up over files (micro-averaged), so several gold files give one figure a layer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsledger.eval.scoring import LayerScore, score_document
from newsledger.ingest import IngestError, Overrides, read_inputs
from newsledger.pipeline import Pipeline, StageFailure
from newsledger.records import Document


class GoldError(Exception):
    """A gold file that cannot be read or whose article cannot be processed."""


@dataclass(frozen=True)
class GoldResult:
    path: Path
    scores: list[LayerScore]


def load_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold["article"]["file"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise GoldError(f"{path}: not a gold file ({type(err).__name__}: {err})") from None
    return gold


def article_path(gold_path: Path, file: str, root: Path | None = None) -> Path:
    """Where a gold file's ``article.file`` is: under ``root`` if given, else the first
    folder up from the gold file that holds it, directly or in a ``shared/`` beside it
    (shared gold files name their article from ``shared/``: ``corpus/x.txt``)."""
    if root is not None:
        return (root / file).resolve()
    for folder in (gold_path.parent.resolve(), *gold_path.parent.resolve().parents):
        for candidate in (folder / file, folder / "shared" / file):
            if candidate.exists():
                return candidate
    return (gold_path.parent / file).resolve()


def annotate_gold_article(gold: dict, gold_path: Path, pipeline: Pipeline, root: Path | None = None) -> Document:
    """The gold's article, ingested with the gold's date and outlet, and annotated."""
    article = article_path(gold_path, gold["article"]["file"], root)
    overrides = Overrides(published=gold["article"].get("published"), outlet=gold["article"].get("outlet"))
    items = list(read_inputs([str(article)], overrides))
    if len(items) != 1 or isinstance(items[0], IngestError):
        raise GoldError(f"{gold_path}: its article {article} gave {items[0] if items else 'nothing'}")
    result = next(pipeline.annotate(items))
    if isinstance(result, StageFailure):
        raise GoldError(f"{gold_path}: {result}")
    return result


def evaluate(paths: Iterable[Path], pipeline: Pipeline, root: Path | None = None) -> list[GoldResult]:
    out = []
    for path in paths:
        gold = load_gold(path)
        out.append(GoldResult(path, score_document(gold, annotate_gold_article(gold, path, pipeline, root))))
    return out


def totals(results: list[GoldResult]) -> list[LayerScore]:
    """Per-layer sums over all gold files, in layer order."""
    by_layer: dict[str, LayerScore] = {}
    for result in results:
        for s in result.scores:
            t = by_layer.get(s.layer)
            by_layer[s.layer] = s if t is None else LayerScore(
                s.layer, t.gold + s.gold, t.system + s.system, t.matched + s.matched,
                t.correct + s.correct, t.notes + s.notes,
            )
    return list(by_layer.values())
