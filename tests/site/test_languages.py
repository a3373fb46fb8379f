"""Sites in other languages: outcrop's words from its catalogs, articles in several
languages with their translations linked (lang, hreflang, the switcher)."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import SiteFactory, article, html_pages, write_tree

SIDEBAR = 'html_sidebars = {"**": ["outcrop/browse-alabaster.html"]}\n'


def rock_site() -> dict[str, str]:
    """Three articles with tags and a category; one revised, one with an image refused
    (its path leaves the source folder), one a draft."""
    return {
        "articles/2024-01-10-granito.md": article(
            "title: Granito\ndate: 2024-01-10\ntags: [roca, plutón]\ncategories: [Geología]\nupdated: 2024-02-01",
            "## Cristales\n\n" + "cuarzo feldespato mica " * 120 + "\n",
        ),
        "articles/2024-02-10-basalto.md": article(
            "title: Basalto\ndate: 2024-02-10\ntags: [roca]\ncategories: [Geología]",
            "## Columnas\n\nLava que se enfría.\n\n![Columnas de basalto](../../fuera.png)\n",
        ),
        "articles/2024-03-10-pizarra.md": article(
            "title: Pizarra\ndate: 2024-03-10\ntags: [metamórfica]\ndraft: true", "## Hojas\n\nSe parte.\n"
        ),
    }


def text(site, docname: str, selector: str) -> list[str]:
    return [" ".join(e.get_text(" ").split()) for e in site.soup(docname).select(selector)]


def test_a_spanish_site_speaks_spanish(make_site: SiteFactory) -> None:
    conf = 'language = "es"\noutcrop_show_drafts = True\n' + SIDEBAR
    site = make_site(rock_site(), conf=conf)
    # The tag pages: title and count, each count in its plural form.
    assert text(site, "tags/roca", "h1") == ["Etiqueta: roca"]
    assert text(site, "tags/roca", ".outcrop-page-intro") == ["2 artículos"]
    assert text(site, "tags/plutón", ".outcrop-page-intro") == ["1 artículo"]
    assert text(site, "tags/index", "h1") == ["Etiquetas"]
    assert [a["aria-label"] for a in site.soup("tags/index").select(".outcrop-count")] == [
        "1 artículo",
        "1 artículo",
        "2 artículos",
    ]
    assert text(site, "categories/geología", "h1") == ["Categoría: Geología"]
    assert text(site, "archive/index", "h1") == ["Archivo"]
    assert text(site, "archive/index", ".outcrop-page-intro") == ["3 artículos"]
    assert text(site, "archive/2024", "h1") == ["Archivo: 2024"]
    # Under a tag, category or year page, the way to all of them.
    more = {page: site.soup(page).select_one(".outcrop-page-more a") for page in ("tags/roca", "categories/geología")}
    assert [(a.get_text(), a["href"]) for a in more.values()] == [
        ("Todas las etiquetas", "index.html"),
        ("Todas las categorías", "index.html"),
    ]
    year = site.soup("archive/2024").select_one(".outcrop-page-more a")
    assert (year.get_text(), year["href"]) == ("Archivo", "index.html")
    # An article's header, notes and footer.
    granito = "articles/2024-01-10-granito"
    assert text(site, granito, ".outcrop-reading-time") == ["2 min de lectura"]
    assert text(site, granito, ".outcrop-updated .admonition-title") == ["Actualizado"]
    assert text(site, granito, ".outcrop-updated p:not(.admonition-title)")[0].startswith("Este artículo se revisó el")
    assert text(site, granito, ".outcrop-footer-heading") == ["Artículos relacionados"]
    assert text(site, granito, ".outcrop-neighbour-label") == ["Más reciente"]
    assert site.soup(granito).select_one(".outcrop-footer")["aria-label"] == "Más artículos"
    assert text(site, "articles/2024-03-10-pizarra", ".outcrop-header .outcrop-draft-mark") == [
        "Borrador: no publicado"
    ]
    assert text(site, "articles/2024-03-10-pizarra", ".outcrop-draft .admonition-title") == ["Borrador"]
    # The sidebar block and the missing image's placeholder.
    browse = site.soup(granito).select_one(".outcrop-browse")
    assert browse["aria-label"] == "Explorar artículos"
    assert [a.get_text() for a in browse.select("a")] == ["Etiquetas", "Categorías", "Archivo"]
    assert "Imagen no disponible" in site.html("articles/2024-02-10-basalto")
    # No English word of outcrop's is left on any page.
    for page, data in html_pages(site.outdir).items():
        words = data.decode("utf-8")
        for english in ("min read", "Related articles", "Tag: ", "articles</p>", "Browse articles", "Newer"):
            assert english not in words, (page, english)


def test_a_japanese_site_has_one_form_for_every_count(make_site: SiteFactory) -> None:
    site = make_site(rock_site(), conf='language = "ja"\n')
    assert site.soup("tags/roca").html["lang"] == "ja"
    assert text(site, "tags/roca", "h1") == ["タグ：roca"]
    assert text(site, "tags/roca", ".outcrop-page-intro") == ["2 件の記事"]
    assert text(site, "tags/plutón", ".outcrop-page-intro") == ["1 件の記事"]
    assert text(site, "articles/2024-01-10-granito", ".outcrop-reading-time") == ["2 分で読めます"]


def test_a_language_outcrop_does_not_ship_is_english(make_site: SiteFactory) -> None:
    site = make_site(rock_site(), conf='language = "fi"\n')
    assert text(site, "tags/roca", "h1") == ["Tag: roca"]
    assert text(site, "tags/plutón", ".outcrop-page-intro") == ["1 article"]
    assert text(site, "tags/roca", ".outcrop-page-intro") == ["2 articles"]


def test_a_site_translates_outcrop_in_its_own_locale_dirs(make_site: SiteFactory, tmp_path: Path) -> None:
    """A ``.po`` in the site's ``locale_dirs`` is read as it is (outcrop compiles nothing
    into the source folder; Sphinx's ``gettext_auto_build`` would), and wins over
    outcrop's own catalog."""
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Tag: %s"\nmsgstr "Avainsana: %s"\n\n'
        'msgid "%d article"\nmsgid_plural "%d articles"\nmsgstr[0] "%d artikkeli"\nmsgstr[1] "%d artikkelia"\n'
    )
    files = {**rock_site(), "locale/fi/LC_MESSAGES/outcrop.po": po}
    src = tmp_path / "finnish"
    site = make_site(files, conf='language = "fi"\nlocale_dirs = ["locale"]\ngettext_auto_build = False\n', srcdir=src)
    assert text(site, "tags/roca", "h1") == ["Avainsana: roca"]
    assert text(site, "tags/roca", ".outcrop-page-intro") == ["2 artikkelia"]
    assert text(site, "tags/plutón", ".outcrop-page-intro") == ["1 artikkeli"]
    assert text(site, "archive/index", "h1") == ["Archive"]  # not in the site's catalog: English
    assert sorted(p.name for p in (src / "locale/fi/LC_MESSAGES").iterdir()) == ["outcrop.po"]
    # The site's words win over outcrop's own Spanish.
    es = {**rock_site(), "locale/es/LC_MESSAGES/outcrop.po": po}
    site = make_site(es, conf='language = "es"\nlocale_dirs = ["locale"]\n')
    assert text(site, "tags/roca", "h1") == ["Avainsana: roca"]
    assert text(site, "archive/index", "h1") == ["Archivo"]


