"""``newsledger eval``: precision, recall and F1 per layer against gold files."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from newsledger.cli.common import console, settings_of
from newsledger.eval.harness import GoldError, evaluate, totals
from newsledger.pipeline import Pipeline


@click.command("eval")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--details", is_flag=True, help="List what was missed or wrong in each layer.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder the gold files' article.file paths are relative to (default: found upwards).")
@click.pass_context
def eval_command(ctx: click.Context, gold_files: tuple[Path, ...], details: bool, root: Path | None) -> None:
    """Run the pipeline on each GOLD file's article and print P/R/F1 per layer.

    "found" counts a record matching a gold item by its text; "correct" also needs the
    fields a user relies on (speaker and kind; dates; type, status, actor, figures,
    source; holder and polarity; kind and due date).
    """
    try:
        results = evaluate(gold_files, Pipeline.load(settings=settings_of(ctx)), root)
    except GoldError as err:
        raise click.ClickException(str(err)) from err
    table = Table(title=f"newsledger eval: {len(gold_files)} gold file(s)", title_justify="left")
    for column in ("layer", "gold", "system", "found P", "found R", "found F1", "correct P", "correct R", "correct F1"):
        table.add_column(column, justify="left" if column == "layer" else "right")
    scores = totals(results)
    for s in scores:
        table.add_row(s.layer, str(s.gold), str(s.system), *(f"{v:.2f}" for v in (*s.prf(s.matched), *s.prf(s.correct))))
    out = console()
    out.print(table)
    if details:
        for s in scores:
            for note in s.notes:
                out.print(f"{s.layer}: {note}")
