"""``python -m warmap`` is the ``warmap`` command."""

from warmap.cli import main

raise SystemExit(main())