def test_a_damaged_catalog_of_the_site_is_a_warning_and_left_out(make_site: SiteFactory) -> None:
    """Sphinx ignores a damaged catalog of its own; outcrop says so, and speaks its own Spanish."""
    files = {**rock_site(), "locale/es/LC_MESSAGES/outcrop.mo": b"not a catalog at all"}
    site = make_site(files, conf='language = "es"\nlocale_dirs = ["locale"]\ngettext_auto_build = False\n')
    found = [w for w in site.outcrop_warnings() if w["type"] == "outcrop.bad_value"]
    assert [Path(w["path"]).name for w in found] == ["conf.py"], site.warnings
    assert "'locale/es/LC_MESSAGES/outcrop.mo' cannot be read" in found[0]["msg"]
    assert text(site, "tags/roca", "h1") == ["Etiqueta: roca"]


def translated_site() -> dict[str, str]:
    """A Spanish site: one article in three languages, one alone with a key, one in
    English without translations."""
    body = "## Parte\n\nTexto.\n"
    return {
        "articles/2024-05-01-basalto.md": article(
            "title: Basalto\ndate: 2024-05-01\ntags: [roca]\ntranslation_key: basalt", body
        ),
        "articles/2024-05-02-basalt.md": article(
            "title: Basalt\ndate: 2024-05-02\nlang: en\ntags: [roca]\ntranslation_key: basalt", body
        ),
        "articles/2024-05-03-basalte.md": article(
            "title: Basalte\ndate: 2024-05-03\nlang: FR\ntranslationKey: basalt", body
        ),
        "articles/2024-05-04-obsidiana.md": article(
            "title: Obsidiana\ndate: 2024-05-04\ntags: [roca]\nlang: es\ntranslation_key: obsidian", body
        ),
        "articles/2024-05-05-pumice.md": article("title: Pumice\ndate: 2024-05-05\ntags: [roca]\nlang: en-GB", body),
    }


