"""`python -m compiler` is `matrixc`."""

import sys

from .cli import main

sys.exit(main())
