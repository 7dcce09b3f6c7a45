"""The read-only web view of the knowledge base: `extractor serve --db kb.sqlite`.

FastAPI with server-side Jinja2 templates, no build step: the directives table with the
filters of `extractor kb directives`, a deadline calendar, people and organizations, and a
document view with its facts highlighted (displaCy-style).
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
