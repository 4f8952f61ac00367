"""``python -m costmodel.cli``: the command line."""

from costmodel.cli import main

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
