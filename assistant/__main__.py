"""`python -m assistant …` — the command line lives in ui.cli (the shell layer)."""

from ui.cli import main

raise SystemExit(main())
