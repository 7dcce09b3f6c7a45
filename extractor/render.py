"""A record as text a person reads at a glance: `extractor extract FILE --format summary`."""
from __future__ import annotations

from .schema import Record


def _deadline(d) -> str:
    if d is None:
        return "—"
    if d.immediate:
        return "immediately"
    return d.date or d.duration or "—"


def _value(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") if value == int(value) else f"{value:,}".replace(",", " ")


def _count(n: int) -> str:
    return f"{n} mention" + ("" if n == 1 else "s")


def summary(record: Record) -> str:
    lines = [f"{record.doc_id}  published {record.published or '?'}" + (f"  [{record.rubric}]" if record.rubric else "")]
    if record.title:
        lines.append(record.title)
    if record.error:
        lines.append(f"error [{record.error.code}]: {record.error.message}")
    lines.append("")
    lines.append("people:")
    for p in record.people:
        roles = ", ".join(r.title for r in p.roles)
        lines.append(f"  {p.name}" + (f" — {roles}" if roles else "") + f"  ({_count(len(p.mentions))})")
    lines.append("organizations:")
    for o in record.organizations:
        lines.append(f"  {o.name}  ({_count(len(o.mentions))})")
    lines.append("figures:")
    for f in record.figures:
        lines.append(f"  {f.text!r:34} {_value(f.value)} {f.unit or ''}".rstrip())
    lines.append("dates:")
    for d in record.dates:
        when = "immediately" if d.immediate else (d.date or d.duration or "?")
        if d.date_end:
            when += f" .. {d.date_end}"
        lines.append(f"  {d.text!r:34} {d.kind:9} {when}")
    lines.append("directives:")
    for d in record.directives:
        issuer = d.issuer.name if d.issuer else "?"
        if d.issuer and d.issuer.role:
            issuer += f" ({d.issuer.role})"
        lines.append(f"  {issuer} -> {', '.join(a.name for a in d.assignees) or '—'}")
        lines.append(f"    {d.action}")
        lines.append(f"    deadline: {_deadline(d.deadline)}")
    return "\n".join(lines)