TRANSLATED_CONF = 'language = "es"\nhtml_baseurl = "https://rocas.example.org/"\n'


def test_articles_in_other_languages_and_their_translations(make_site: SiteFactory) -> None:
    site = make_site(translated_site(), conf=TRANSLATED_CONF)
    assert site.outcrop_warnings() == []
    english = site.soup("articles/2024-05-02-basalt")
    # The page's language is the article's; outcrop's words in it stay the site's.
    assert english.html["lang"] == "en"
    assert english.select_one(".outcrop-meta")["lang"] == "es"
    assert english.select_one(".outcrop-footer")["lang"] == "es"
    assert " ".join(english.select_one(".outcrop-meta").get_text().split()).endswith("1 min de lectura")
    # hreflang: every version, itself included, and x-default for the site's language.
    links = [(link["hreflang"], link["href"]) for link in english.select('link[rel="alternate"][hreflang]')]
    base = "https://rocas.example.org/articles/"
    assert links == [
        ("en", base + "2024-05-02-basalt.html"),
        ("es", base + "2024-05-01-basalto.html"),
        ("fr", base + "2024-05-03-basalte.html"),
        ("x-default", base + "2024-05-01-basalto.html"),
    ]
    # Newer and older pass over the article's own translations (the switcher links them).
    assert [" ".join(a.get_text().split()) for a in english.select(".outcrop-neighbours a")] == [
        "Más reciente Obsidiana"
    ]
    # Related articles never list the article's own translations (the switcher does).
    related = [a.get_text() for a in english.select(".outcrop-related a")]
    assert "Basalto" not in related and "Basalte" not in related and "Obsidiana" in related, related
    # The site's feed says which entries are in another language.
    feed = BeautifulSoup((site.outdir / "atom.xml").read_bytes(), "xml")
    assert feed.feed["xml:lang"] == "es"
    assert [(e.title.get_text(), e.get("xml:lang")) for e in feed.select("entry")] == [
        ("Pumice", "en-GB"),
        ("Obsidiana", None),
        ("Basalte", "fr"),
        ("Basalt", "en"),
        ("Basalto", None),
    ]
    # OpenGraph: the page's locale, its translations' as alternates.
    og = [(m["property"], m["content"]) for m in english.select('meta[property^="og:locale"]')]
    assert og == [("og:locale", "en_US"), ("og:locale:alternate", "es_ES"), ("og:locale:alternate", "fr_FR")]
    pumice = site.soup("articles/2024-05-05-pumice").select('meta[property^="og:locale"]')
    assert [(m["property"], m["content"]) for m in pumice] == [("og:locale", "en_GB")]
    tag_page = site.soup("tags/roca").select('meta[property^="og:locale"]')
    assert [m["content"] for m in tag_page] == ["es_ES"]  # the site's language
    # The switcher: the other versions, by their names in their own languages.
    switcher = english.select_one(".outcrop-header nav.outcrop-translations")
    assert switcher["aria-label"] == "Traducciones"
    assert switcher["lang"] == "es"
    assert switcher.select_one(".outcrop-translations-label").get_text() == "También en:"
    assert [(a.get_text(), a["lang"], a["hreflang"], a["href"]) for a in switcher.select("a")] == [
        ("Español", "es", "es", "2024-05-01-basalto.html"),
        ("Français", "fr", "fr", "2024-05-03-basalte.html"),
    ]
    spanish = site.soup("articles/2024-05-01-basalto")
    assert spanish.html["lang"] == "es"
    assert spanish.select_one(".outcrop-meta").get("lang") is None
    assert [a.get_text() for a in spanish.select(".outcrop-translations a")] == ["English", "Français"]
    assert site.soup("articles/2024-05-03-basalte").html["lang"] == "fr"  # FR written, fr meant
    # A key with one article, an article in the site's language written out, an
    # article without a key: no switcher, no hreflang links.
    for alone in ("articles/2024-05-04-obsidiana", "articles/2024-05-05-pumice"):
        assert site.soup(alone).select(".outcrop-translations, link[hreflang]") == []
    assert site.soup("articles/2024-05-04-obsidiana").html["lang"] == "es"
    assert site.soup("articles/2024-05-05-pumice").html["lang"] == "en-GB"
    # Listings mark the entries whose language is not the site's.
    entries = site.soup("tags/roca").select(".outcrop-list-item")
    assert [(e.select_one(".outcrop-list-title").get_text(), e.get("lang")) for e in entries] == [
        ("Pumice", "en-GB"),
        ("Obsidiana", None),
        ("Basalt", "en"),
        ("Basalto", None),
    ]
    archive = site.soup("archive/2024").select(".outcrop-archive-list li")
    assert [li.get("lang") for li in archive] == ["en-GB", None, "fr", "en", None]


