"""The read-only web view of the knowledge base: `extractor serve --db kb.sqlite`.

FastAPI with server-side Jinja2 templates, no build step: the directives table with the
filters of `extractor kb directives`, a deadline calendar, people and organizations, and a
document view with its facts highlighted (displaCy-style).
"""
from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    # FastAPI loads when the web view is used, not on every `extractor` command
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
