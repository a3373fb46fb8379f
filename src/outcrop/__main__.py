"""``python -m outcrop``: the ``outcrop`` command."""

import sys

from outcrop.cli import main

sys.exit(main())
