"""The ``costmodel`` command.

    costmodel list
    costmodel eval recursive-stark --preset seed-note --set snapshot_size="400 Mbit/segment"
    costmodel eval folding:arity=4,transfer=peer-both --format json
    costmodel eval folding --arity 4 --transfer peer-both --format csv --unit GB
    costmodel breakeven folding recursive-stark --solve-for folded_witness_size
    costmodel breakeven folding recursive-stark --solve-for arity
    costmodel sweep folding --over "total_cycles=1e6..1e10*10 cycle" --format csv
    cat model.toml | costmodel eval - --format markdown
    costmodel report recursive-stark folding --solve-for folded_witness_size -o report.md
    costmodel validate
    costmodel compare --cycles "1e8 cycle" --cycles "1e10 cycle"
    costmodel reproduce seed-note

An architecture is named as ``list`` shows it, optionally with options after a colon
(``folding:arity=4,wrap=true``; the flags ``--arity 4``, ``--wrap`` and ``--set arity=4``
say the same on every command), or is a model file (``-``: read from standard input).
Tables come in every ``--format`` (text, json, csv, markdown, latex) through one writer
(:mod:`costmodel.render.table`).  Errors are one line on stderr and exit status 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from costmodel.cli.parser import build_parser
from costmodel.errors import CostModelError

__all__ = ["main"]


def _fail(message: str) -> NoReturn:
    one_line = " ".join(message.split())  # user text in a message must not break the line
    sys.stderr.write(f"costmodel: error: {one_line}\n")
    raise SystemExit(2)


def _stdout_closed() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit has nothing left to fail on."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (a test's buffer)
        pass
    finally:
        os.close(devnull)


def _emit(text: str) -> int:
    """Write the command's output: a closed pipe (``| head``) ends quietly, a full disk or
    another write error is one line on stderr and status 2."""
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_closed()
        return 0
    except OSError as exc:
        _stdout_closed()
        sys.stderr.write(f"costmodel: error: cannot write the output: {exc.strerror}\n")
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    from costmodel.cli.commands import COMMANDS  # the models load only once a command runs

    try:
        output = COMMANDS[args.command](args)
    except CostModelError as exc:
        _fail(str(exc))
    except OSError as exc:  # a file or directory the command could not read or write
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"{where}{exc.strerror or exc}")
    return _emit(output)
