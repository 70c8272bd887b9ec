"""A local web app on the ledger: ``newsledger serve`` (see docs/web.md)."""

from newsledger.web.app import create_app

__all__ = ["create_app"]
