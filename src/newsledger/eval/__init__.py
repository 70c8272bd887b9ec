"""Evaluation against hand-made gold files: ``newsledger eval GOLD.json...``."""
