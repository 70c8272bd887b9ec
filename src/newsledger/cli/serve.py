"""``newsledger serve``: the local web app (:mod:`newsledger.web`) under uvicorn."""

from __future__ import annotations

import ipaddress

import click

from newsledger.cli.common import db_option
from newsledger.store import LedgerError


def is_loopback(host: str) -> bool:
    """``"127.0.0.1"``, ``"::1"`` and ``"localhost"`` are; ``"0.0.0.0"`` is not."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback exposes the ledger to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--allow-writes", is_flag=True,
              help="Add the write endpoints (entity merge/split), which need the token printed at start "
                   "in the X-Newsledger-Token header. Off by default: the app is read-only.")
def serve(db: str, host: str, port: int, allow_writes: bool) -> None:
    """Browse the ledger in a web browser: articles with every record highlighted,
    who said what, stances, timeline, entities, stories, and a JSON API under /api.

    Read-only and bound to 127.0.0.1 unless told otherwise.
    """
    # Imported here, not at the top: the web stack (FastAPI, Jinja2, uvicorn) takes a
    # while to import and only this command needs it; no cycle (nothing imports cli).
    import uvicorn

    from newsledger.web.app import LOOPBACK_HOSTS, TOKEN_HEADER, create_app

    hosts = list(LOOPBACK_HOSTS)
    if not is_loopback(host):
        writes = (" and anyone who has the write token can change it (merge and split entities): "
                  "writes are open to the network" if allow_writes else "")
        click.echo(f"warning: serving on {host}: anyone who can reach it can read the ledger{writes}", err=True)
        hosts.append("*")
    try:
        app = create_app(db, allow_writes=allow_writes, allowed_hosts=hosts)
    except LedgerError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"newsledger: http://{host}:{port}/ ({'read-write' if allow_writes else 'read-only'}); Ctrl-C stops")
    if allow_writes:
        click.echo(f"write token: {app.state.write_token} (send it as the {TOKEN_HEADER} header with every write)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
