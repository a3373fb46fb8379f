"""Jekyll-style dates: front-matter values and file names, in the site's time zone."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

# "2019-08-11", "2019-08-11 00:34", "2019-08-11T00:34:00.5", each optionally followed by
# an offset ("+0800", "+08:00", "-05", "Z") or "UTC"/"GMT", with or without a space.
_DATE_RE = re.compile(
    r"""^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})
        (?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,6})\d*)?)?)?
        \s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$""",
    re.VERBOSE | re.IGNORECASE,
)
# Jekyll's post names: the month and day need no zero padding (``2017-2-5-title``).
_FILENAME_RE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})-(?P<slug>.+)$")


def get_zone(name: str) -> dt.tzinfo:
    """The ``tzinfo`` for an IANA name (``"Asia/Shanghai"``) or ``"UTC"``.

    Raises ``ValueError`` for an unknown name.
    """
    if name.upper() in {"UTC", "Z", "GMT"}:
        return dt.UTC
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def parse_date(value: object, zone: dt.tzinfo) -> dt.datetime:
    """Turn a front-matter date into an aware datetime in the site's time zone.

    Accepts what PyYAML returns (``date``, naive or aware ``datetime``) and the strings
    Jekyll accepts that PyYAML leaves as text, such as ``2019-08-11 00:34:00 +0800``.
    A value without an offset is a wall-clock time on the site. Raises ``ValueError``.
    """
    if isinstance(value, dt.datetime):
        stamp = value
    elif isinstance(value, dt.date):
        stamp = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        stamp = _parse_text(value.strip())
    else:
        raise ValueError(f"expected a date, got {type(value).__name__}")
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=zone)
    return stamp.astimezone(zone)


def _parse_text(text: str) -> dt.datetime:
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(f"cannot read {text!r} as a date (expected YYYY-MM-DD [HH:MM[:SS]] [+HHMM])")
    parts = match.groupdict()
    stamp = dt.datetime(
        int(parts["y"]),
        int(parts["m"]),
        int(parts["d"]),
        int(parts["H"] or 0),
        int(parts["M"] or 0),
        int(parts["S"] or 0),
        int((parts["f"] or "0").ljust(6, "0")),
    )
    tz = parts["tz"]
    if tz is None:
        return stamp
    if tz.upper() in {"Z", "UTC", "GMT"}:
        return stamp.replace(tzinfo=dt.UTC)
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"bad UTC offset {tz!r} in {text!r}")
    offset = dt.timedelta(hours=hours, minutes=minutes)
    return stamp.replace(tzinfo=dt.timezone(-offset if tz[0] == "-" else offset))


def split_filename(stem: str) -> tuple[dt.date | None, str]:
    """Split a Jekyll post name ``2019-08-11-my-post`` into its date and slug.

    As Jekyll's ``DATE_FILENAME_MATCHER``, month and day may be one digit
    (``2017-2-5-title`` is 5 February 2017). Returns ``(None, stem)`` when the name
    carries no (valid) date.
    """
    match = _FILENAME_RE.match(stem)
    if match:
        try:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"])), match["slug"]
        except ValueError:
            pass
    return None, stem
