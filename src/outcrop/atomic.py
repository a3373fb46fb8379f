"""Writing a file so that a reader never sees it half-written (a build or a command
killed mid-write leaves the old file or none, never a cut-short one)."""

from __future__ import annotations

from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".outcrop-tmp")
    partial.write_bytes(data)
    partial.replace(path)