def test_bad_languages_and_clashing_translations_are_reported(make_site: SiteFactory) -> None:
    files = {
        **translated_site(),
        "articles/2024-06-01-hostile.md": article('title: Hostil\ndate: 2024-06-01\nlang: "\\"><script>x</script>"'),
        "articles/2024-06-02-words.md": article("title: Palabras\ndate: 2024-06-02\nlang: english"),
        "articles/2024-06-03-norsk.md": article("title: Norsk\ndate: 2024-06-03\nlang: no"),
        "articles/2024-06-04-otro.md": article(
            "title: Otro basalto\ndate: 2024-06-04\ntags: [roca]\n\ntranslation_key: basalt"
        ),
    }
    site = make_site(files, conf=TRANSLATED_CONF)
    found = sorted((Path(w["path"]).name, w["line"], w["type"], w["msg"]) for w in site.outcrop_warnings())
    assert [f[:3] for f in found] == [
        ("2024-06-01-hostile.md", "4", "outcrop.language"),
        ("2024-06-02-words.md", "4", "outcrop.language"),
        ("2024-06-03-norsk.md", "4", "outcrop.language"),
        ("2024-06-04-otro.md", "6", "outcrop.language"),
    ]
    assert "not a language tag" in found[0][3]
    assert 'quote it: lang: "no"' in found[2][3]
    assert "articles/2024-05-01-basalto is already its es version" in found[3][3]
    hostile = site.html("articles/2024-06-01-hostile")
    assert "<script>x" not in hostile
    assert site.soup("articles/2024-06-01-hostile").html["lang"] == "es"
    # The clashing article is in no group; the first Spanish version keeps its place.
    assert site.soup("articles/2024-06-04-otro").select(".outcrop-translations, link[hreflang]") == []
    english = site.soup("articles/2024-05-02-basalt")
    assert [a["href"] for a in english.select(".outcrop-translations a")] == [
        "2024-05-01-basalto.html",
        "2024-05-03-basalte.html",
    ]


def test_translations_in_parallel_and_incremental_builds(make_site: SiteFactory, tmp_path: Path) -> None:
    files = translated_site()
    serial = make_site(files, conf=TRANSLATED_CONF)
    parallel = make_site(files, conf=TRANSLATED_CONF, parallel=2)
    assert html_pages(serial.outdir) == html_pages(parallel.outdir)

    # Incremental: a new translation, and another article leaving its group.
    src = tmp_path / "incremental"
    make_site(files, conf=TRANSLATED_CONF, srcdir=src)
    edits = {
        "articles/2024-05-06-basalt-de.md": article(
            "title: Basalt (de)\ndate: 2024-05-06\nlang: de\ntranslation_key: basalt", "## Teil\n\nText.\n"
        ),
        "articles/2024-05-03-basalte.md": files["articles/2024-05-03-basalte.md"].replace(
            "translationKey: basalt", "translationKey: other"
        ),
        "articles/2024-05-05-pumice.md": files["articles/2024-05-05-pumice.md"].replace(
            "lang: en-GB", "lang: en-GB\ntranslation_key: obsidian"
        ),
    }
    write_tree(src, edits)
    incremental = make_site({}, srcdir=src, freshenv=False)
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_site({}, srcdir=clean_src)
    assert html_pages(incremental.outdir) == html_pages(clean.outdir)
    # The untouched Spanish article's page was re-written with its new translations.
    spanish = incremental.soup("articles/2024-05-01-basalto")
    assert [a.get_text() for a in spanish.select(".outcrop-translations a")] == ["Deutsch", "English"]
    obsidian = incremental.soup("articles/2024-05-04-obsidiana")
    assert [a["hreflang"] for a in obsidian.select(".outcrop-translations a")] == ["en-GB"]


def test_without_html_baseurl_hreflang_links_are_relative(make_site: SiteFactory) -> None:
    site = make_site(translated_site(), conf='language = "es"\n', buildername="dirhtml")
    english = site.soup("articles/2024-05-02-basalt/index")
    links = [(link["hreflang"], link["href"]) for link in english.select('link[rel="alternate"][hreflang]')]
    assert links == [
        ("en", "./"),
        ("es", "../2024-05-01-basalto/"),
        ("fr", "../2024-05-03-basalte/"),
        ("x-default", "../2024-05-01-basalto/"),
    ]
    assert [a["href"] for a in english.select(".outcrop-translations a")] == [
        "../2024-05-01-basalto/",
        "../2024-05-03-basalte/",
    ]
