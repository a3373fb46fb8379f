"""``sitemap.xml`` (sitemaps.org 0.9) and ``robots.txt``, as pure functions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from urllib.parse import quote
from xml.sax.saxutils import escape

from outcrop.web.feeds import plain


@dataclasses.dataclass(frozen=True, slots=True)
class Location:
    url: str
    lastmod: dt.datetime | None = None


def sitemap(locations: Iterable[Location]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for location in sorted(locations, key=lambda loc: loc.url):
        url = quote(plain(location.url), safe=":/?#[]@!$&'()*+,;=%~")
        lines.append(f"  <url><loc>{escape(url)}</loc>")
        if location.lastmod is not None:
            lines[-1] += f"<lastmod>{location.lastmod.isoformat()}</lastmod>"
        lines[-1] += "</url>"
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(sitemap_url: str) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()
