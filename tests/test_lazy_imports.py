"""The packages import their names on first use (PEP 562): ``import costmodel`` and
``costmodel --help`` load neither sympy nor pint, ``costmodel eval`` no analysis and no
LaTeX, and every public name is still there, the object the eager imports gave."""

from __future__ import annotations

import importlib
import json
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
    # the package itself loads its table of lazy names, and nothing else
    assert not {name for name in loaded if name.startswith("costmodel.")} - {
        "costmodel.output_formats",
        "costmodel.lazy_names",
    }


LAZY_PACKAGES = ("costmodel", "costmodel.analysis", "costmodel.render")


def test_every_lazy_package_s_names_are_their_home_modules_objects() -> None:
    for package_name in LAZY_PACKAGES:
        package = importlib.import_module(package_name)
        for name in package.__all__:
            value = getattr(package, name)
            home = package._HOMES.get(name)
            if home is not None:
                assert value is getattr(importlib.import_module(home), name), (package, name)
        assert set(package.__all__) <= set(dir(package)), package_name
        # every name in the table is public, and its home is a module of the package
        assert set(package._HOMES) <= set(package.__all__), package_name
        assert all(home.startswith(package_name + ".") for home in package._HOMES.values())


def test_a_function_named_like_its_module_stays_the_function() -> None:
    # costmodel.simulate, costmodel.analysis.sweep, ...: the function and its module share
    # a name; the eager imports bound the function, and importing the module later (which
    # sets the package's attribute to the module) must not undo that
    code = (
        "import sys, types\n"
        "import costmodel, costmodel.analysis, costmodel.render\n"
        "import costmodel.simulate.cluster, costmodel.analysis.sweep\n"
        "import costmodel.analysis.breakeven, costmodel.render.latex, costmodel.render.bibtex\n"
        "for package, name in [(costmodel, 'simulate'), (costmodel.analysis, 'sweep'),\n"
        "        (costmodel.analysis, 'breakeven'), (costmodel.render, 'latex'),\n"
        "        (costmodel.render, 'bibtex')]:\n"
        "    value = getattr(package, name)\n"
        "    assert callable(value) and not isinstance(value, types.ModuleType), value\n"
        "    assert value is getattr(sys.modules[package.__name__ + '.' + name], name)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_submodules_of_the_subpackages_are_attributes_too() -> None:
    import costmodel.analysis
    import costmodel.render

    assert costmodel.render.table is importlib.import_module("costmodel.render.table")
    assert costmodel.analysis.numeric is importlib.import_module("costmodel.analysis.numeric")
    assert "table" in dir(costmodel.render) and "numeric" in dir(costmodel.analysis)
    # private modules (``__main__`` runs the command line) are not attributes
    assert "__main__" not in costmodel._SUBMODULES
    try:
        costmodel.render.no_such_module  # noqa: B018
    except AttributeError as exc:
        assert "costmodel.render" in str(exc) and "no_such_module" in str(exc)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_eval_loads_the_models_and_the_table_writer_only() -> None:
    loaded = _modules_after(
        "import contextlib, io\n"
        "from costmodel.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['eval', 'recursive-stark'])"
    )
    assert {"costmodel.architectures.recursive", "costmodel.render.table"} <= loaded
    heavy = {n for n in loaded if n.startswith(("costmodel.analysis", "costmodel.simulate"))}
    writers = {
        "costmodel.render.latex",
        "costmodel.render.notebook",
        "costmodel.render.breakeven",
        "costmodel.studies.seed_note",
        "costmodel.cli.design",
    }
    assert heavy == set() and writers.isdisjoint(loaded)


def test_a_breakeven_finds_its_writers_without_the_render_package_imported_first() -> None:
    # the break-even's LaTeX and HTML writers live in costmodel.render.breakeven, which
    # registers them on import; the entry points load it on the first object they have no
    # writer for.  In a fresh interpreter, the writers not yet loaded, every display must
    # give what it gives with every writer loaded up front.
    code = (
        "import json, sys, costmodel\n"
        "{preload}"
        "result = costmodel.breakeven(costmodel.folding(), costmodel.recursive_stark(),"
        " solve_for='folded_witness_size')\n"
        "loaded = 'costmodel.render.breakeven' in sys.modules\n"
        "from costmodel.render.notebook import pretty_text\n"
        "print(json.dumps([loaded, costmodel.latex(result), result._repr_latex_(),"
        " result._repr_html_(), pretty_text(result)]))\n"
    )
    runs = []
    for preload in ("", "import costmodel.render.writers\n"):
        done = subprocess.run(
            [sys.executable, "-c", code.format(preload=preload)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout))
    (loaded_lazily, *lazily), (loaded_up_front, *up_front) = runs
    assert not loaded_lazily and loaded_up_front
    assert lazily == up_front
    # and the writers are the break-even's own: its readable closed form, W* = P + o - I
    latex, repr_latex, repr_html, _ = lazily
    assert latex.startswith("\\begin{align*}\n  W^{*} &= P + o - I")
    assert repr_latex.startswith("$$\\begin{aligned}\n  W^{*} &= P + o - I")
    assert repr_html.startswith('<div class="costmodel"><p>folding = recursive_stark')
