"""The package imports its names on first use (PEP 562): ``import costmodel`` and
``costmodel --help`` load neither sympy nor pint, and every public name is still there."""

from __future__ import annotations

import importlib
import subprocess
import sys

import costmodel


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    printed = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(printed.split())


def test_importing_the_package_loads_no_heavy_module() -> None:
    loaded = _modules_after("import costmodel")
    assert {"sympy", "pint", "numpy"}.isdisjoint(loaded)


def test_the_command_line_parser_loads_no_heavy_module() -> None:
    # what `costmodel --help` needs: the parser, without any model
    loaded = _modules_after(
        "from costmodel.cli.parser import build_parser\n"
        "build_parser().format_help()\n"
        "import costmodel.cli"
    )
    assert {"sympy", "pint", "numpy", "costmodel.studies.seed_note"}.isdisjoint(loaded)


def test_help_runs_and_names_the_commands() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "costmodel", "--help"], check=True, capture_output=True, text=True
    )
    for command in ("list", "eval", "breakeven", "reproduce"):
        assert command in done.stdout


def test_every_public_name_is_its_home_modules_object() -> None:
    # the lazy table must point each name at the object the eager imports gave
    for name in costmodel.__all__:
        value = getattr(costmodel, name)
        if name in costmodel._HOMES:
            home = importlib.import_module(costmodel._HOMES[name])
            assert value is getattr(home, name), name
    assert costmodel.presets is importlib.import_module("costmodel.presets")
    assert costmodel.render is importlib.import_module("costmodel.render")
    assert set(costmodel.__all__) <= set(dir(costmodel))


def test_submodules_are_attributes() -> None:
    assert costmodel.analysis is importlib.import_module("costmodel.analysis")
    assert costmodel.trees.TreeJoins is importlib.import_module("costmodel.trees").TreeJoins


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        costmodel.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_simulate_stays_the_function_when_its_package_is_imported_later() -> None:
    # importing the subpackage first sets the package attribute to the subpackage; the
    # public name must still be the function
    code = (
        "import costmodel, costmodel.simulate.cluster\n"
        "import types\n"
        "assert not isinstance(costmodel.simulate, types.ModuleType), costmodel.simulate\n"
        "assert callable(costmodel.simulate)\n"
        "from costmodel.simulate import simulate\n"
        "assert costmodel.simulate is simulate\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_reproducible_notes_load_their_figures_on_call() -> None:
    from costmodel.studies import REPRODUCIBLE, seed_note_figures

    # the table's entry computes the same figures as the study's function
    by_table = {f.key: f.model for f in REPRODUCIBLE["seed-note"]()}
    direct = {f.key: f.model for f in seed_note_figures()}
    assert by_table == direct


def test_the_parser_s_formats_are_the_table_writer_s() -> None:
    # one list of format names (costmodel.output_formats, which imports nothing: building
    # the parser loads no unit registry), the same object for the parser and the writer
    from costmodel.cli.arguments import FORMATS as PARSER_FORMATS
    from costmodel.output_formats import FORMATS
    from costmodel.render.table import FORMATS as WRITER_FORMATS

    assert PARSER_FORMATS is FORMATS and WRITER_FORMATS is FORMATS
    assert FORMATS == ("text", "json", "csv", "markdown", "latex")


def test_the_format_names_load_nothing_else() -> None:
    loaded = _modules_after("import costmodel.output_formats")
    assert not {name for name in loaded if name.startswith("costmodel.")} - {
        "costmodel.output_formats"
    }
