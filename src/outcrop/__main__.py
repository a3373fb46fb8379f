"""``python -m outcrop``: the ``outcrop`` command."""

import sys

from outcrop.cli.main import main

sys.exit(main())
