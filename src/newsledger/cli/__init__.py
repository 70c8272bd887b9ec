"""The ``newsledger`` command line: a thin layer over the library.

Each command parses its arguments, calls library functions, and prints. A user's
mistake is one line on stderr (``click.ClickException``), never a traceback. Exit codes:
0 ok, 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import logging
from pathlib import Path

import click

from newsledger import __version__, settings
from newsledger.cli import crossref, layers
from newsledger.cli.common import settings_of
from newsledger.cli.evaluate import eval_command
from newsledger.cli.ledger import export, ingest, quotes, summary
from newsledger.cli.serve import serve
from newsledger.cli.watch import watch


class _OneLineFormatter(logging.Formatter):
    """Warnings as ``warning: message`` on one line, like the errors."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsledger")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), envvar="NEWSLEDGER_CONFIG",
              help="A TOML file of settings (a table per section; `newsledger config` prints them all). "
                   "Also read from $NEWSLEDGER_CONFIG.")
@click.pass_context
def main(ctx: click.Context, verbose: int, config: Path | None) -> None:
    """Turn news articles into a sourced ledger: who said what, who stands where,
    what happened and what was promised by when.

    Start with: newsledger ingest ARTICLE.txt --published 2025-08-19, then
    newsledger summary.
    """
    try:
        ctx.obj = settings.load(config) if config is not None else settings.Settings()
    except settings.SettingsError as err:
        raise click.BadParameter(str(err), param_hint="--config") from None
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLineFormatter())
    root = logging.getLogger("newsledger")
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING - 10 * min(verbose, 2))
    root.propagate = False


@click.command("config")
@click.pass_context
def config_command(ctx: click.Context) -> None:
    """Print the settings in force (the defaults, or --config FILE over them) as TOML."""
    click.echo(settings.to_toml(settings_of(ctx)), nl=False)


for command in (ingest, export, summary, quotes, eval_command, *layers.COMMANDS, *crossref.COMMANDS, serve,
                config_command, watch):
    main.add_command(command)
