"""``python -m plenary``: the same as the ``plenary`` command."""

import sys

from plenary import main

sys.exit(main())
