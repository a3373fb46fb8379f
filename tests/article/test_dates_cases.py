"""Unit tests of the site's time zone names (``get_zone``)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from outcrop.article.dates import get_zone, parse_date


@pytest.mark.parametrize("name", ["UTC", "utc", "Utc", "Z", "z", "GMT", "gmt"])
def test_utc_spellings_are_utc(name: str) -> None:
    """``UTC``, ``Z`` and ``GMT`` in any case are the UTC clock itself."""
    assert get_zone(name) is dt.UTC


def test_utc_zone_stamps_dates_with_utc() -> None:
    """A wall-clock date on a ``utc`` site is read on the UTC clock."""
    assert parse_date("2024-03-18 10:30", get_zone("utc")) == dt.datetime(2024, 3, 18, 10, 30, tzinfo=dt.UTC)


def test_iana_names_are_zoneinfo() -> None:
    """Other names are IANA zones."""
    assert get_zone("Asia/Shanghai") == zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../etc/passwd", "zz"])
def test_unknown_names_are_refused(name: str) -> None:
    """An unknown zone name is a ValueError naming it."""
    with pytest.raises(ValueError, match="^unknown time zone " + repr(name).replace("(", r"\(") + "$"):
        get_zone(name)
