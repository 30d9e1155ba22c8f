"""`python -m hamkari.cli`, the same as the installed `hamkari` command."""

import sys

from hamkari.cli import main

sys.exit(main())
