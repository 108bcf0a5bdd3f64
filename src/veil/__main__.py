"""``python -m veil`` runs the ``veil`` command."""

import sys

from .cli import main

sys.exit(main())
