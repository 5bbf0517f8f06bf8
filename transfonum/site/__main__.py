"""``python -m transfonum.site`` : construire le livre (voir :mod:`transfonum.site.construction`)."""

import sys

from transfonum.site.construction import main

if __name__ == "__main__":
    sys.exit(main())
