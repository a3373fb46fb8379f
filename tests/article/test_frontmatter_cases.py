"""Unit tests of the front-matter helpers: generic banner alt texts and the editors' JSON Schema."""

from __future__ import annotations

import pytest

from outcrop.article.frontmatter import KEYS, PASSTHROUGH, is_generic_alt, json_schema

# -- is_generic_alt: an alt text that says nothing about the picture ------------------


@pytest.mark.parametrize(
    ("alt", "uri", "generic"),
    [
        ("banner", "/assets/lava.jpg", True),  # a word from the generic list
        ("  Cover ", "/assets/lava.jpg", True),  # case and blanks do not matter
        ("", "/assets/lava.jpg", True),
        ("lava", "/assets/lava.jpg", True),  # the file name without extension
        ("IMG_0042", "/assets/img_0042.JPG", True),  # the file name, any case
        ("img_0042", "../pics/IMG_0042.jpeg", True),
        ("DSC01.tar", "/assets/dsc01.tar.gz", True),  # only the last extension is dropped
        ("Lava flowing into the sea at dusk", "/assets/lava.jpg", False),
        ("jpg", "/assets/lava.jpg", False),  # the extension is not the file name
        (".jpg", "/assets/lava.jpg", False),
        ("assets", "/assets/lava.jpg", False),  # nor is a folder name
    ],
)
def test_is_generic_alt(alt: str, uri: str, generic: bool) -> None:
    """Generic words and the image's own file stem (any case) are generic; anything else is a real description."""
    assert is_generic_alt(alt, uri) is generic


def test_whole_file_name_alt_is_generic() -> None:
    """An alt text equal to the image's file name with its extension (GitHub's drag and
    drop writes ``![lava.jpg](...)``) says nothing about the picture."""
    assert is_generic_alt("lava.jpg", "/assets/lava.jpg") is True


# -- json_schema: what an editor validates front matter with --------------------------


def test_schema_header() -> None:
    """The schema declares draft 2020-12, its public $id, a title and description, and rejects unknown keys."""
    schema = json_schema()
    assert {k: v for k, v in schema.items() if k != "properties"} == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://outcrop.readthedocs.io/front-matter.schema.json",
        "title": "outcrop article front matter",
        "description": "The YAML front matter of an outcrop article (Jekyll spellings included).",
        "type": "object",
        "additionalProperties": False,
    }


def test_schema_properties_are_the_known_keys() -> None:
    """Without site keys, the properties are exactly the known and passed-through keys, each with its help."""
    properties = json_schema()["properties"]
    assert list(properties) == sorted({**KEYS, **PASSTHROUGH})
    for name, key in {**KEYS, **PASSTHROUGH}.items():
        assert properties[name] == {**key.schema, "description": key.help}


def test_schema_site_extra_keys() -> None:
    """A site's extra keys are allowed with any value and described as such; a known key keeps its own entry."""
    plain = json_schema()["properties"]
    properties = json_schema(frozenset({"mood", "weather", "title"}))["properties"]
    assert properties["mood"] == {"description": "A key of this site (outcrop_extra_keys)."}
    assert properties["weather"] == {"description": "A key of this site (outcrop_extra_keys)."}
    assert properties["title"] == plain["title"]
    assert set(properties) == set(plain) | {"mood", "weather"}
