"""The ``newsledger`` command line: a thin layer over the library.

Each command parses its arguments, calls library functions, and prints. A user's
mistake is one line on stderr (``click.ClickException``), never a traceback. Exit codes:
0 ok, 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

import click

from newsledger import __version__, settings

#: Every command, by name, as ``module:attribute``. A command's module is imported only
#: when the command runs (or ``--help`` lists them all): ``newsledger --version`` and
#: the read commands never import spaCy, the engines or the pipeline, which cost 2-4 s
#: (issue 18). ``tests/test_cli.py`` checks each entry resolves to a click command of
#: that name.
COMMANDS: dict[str, str] = {
    "ingest": "newsledger.cli.ledger:ingest",
    "export": "newsledger.cli.listings:export",
    "summary": "newsledger.cli.listings:summary",
    "quotes": "newsledger.cli.listings:quotes",
    "eval": "newsledger.cli.evaluate:eval_command",
    "events": "newsledger.cli.layers:events_command",
    "stances": "newsledger.cli.layers:stances_command",
    "commitments": "newsledger.cli.layers:commitments_command",
    "options": "newsledger.cli.layers:options_command",
    "entities": "newsledger.cli.crossref:entities",
    "entity": "newsledger.cli.crossref:entity",
    "stories": "newsledger.cli.crossref:stories",
    "timeline": "newsledger.cli.crossref:timeline",
    "changes": "newsledger.cli.crossref:changes",
    "relink": "newsledger.cli.crossref:relink",
    "fix": "newsledger.cli.corrections:fix",
    "reject": "newsledger.cli.corrections:reject",
    "corrections": "newsledger.cli.corrections:corrections_command",
    "serve": "newsledger.cli.serve:serve",
    "watch": "newsledger.cli.watch:watch",
    "config": "newsledger.cli:config_command",
}


class LazyGroup(click.Group):
    """A group that imports a command's module the first time the command is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module), attribute)


class _OneLineFormatter(logging.Formatter):
    """Warnings as ``warning: message`` on one line, like the errors."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    from newsledger.cli.common import settings_of  # the ledger's modules, for this command only

    click.echo(settings.to_toml(settings_of(ctx)), nl=False)
