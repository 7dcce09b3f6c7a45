"""A document's text as HTML with its facts marked, displaCy-style.

Two layers: directive sentences (blocks linking to the directive) and, inside them, entities
(people, organizations, figures, dates). Overlaps are settled first-longest-wins; an entity
that crosses a directive's edge is left unmarked. Everything is escaped.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from markupsafe import Markup, escape

LABELS = {"PER": "Персона", "ORG": "Организация", "NUM": "Число", "DATE": "Дата"}


@dataclass
class Span:
    start: int
    end: int
    label: str
    href: Optional[str] = None
    title: Optional[str] = None


def _non_overlapping(spans: list[Span]) -> list[Span]:
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if span.end > span.start and all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def entity_spans(record: dict, people: dict[str, int], orgs: dict[str, int]) -> list[Span]:
    """Spans of a record's mentions, figures and dates; `people`/`orgs` map "start:end" to ids."""
    spans = []
    for person in record.get("people") or []:
        for m in person.get("mentions") or []:
            pid = people.get(f"{m['start']}:{m['end']}")
            spans.append(Span(m["start"], m["end"], "PER", f"/entities/P{pid}" if pid else None, person["name"]))
    for org in record.get("organizations") or []:
        for m in org.get("mentions") or []:
            oid = orgs.get(f"{m['start']}:{m['end']}")
            spans.append(Span(m["start"], m["end"], "ORG", f"/entities/O{oid}" if oid else None, org["name"]))
    for figure in record.get("figures") or []:
        unit = figure.get("unit") or ""
        spans.append(Span(figure["start"], figure["end"], "NUM", None, f"{figure.get('value')} {unit}".strip()))
    for item in record.get("dates") or []:
        value = item.get("date") or ("незамедлительно" if item.get("immediate") else item.get("duration") or "")
        spans.append(Span(item["start"], item["end"], "DATE", None, f"{item.get('kind')}: {value}"))
    return spans


def directive_spans(record: dict, directive_ids: list[int]) -> list[Span]:
    spans = []
    for directive, did in zip(record.get("directives") or [], directive_ids):
        spans.append(Span(directive["start"], directive["end"], "DIRECTIVE", f"/directives/{did}",
                          directive.get("action")))
    return spans


def _entities_html(text: str, start: int, end: int, entities: list[Span]) -> str:
    out, at = [], start
    for span in entities:
        if span.start < start or span.end > end:
            continue
        out.append(str(escape(text[at:span.start])))
        title = f' title="{escape(span.title)}"' if span.title else ""
        inner = f'{escape(text[span.start:span.end])}<span class="entity-label">{span.label}</span>'
        if span.href:
            inner = f'<a href="{escape(span.href)}">{inner}</a>'
        out.append(f'<mark class="entity ent-{span.label.lower()}"{title}>{inner}</mark>')
        at = span.end
    out.append(str(escape(text[at:end])))
    return "".join(out)


def highlight(text: str, record: dict, directive_ids: list[int], people: dict[str, int],
              orgs: dict[str, int]) -> Markup:
    n = len(text)
    blocks = [s for s in _non_overlapping(directive_spans(record, directive_ids)) if s.end <= n]
    entities = [s for s in _non_overlapping(entity_spans(record, people, orgs)) if s.end <= n]
    entities = [e for e in entities if all(e.end <= b.start or e.start >= b.end or
                                           (b.start <= e.start and e.end <= b.end) for b in blocks)]
    out, at = [], 0
    for block in blocks:
        out.append(_entities_html(text, at, block.start, entities))
        out.append(f'<span class="directive" id="d{block.href.rsplit("/", 1)[1]}" title="{escape(block.title or "")}">'
                   f'{_entities_html(text, block.start, block.end, entities)}'
                   f'<a class="directive-label" href="{escape(block.href)}">поручение</a></span>')
        at = block.end
    out.append(_entities_html(text, at, n, entities))
    return Markup("".join(out))
