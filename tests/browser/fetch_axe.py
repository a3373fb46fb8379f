"""Fetch axe-core from the npm registry (pinned, integrity-checked) for the browser tests.

    python tests/browser/fetch_axe.py DEST_DIR

Writes ``DEST_DIR/axe.min.js`` unless it is there already. ``tox -e browser`` runs it
while setting up its environment, so the tests themselves never reach the network.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="


def main(dest: Path) -> None:
    target = dest / "axe.min.js"
    if target.is_file():
        return
    with urllib.request.urlopen(TARBALL, timeout=60) as response:
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        raise SystemExit(f"axe-core {VERSION}: integrity mismatch ({digest})")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        assert member is not None
        dest.mkdir(parents=True, exist_ok=True)
        target.write_bytes(member.read())
    print(f"axe-core {VERSION} → {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
