"""Calendar arithmetic for the dates grammar: ISO values at a given precision, month and
duration shifts, the ends of periods. No regexes and no word lists here.

    iso_date(2026, 1, 15) -> "2026-01-15";  iso_date(None, 5, 4) -> "--05-04"
    add_months(date(2024, 1, 31), 1) -> date(2024, 2, 29);  iso_duration(2, "W") -> "P14D"
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Optional


def year_value(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    y = int(text)
    return y + 2000 if y < 100 and len(text) == 2 else y


def iso_date(y: Optional[int], m: Optional[int] = None, d: Optional[int] = None) -> str:
    if y is None:
        if m is None:
            return None
        return f"--{m:02d}" if d is None else f"--{m:02d}-{d:02d}"
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def add_months(d: date, n: int) -> date:
    month = d.month - 1 + n
    y, m = d.year + month // 12, month % 12 + 1
    return date(y, m, min(d.day, last_day(y, m)))


def add_duration(d: date, count: float, iso: str) -> date:
    if iso == "Y":
        return add_months(d, int(round(count * 12)))
    if iso == "M":
        if count != int(count):
            return d + timedelta(days=int(round(count * 30)))
        return add_months(d, int(count))
    if iso == "W":
        return d + timedelta(days=int(round(count * 7)))
    if iso == "D":
        return d + timedelta(days=int(round(count)))
    return d


def add_working_days(d: date, count: float) -> date:
    """The day `count` working days (Monday to Friday) after d: "в течение трех рабочих дней"."""
    left = int(round(count))
    while left > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            left -= 1
    return d


def iso_duration(count: float, iso: str) -> str:
    n = int(count) if count == int(count) else count
    if iso == "H":
        return f"PT{n}H"
    if iso == "W":
        return f"P{int(round(count * 7))}D" if count != int(count) else f"P{n * 7}D"
    if count != int(count) and iso == "Y":
        return f"P{int(round(count * 12))}M"
    return f"P{n}{iso}"


def week_end(d: date) -> date:
    return d + timedelta(days=6 - d.weekday())


def period_end(unit: str, base: date) -> str:
    if unit == "year":
        return f"{base.year:04d}-12-31"
    if unit == "month":
        return iso_date(base.year, base.month, last_day(base.year, base.month))
    if unit == "week":
        return week_end(base).isoformat()
    if unit == "quarter":
        m = ((base.month - 1) // 3 + 1) * 3
        return iso_date(base.year, m, last_day(base.year, m))
    if unit == "half":
        m = 6 if base.month <= 6 else 12
        return iso_date(base.year, m, last_day(base.year, m))
    if unit == "day":
        return base.isoformat()
    return f"{base.year:04d}"


def iso_at(d: date, iso: str) -> str:
    if iso == "Y":
        return f"{d.year:04d}"
    if iso == "M":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def end_of(value: str) -> str:
    """"до конца 2014 года" -> 2014-12-31; "до конца марта 2025" -> 2025-03-31."""
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31"
    m = re.fullmatch(r"(\d{4})-(\d\d)", value)
    if m:
        y, mm = int(m.group(1)), int(m.group(2))
        return iso_date(y, mm, last_day(y, mm))
    m = re.fullmatch(r"--(\d\d)", value)
    if m:
        mm = int(m.group(1))
        return f"--{mm:02d}-{last_day(2001, mm):02d}"
    return value


def parse_published(value) -> Optional[date]:
    if not value:
        return None
    if isinstance(value, date):
        return value
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", str(value))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
