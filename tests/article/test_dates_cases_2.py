"""Unit tests of front-matter dates written as text with a UTC offset, and of the
messages for dates outcrop cannot read (they become the ``outcrop.date`` warning)."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest

from outcrop.article.dates import parse_date

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        pytest.param("2024-03-18 10:30 Z", dt.datetime(2024, 3, 18, 10, 30), id="Z"),
        pytest.param("2024-03-18 10:30z", dt.datetime(2024, 3, 18, 10, 30), id="z"),
        pytest.param("2024-03-18 10:30 UTC", dt.datetime(2024, 3, 18, 10, 30), id="UTC"),
        pytest.param("2024-03-18 10:30 GMT", dt.datetime(2024, 3, 18, 10, 30), id="GMT"),
        pytest.param("2024-03-18 10:30 gmt", dt.datetime(2024, 3, 18, 10, 30), id="gmt"),
        pytest.param("2024-03-18 10:30 +0800", dt.datetime(2024, 3, 18, 2, 30), id="+HHMM"),
        pytest.param("2024-03-18 10:30 +05:30", dt.datetime(2024, 3, 18, 5, 0), id="+HH:MM"),
        pytest.param("2024-03-18 10:30 -0545", dt.datetime(2024, 3, 18, 16, 15), id="-HHMM"),
        pytest.param("2024-03-18 10:30 +08", dt.datetime(2024, 3, 18, 2, 30), id="hours only"),
        pytest.param("2024-03-18 10:30 -05", dt.datetime(2024, 3, 18, 15, 30), id="minus hours only"),
        pytest.param("2024-03-18 10:30 +2359", dt.datetime(2024, 3, 17, 10, 31), id="largest offset"),
        pytest.param("2024-03-18 10:30 +2300", dt.datetime(2024, 3, 17, 11, 30), id="23 hours"),
        pytest.param("2024-03-18 10:30 +0059", dt.datetime(2024, 3, 18, 9, 31), id="59 minutes"),
    ],
)
def test_text_with_an_offset_is_that_instant_on_the_site_clock(text: str, utc: dt.datetime) -> None:
    """A date with ``Z``/``UTC``/``GMT`` or ``±HH[[:]MM]`` is that instant, shown in the
    site's zone (Shanghai: UTC+8), not a wall-clock time on the site."""
    stamp = parse_date(text, SHANGHAI)
    assert stamp == utc.replace(tzinfo=dt.UTC)
    assert stamp.tzinfo is SHANGHAI
    assert stamp.replace(tzinfo=None) == utc + dt.timedelta(hours=8)


@pytest.mark.parametrize("offset", ["+2400", "-2400", "+0060", "-0099", "+9900", "+24:00", "+00:60"])
def test_offsets_beyond_a_day_or_an_hour_are_refused(offset: str) -> None:
    """Hours above 23 or minutes above 59 are a ValueError naming the offset and the text."""
    text = f"2024-03-18 10:30 {offset}"
    with pytest.raises(ValueError) as caught:
        parse_date(text, SHANGHAI)
    assert str(caught.value) == f"bad UTC offset {offset!r} in {text!r}"


@pytest.mark.parametrize("text", ["yesterday", "2024-03-18 10:30 +8", "18.03.2024", "2024-03-18 25h"])
def test_unreadable_text_names_the_formats_expected(text: str) -> None:
    """Text that is no date at all gets a message quoting it and the accepted format."""
    with pytest.raises(ValueError) as caught:
        parse_date(f"  {text} ", SHANGHAI)
    assert str(caught.value) == f"cannot read {text!r} as a date (expected YYYY-MM-DD [HH:MM[:SS]] [+HHMM])"


@pytest.mark.parametrize(
    ("value", "name"),
    [(20240318, "int"), (2024.5, "float"), (True, "bool"), ([2024, 3, 18], "list"), ({"y": 2024}, "dict")],
)
def test_values_of_other_types_name_their_type(value: object, name: str) -> None:
    """A YAML value that is neither a date nor text is refused with its type's name."""
    with pytest.raises(ValueError, match=f"^{re.escape(f'expected a date, got {name}')}$"):
        parse_date(value, SHANGHAI)
