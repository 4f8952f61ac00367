"""The layering rule: each layer of ``costmodel`` imports only the layers below it.

The order is the design's (``errors, units <- symbols <- dimensions <- functions, trees <-
model <- architectures <- simulate, analysis <- studies, render <- cli``), refined by what
the code imports: the small text modules under ``units``, the model-file reader above
``model``, ``render`` below ``studies`` (the studies write their tables with it) and the flat
public API (``costmodel/__init__.py``) just under the command line that reads it.  Every
import counts, at module level or inside a function, absolute or relative; modules of one
layer do not import each other, and no module imports itself back through others.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "costmodel"

#: Bottom to top.  A unit is a top-level module or subpackage of ``costmodel`` (``__init__``
#: is the flat public API, ``__main__`` the ``python -m costmodel`` entry).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "sympy_calls", "output_formats", "displays", "lazy_names"),
    ("numbers", "tree_arrays"),
    ("unit_text", "symbol_text"),
    ("unit_registry",),
    ("unit_conversions",),
    ("units",),
    ("nodes", "symbols"),
    ("dimensions",),
    ("functions", "trees"),
    ("model", "formulas"),
    ("laws",),
    ("presets", "model_files"),
    ("architectures",),
    ("analysis", "simulate"),
    ("render",),
    ("studies", "__init__"),
    ("cli",),
    ("__main__",),
)
LEVEL = {unit: level for level, units in enumerate(LAYERS) for unit in units}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _unit(module: str) -> str:
    """The layer unit of a module name: ``costmodel.render.latex`` -> ``render``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_in(source: str, module: str, *, is_package: bool = False) -> Iterator[str]:
    """The ``costmodel`` modules that ``source`` (the text of ``module``) imports, anywhere in
    it, relative imports resolved; ``from package import name`` gives the submodule where
    ``name`` is one."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [
                f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target
                for alias in node.names
            ]
        else:
            continue
        yield from (t for t in targets if t == "costmodel" or t.startswith("costmodel."))


def imports_of(path: Path) -> Iterator[str]:
    """The ``costmodel`` modules the file at ``path`` imports."""
    source = path.read_text(encoding="utf-8")
    return imports_in(source, _module_name(path), is_package=path.name == "__init__.py")


def test_every_unit_has_a_layer():
    units = {_unit(name) for name in MODULES}
    assert units == set(LEVEL), "place new modules in LAYERS (or drop the gone ones)"


def test_each_layer_imports_only_layers_below_it():
    upward = []
    for name, path in MODULES.items():
        here = _unit(name)
        for target in imports_of(path):
            there = _unit(target)
            if there != here and LEVEL[there] >= LEVEL[here]:
                upward.append(f"{path.relative_to(ROOT)} ({here}) imports {target} ({there})")
    assert upward == []


def test_no_import_circles_between_modules():
    edges = {name: set(imports_of(path)) - {name} for name, path in MODULES.items()}
    circles = []
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = "open"
        path.append(module)
        for target in sorted(edges.get(module, ())):
            if state.get(target) == "open":
                circles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = "done"

    for module in MODULES:
        if module not in state:
            visit(module)
    assert circles == []


def test_the_reader_sees_every_form_of_import():
    # each form, in a function too, as a module of render/ would write it (resolved by hand:
    # ``..`` from costmodel.render.latex is costmodel, ``.`` is costmodel.render)
    source = (
        "from costmodel.cli import main\n"
        "from ..studies import seed_note\n"
        "from . import table\n"
        "from .latex import latex\n"
        "import costmodel\n"
        "import numpy\n"
        "def f():\n"
        "    from costmodel import presets, __version__\n"
    )
    assert list(imports_in(source, "costmodel.render.latex")) == [
        "costmodel.cli",
        "costmodel.studies.seed_note",
        "costmodel.render.table",
        "costmodel.render.latex",
        "costmodel",
        "costmodel.presets",
        "costmodel",
    ]
    assert [_unit(name) for name in ("costmodel", "costmodel.cli.parser", "costmodel.units")] == [
        "__init__",
        "cli",
        "units",
    ]
