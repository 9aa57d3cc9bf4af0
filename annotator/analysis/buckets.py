"""Time buckets of the statistics (day ``2031-03-12``, week: its Monday, month ``2031-03``):
which one suits a range of dates, and every bucket between two, so a timeline shows the
quiet days too."""

from __future__ import annotations

import datetime as dt

BUCKET_KEYS = ("day", "week", "month")


def bucket_of(day: dt.date, key: str) -> str:
    if key == "day":
        return day.isoformat()
    if key == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    return f"{day.year:04d}-{day.month:02d}"


def _start(bucket: str, key: str) -> dt.date:
    if key == "month":
        year, month = bucket.split("-")
        return dt.date(int(year), int(month), 1)
    return dt.date.fromisoformat(bucket)


def suited_bucket(first: dt.date, last: dt.date) -> str:
    """Days for up to about two months, weeks up to about two years, else months."""
    days = (last - first).days
    return "day" if days <= 62 else "week" if days <= 730 else "month"


def bucket_range(buckets: list[str], key: str) -> list[str]:
    """Every bucket from the earliest to the latest of ``buckets`` (in order, gaps filled)."""
    if not buckets:
        return []
    starts = sorted(_start(b, key) for b in buckets)
    out, day = [], starts[0]
    while day <= starts[-1]:
        out.append(bucket_of(day, key))
        if key == "day":
            day += dt.timedelta(days=1)
        elif key == "week":
            day += dt.timedelta(days=7)
        else:
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out
