"""Trust: every class of hostile or broken input found in the round-two trial.

Each class has a test that failed before its fix: text that would run as Python,
LaTeX and Markdown injection, numbers and units that would never finish, exponents
sympy merges past a cap, model files without bounds, count relabelling that scaled a
count, floors and ceilings of logarithms rounded in floating point, break-evens that
called one point of a range exact, and tracebacks where a one-line error belongs.
"""

from __future__ import annotations

import contextlib
import inspect
import math
import os
import subprocess
import sys
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import costmodel
from costmodel import render
from costmodel.architectures.transfers import transfer_counts
from costmodel.cli import main
from costmodel.formulas import parse_formula
from costmodel.functions import Log, ceil_log, floor_log, numpy_ceil_log, numpy_floor_log
from costmodel.model_files import MAX_ENTRIES, MAX_MODEL_FILE_SIZE, model_from_toml
from costmodel.render.latex import expression_latex, solution_latex
from costmodel.trees import TreeJoins

SEED = costmodel.presets.load("seed-note")
NAMES = {p.name: p.symbol for p in costmodel.VOCABULARY.values()}

# -- text never runs as Python ------------------------------------------------------------

SENTINEL = "COSTMODEL_TRUST_SENTINEL"
PAYLOAD = f"__import__('os').environ.__setitem__('{SENTINEL}', 'ran')"


def _public_callables() -> list[tuple[str, object]]:
    modules = [
        costmodel,
        costmodel.render,
        costmodel.functions,
        costmodel.dimensions,
        costmodel.trees,
        costmodel.units,
        costmodel.architectures,
        costmodel.architectures.transfers,
        costmodel.analysis,
    ]
    seen: dict[str, object] = {}
    for module in modules:
        for name in module.__all__:
            value = getattr(module, name)
            if callable(value) and not isinstance(value, type(costmodel.ureg)):
                seen.setdefault(f"{module.__name__}.{name}", value)
    return sorted(seen.items())


def test_the_payload_runs_when_sympified():
    # the sentinel works: sympy's own sympify does run the text (why nothing may call it)
    os.environ.pop(SENTINEL, None)
    sympy.sympify(PAYLOAD)
    assert os.environ.pop(SENTINEL) == "ran"


def test_no_public_function_evaluates_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.environ.pop(SENTINEL, None)
    other = costmodel.symbol("proof_size")
    callables = _public_callables()
    assert len(callables) > 60  # the whole public surface, not a handful
    for _, function in callables:
        for arguments in (
            (PAYLOAD,),
            ([PAYLOAD],),
            (PAYLOAD, PAYLOAD),
            (other, PAYLOAD),
            (other, other, PAYLOAD),
            (PAYLOAD, 2, "store-and-forward"),
        ):
            with contextlib.suppress(Exception):  # refusing is right; running the text is not
                function(*arguments)
            assert SENTINEL not in os.environ, f"{function!r} ran text: {arguments!r}"


@pytest.mark.parametrize(
    "call",
    [
        lambda: expression_latex(PAYLOAD),
        lambda: solution_latex("W^{*}", PAYLOAD),
        lambda: solution_latex("W^{*}", costmodel.symbol("proof_size"), [PAYLOAD]),
        lambda: transfer_counts(PAYLOAD, 1, "peer-both"),
        lambda: TreeJoins(PAYLOAD, 2),
        lambda: TreeJoins([PAYLOAD], 2),
        lambda: Log(PAYLOAD, 2),
        lambda: costmodel.CountAs(PAYLOAD, sympy.core.symbol.Str("proof")),
    ],
)
def test_each_former_sympify_path_refuses_text(call):
    os.environ.pop(SENTINEL, None)
    with pytest.raises(costmodel.ExpressionError, match=r"string|expected a sympy"):
        call()
    assert SENTINEL not in os.environ


# -- LaTeX and Markdown injection -----------------------------------------------------------

HOSTILE_NAME = "egress\n\\immediate\\write18{touch pwned}\n\\input{/etc/passwd}\n"


def _hostile_model() -> costmodel.Model:
    return costmodel.Model.build(
        HOSTILE_NAME,
        {"term\n\n\\input{/etc/hosts}": costmodel.symbol("wrap_proof_size")},
        description="<script>alert(1)</script>\n[x](javascript:alert(1))",
    )


def test_user_text_never_reaches_latex_raw():
    text = render.export(_hostile_model(), {"wrap_proof_size": "1 B"}, standalone=True)
    for line in text.splitlines():
        if "\\input" in line or "\\immediate" in line or "\\write18" in line:
            # only in a comment, all on the comment's own line
            assert line.lstrip().startswith("%"), line
    assert "\\textbackslash{}input\\{/etc/hosts\\}" in text


def test_latex_symbols_are_checked_against_a_whitelist():
    for bad in (r"x}\input{/etc/passwd}", r"\input{x}", r"\def\x{1}", "a{b", "a$b", "W\n"):
        with pytest.raises(costmodel.DefinitionError):
            costmodel.Param("my_size", "B", bad, "a size")
    for good in ("W", r"t_{\mathrm{join}}", r"\rho", "m_{1}", r"\hat{P}", r"\mathrm{my\_size}"):
        assert costmodel.Param("my_size", "B", good, "a size").latex == good
    model_file = """
[model]
name = "m"
[parameters.x]
unit = "B"
latex = '}\\input{/etc/passwd}{'
[terms]
a = "x"
"""
    with pytest.raises(costmodel.PresetError, match="latex"):
        model_from_toml(model_file)


def test_mul_symbol_is_a_choice_not_raw_latex():
    with pytest.raises(costmodel.OptionError, match="mul_symbol"):
        render.LatexConfig(mul_symbol=r"\input{/etc/passwd}")
    assert render.LatexConfig(mul_symbol="times").mul_symbol == "times"


def test_markdown_report_escapes_user_text():
    text = render.markdown_report([_hostile_model()], {"wrap_proof_size": "1 B"})
    assert "<script" not in text
    assert "[x](javascript" not in text  # escaped brackets make no link
    assert "&lt;script&gt;" in text
    # user text stays on the line it was put on: no line of its own starts with it
    starts = ("\\input", "\\immediate", "<", "[x]")
    assert not any(line.lstrip().startswith(starts) for line in text.splitlines())
    assert "### egress \\\\immediate" in text


def test_notebook_html_escapes_user_text():
    html = _hostile_model()._repr_html_()
    assert "<script" not in html


# -- numbers: one reader, bounded -----------------------------------------------------------

HUGE_TEXT = "1e1000000000"


def _quick(call, error=costmodel.CostModelError, match=None):
    start = time.process_time()
    with pytest.raises(error, match=match):
        call()
    assert time.process_time() - start < 2, "the refusal itself must be quick"


@pytest.mark.parametrize(
    "call",
    [
        lambda: costmodel.parse_quantity(f"{HUGE_TEXT} B"),
        lambda: costmodel.units.exact_number(Decimal("1e999999999")),
        lambda: costmodel.units.exact_number(10**5000),  # past the 4300-digit str() limit
        lambda: costmodel.units.exact_number("1" * 5000),
        lambda: costmodel.units.exact_number(sympy.Integer(10) ** 2000),
        lambda: costmodel.recursive_stark().evaluate({**SEED, "snapshot_size": 10**5000}),
        lambda: costmodel.recursive_stark(arity=HUGE_TEXT),
        lambda: costmodel.recursive_stark(arity=Decimal("1e999999999")),
        lambda: parse_formula(f"{HUGE_TEXT} * proof_size", NAMES),
        lambda: parse_formula("1" * 3000 + " * proof_size", NAMES),
    ],
)
def test_huge_numbers_are_refused_quickly_on_every_path(call):
    _quick(call, match="out of range|too long|too large|digits|10\\^1000|bits")


@pytest.mark.parametrize("key", ["value", "low", "high"])
def test_huge_numbers_in_presets_are_refused(tmp_path, key):
    entry = {"value": '"5"', "low": '"1"', "high": '"10"'}
    entry[key] = f'"{HUGE_TEXT}"'
    body = "\n".join(f"{k} = {v}" for k, v in entry.items())
    path = tmp_path / "huge.toml"
    path.write_text(
        f'[preset]\nname = "h"\n[parameters.snapshot_size]\n{body}\n'
        f'unit = "MB/segment"\nsource = "s"\nquote = "q"\n'
    )
    _quick(lambda: costmodel.presets.load(path), costmodel.PresetError, "exponent out of range")


@pytest.mark.parametrize(
    "argv",
    [
        ["eval", "recursive-stark", "--arity", HUGE_TEXT],
        ["eval", f"folding:arity={HUGE_TEXT}"],
        ["eval", "recursive-stark", "--set", f"snapshot_size={HUGE_TEXT} B/segment"],
    ],
)
def test_huge_numbers_from_the_command_line_are_one_line_errors(argv, capsys):
    start = time.process_time()
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert time.process_time() - start < 2
    assert exit_info.value.code == 2
    assert "exponent out of range" in capsys.readouterr().err


def test_results_beyond_the_bound_are_an_error_not_a_traceback():
    # 10^600 B/segment snapshots over 10^600 segments: 10^1200 B, past the bound of results
    values = {**SEED, "snapshot_size": "1e600 B/segment", "total_cycles": "1e606 cycle"}
    with pytest.raises(costmodel.ParameterValueError, match="beyond about 10\\^1000"):
        costmodel.recursive_stark().evaluate(values)


def test_decimal_text_keeps_every_digit_of_long_numbers():
    # Decimal arithmetic keeps 28 digits by default: 10^39 + 1/10 once printed as 10^39, exact
    text, exact = costmodel.units.decimal_text(Fraction(10**40 + 1, 10), 5)
    assert (text, exact) == ("1" + "0" * 39 + ".1", True)  # 10^39 + 0.1
    text, exact = costmodel.units.decimal_text(Fraction(10**40 + 1, 3), 2)
    assert (text, exact) == ("3" * 39 + "3.67", False)


# -- unit strings: token-checked before pint reads them -------------------------------------

HANGING_UNITS = ["B**9**9**9", "9**9**9", "(B**9)**9", "B*(B**9)**9", "B + 5", "B^9"]


@pytest.mark.parametrize("unit", HANGING_UNITS)
@pytest.mark.parametrize(
    "use",
    [
        lambda u: costmodel.units.parse_unit(u),
        lambda u: costmodel.Q_(1, u),
        lambda u: costmodel.Q_("1 B").to(u),
        lambda u: costmodel.ureg(f"1 {u}"),
        lambda u: costmodel.format_quantity(costmodel.Q_("1 B"), u),
        lambda u: costmodel.count_as(costmodel.symbol("machines"), u),
        lambda u: costmodel.Model.build("m", {"a": costmodel.symbol("proof_size")}, unit=u),
        lambda u: costmodel.Param("x", u, "x", "x"),
        lambda u: costmodel.sweep(
            costmodel.recursive_stark(), SEED, {"proof_size": (np.array([1.0]), u)}
        ),
        lambda u: render.LatexConfig(unit=u),
    ],
)
def test_unit_strings_are_never_evaluated(use, unit):
    _quick(lambda: use(unit), costmodel.UnitError)


@pytest.mark.parametrize(
    "argv",
    [
        ["eval", "recursive-stark", "--unit", "B**9**9**9"],
        ["eval", "recursive-stark", "--set", "snapshot_size=5 B**9**9**9"],
    ],
)
def test_unit_strings_from_the_command_line(argv, capsys):
    with pytest.raises(SystemExit):
        main(argv)
    assert "power applies once" in capsys.readouterr().err


def test_unit_strings_in_model_files_and_presets(tmp_path):
    for text in (
        '[model]\nname = "m"\nunit = "B**9**9**9"\n[terms]\na = "proof_size"\n',
        '[model]\nname = "m"\n[parameters.x]\nunit = "B**9**9**9"\n[terms]\na = "x"\n',
        '[model]\nname = "m"\n[terms]\na = "count_as(machines, \'proof**9**9\')"\n',
    ):
        _quick(lambda text=text: model_from_toml(text), costmodel.CostModelError)
    path = tmp_path / "p.toml"
    path.write_text(
        '[preset]\nname = "p"\n[parameters.snapshot_size]\nvalue = 1\n'
        'unit = "MB**9**9**9"\nsource = "s"\nquote = "q"\n'
    )
    _quick(lambda: costmodel.presets.load(path), costmodel.PresetError)


# -- exponents: bounded after sympy builds the expression ----------------------------------


@pytest.mark.parametrize(
    "formula", ["(snapshot_size**200)**200", "arity**arity**arity", "2**arity", "(2**200)**200"]
)
def test_merged_and_symbolic_exponents_are_refused(formula):
    _quick(lambda: parse_formula(formula, NAMES), costmodel.ExpressionError)


def test_symbolic_exponents_are_refused_in_models_built_in_python():
    k = costmodel.symbol("arity")
    with pytest.raises(costmodel.ExpressionError, match="exponent must be a number"):
        costmodel.Model.build("m", {"a": costmodel.symbol("proof_size") * 2**k})


# -- model files: bounded, strict, checked like the API --------------------------------------


def test_a_model_file_at_its_bounds_loads_in_seconds():
    # MAX_ENTRIES terms, each a long formula: the largest file the library promises to read
    formula = " + ".join(["ceil(total_cycles / segment_cycles) * snapshot_size"] * 8)
    terms = "\n".join(f't{i} = "{formula}"' for i in range(MAX_ENTRIES))
    text = f'[model]\nname = "big"\n[terms]\n{terms}\n'
    assert len(text) < MAX_MODEL_FILE_SIZE
    start = time.process_time()
    model = model_from_toml(text)
    assert time.process_time() - start < 20
    assert len(model.terms) == MAX_ENTRIES


def test_model_files_past_their_bounds_are_refused():
    terms = "\n".join(f't{i} = "proof_size"' for i in range(MAX_ENTRIES + 1))
    with pytest.raises(costmodel.PresetError, match=f"at most {MAX_ENTRIES}"):
        model_from_toml(f'[model]\nname = "m"\n[terms]\n{terms}\n')
    padding = "# " + "x" * MAX_MODEL_FILE_SIZE + "\n"
    with pytest.raises(costmodel.PresetError, match="at most"):
        model_from_toml(padding + '[model]\nname = "m"\n[terms]\na = "proof_size"\n')


@pytest.mark.parametrize("target", ["kproof", "Giproof", "B", "s"])
def test_count_as_in_model_files_checks_like_the_api(target):
    text = f'[model]\nname = "m"\n[terms]\na = "count_as(machines, \'{target}\') * proof_size"\n'
    with pytest.raises(costmodel.ExpressionError, match=r"prefix|not a counting unit"):
        model_from_toml(text)
    with pytest.raises(costmodel.DimensionError, match=r"prefix|not a counting unit"):
        costmodel.count_as(costmodel.symbol("machines"), target)


def test_model_file_booleans_are_toml_booleans():
    text = '[model]\nname = "m"\n[parameters.x]\nunit = "B"\nintegral = "false"\n[terms]\na = "x"\n'
    with pytest.raises(costmodel.PresetError, match="true or false"):
        model_from_toml(text)
    ok = text.replace('"false"', "false")
    (x,) = model_from_toml(ok).parameters
    assert x.integral is False


def test_unknown_keys_of_the_model_table_are_refused_with_a_suggestion():
    text = '[model]\nname = "m"\nunits = "second"\n[terms]\na = "proof_size"\n'
    with pytest.raises(costmodel.PresetError, match=r'units.*did you mean "unit"'):
        model_from_toml(text)


# -- floors and ceilings of logarithms: exact ----------------------------------------------


def _oracle_floor_log(n: int, base: int) -> int:
    """The largest k with base**k <= n, by repeated multiplication (no logarithm)."""
    k, power = 0, base
    while power <= n:
        k, power = k + 1, power * base
    return k


@given(st.integers(2, 16), st.integers(1, 200), st.sampled_from((-1, 0, 1)))
def test_ceil_and_floor_of_log_are_exact_at_powers(base, exponent, offset):
    n = base**exponent + offset
    if n > 10**30 or n < 1:
        return
    floor_k = _oracle_floor_log(n, base)
    ceil_k = floor_k if base**floor_k == n else floor_k + 1
    assert floor_log(n, base) == floor_k and ceil_log(n, base) == ceil_k
    log = Log(sympy.Integer(n), sympy.Integer(base))
    assert sympy.floor(log) == floor_k
    assert sympy.ceiling(log) == ceil_k
    if n < 2**53:  # the vectorized path, exact wherever floats hold the count exactly
        assert numpy_floor_log(float(n), base) == floor_k
        assert numpy_ceil_log(float(n), base) == ceil_k


def test_ceil_of_log_just_above_two_to_the_33():
    # sympy rounds a floating-point value here: 34 is right (2^33 < 2^33 + 1 <= 2^34)
    assert sympy.ceiling(Log(sympy.Integer(2**33 + 1), 2)) == 34
    assert sympy.floor(Log(sympy.Integer(2**33 - 1), 2)) == 32


def test_sweeps_of_ceil_log_agree_with_exact_evaluation():
    formula = "proof_size * count_as(ceil(log(ceil(total_cycles / segment_cycles), 2)), 'proof')"
    model = model_from_toml(f'[model]\nname = "m"\n[terms]\na = "{formula}"\n')
    cycles = [2**k + d for k in (29, 31, 33, 40) for d in (-1, 0, 1)]
    values = {"segment_cycles": "1 cycle/segment", "proof_size": "1 B/proof"}
    swept = costmodel.sweep(model, values, {"total_cycles": (np.array(cycles, float), "cycle")})
    exact = [
        float(model.evaluate({**values, "total_cycles": f"{c} cycle"}).total.magnitude)
        for c in cycles
    ]
    assert list(swept.total) == exact
    assert exact[:3] == [29.0, 29.0, 30.0]  # 2^29 - 1, 2^29, 2^29 + 1


# -- break-evens over a range ---------------------------------------------------------------


def test_a_breakeven_over_a_range_reports_the_range():
    T, C, P = (costmodel.symbol(n) for n in ("total_cycles", "segment_cycles", "proof_size"))
    left = costmodel.count_as(costmodel.ceil(T / C), "proof") * P
    right = costmodel.count_as(sympy.Integer(3), "proof") * P
    point = costmodel.breakeven(left, right, solve_for="segment_cycles").evaluate(
        {"total_cycles": "10 cycle", "proof_size": "1 B/proof"}
    )
    # by hand: ceil(10 / C) = 3 exactly when 10/3 <= C < 5
    low, high = (Fraction(end.magnitude) for end in point.interval)
    assert abs(low - Fraction(10, 3)) < Fraction(1, 10**12)
    assert abs(high - 5) < Fraction(1, 10**12) and high < 5
    assert not point.exact  # the ends were found by bisection
    assert "equal from" in str(point)


def test_a_breakeven_of_counts_over_a_range_is_exact():
    k = costmodel.symbol("arity")
    m = costmodel.symbol("machines")
    left = costmodel.minimum(k, sympy.Integer(5))  # equals 5 for every arity >= 5
    point = costmodel.breakeven(left, sympy.Integer(5) + 0 * m, solve_for="arity").evaluate(
        {"machines": "1 machine"}
    )
    assert point.exact and point.interval[0].magnitude == 5 and point.interval[1] is None


def test_sides_equal_everywhere_are_never_a_point():
    model = costmodel.recursive_stark()
    with pytest.raises(costmodel.NoSolutionError, match="equal for every value"):
        costmodel.breakeven(model, model, solve_for="proof_size")
    # equal everywhere at these values only: I*k = 2*G with I = G = 0
    instance = costmodel.symbol("folded_instance_size")
    wrap = costmodel.symbol("wrap_proof_size")
    result = costmodel.breakeven(instance * costmodel.symbol("arity"), 2 * wrap, solve_for="arity")
    point = result.evaluate({"folded_instance_size": "0 B", "wrap_proof_size": "0 B"})
    assert point.everywhere and "no single break-even" in str(point)


# -- one-line errors instead of tracebacks ----------------------------------------------------


def _cli(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and err.count("\n") == 1 and "Traceback" not in err
    return err


def test_files_that_are_not_utf8_or_nest_too_deeply(tmp_path, capsys):
    binary = tmp_path / "m.toml"
    binary.write_bytes(b"\xff\xfe[model]")
    assert "not UTF-8" in _cli(["eval", str(binary)], capsys)
    deep = tmp_path / "d.toml"
    deep.write_text("a = " + "[" * 100_000)
    assert "nested too deeply" in _cli(["eval", str(deep)], capsys)
    preset = tmp_path / "p.toml"
    preset.write_bytes(b"\xff")
    assert "not UTF-8" in _cli(["eval", "recursive-stark", "--preset", str(preset)], capsys)


def test_output_paths(tmp_path, capsys):
    existing = tmp_path / "out.tex"
    existing.write_text("keep me")
    assert "--force" in _cli(["latex", "recursive-stark", "-o", str(existing)], capsys)
    assert existing.read_text() == "keep me"
    assert main(["latex", "recursive-stark", "-o", str(existing), "--force"]) == 0
    assert existing.read_text().startswith("% recursive_stark")
    assert "directory" in _cli(["latex", "recursive-stark", "-o", str(tmp_path)], capsys)
    assert "not a directory" in _cli(
        ["report", "recursive-stark", "--plots", str(existing), "-o", str(tmp_path / "r.md")],
        capsys,
    )
    assert main(["latex", "recursive-stark", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("% recursive_stark")


def _run(argv: list[str], stdout: int | object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "costmodel", *argv], stdout=stdout, stderr=subprocess.PIPE
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_one_line():
    with open("/dev/full", "wb") as full:
        done = _run(["reproduce", "seed-note"], full)
    assert done.returncode == 2
    assert done.stderr.decode() == "costmodel: error: cannot write the output: " + (
        "No space left on device\n"
    )


def test_a_closed_pipe_ends_quietly():
    process = subprocess.Popen(
        [sys.executable, "-m", "costmodel", "compare"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()
    assert process.wait() == 0
    assert process.stderr.read() == b""


def test_shares_of_any_size_print():
    # a cancelling sum: the total is 1 B, a term 10^400 B, its share 10^402 %
    big = costmodel.symbol("folded_witness_size") * sympy.Integer(10) ** 400
    model = costmodel.Model.build(
        "m", {"up": big, "down": -big + costmodel.symbol("wrap_proof_size")}
    )
    result = model.evaluate({"folded_witness_size": "1 B", "wrap_proof_size": "1 B"})
    rows = result.breakdown()
    assert rows[0][2] == "1" + "0" * 402 + ".00 %"
    assert str(result)


def test_a_parameter_named_like_a_numpy_function_sweeps():
    text = '[model]\nname = "m"\n[parameters.ceil]\nunit = "B"\n[terms]\na = "ceil * 2"\n'
    model = model_from_toml(text)
    result = costmodel.sweep(model, {}, {"ceil": (np.array([1.0, 2.0]), "B")})
    assert list(result.total) == [2.0, 4.0]


@pytest.mark.parametrize(
    ("over", "error", "match"),
    [
        ({"proof_size": (np.array(["a"]), "B/proof")}, costmodel.InputError, "numbers"),
        ({"proof_size": ("abc", "B/proof")}, costmodel.InputError, "numbers"),
        ({"proof_size": ["1 B/proof", "1 cycle"]}, costmodel.DimensionError, "mix"),
        (
            {
                "proof_size": (np.array([1.0, 2.0]), "B/proof"),
                "snapshot_size": (np.array([1.0, 2.0, 3.0]), "B/segment"),
            },
            costmodel.ParameterValueError,
            "broadcast",
        ),
        (
            {"receipt_overhead": (np.array([5e-324]), "bit/proof")},
            costmodel.ParameterValueError,
            "underflows",
        ),
        (
            {"segment_cycles": (np.array([1e-300]), "cycle/segment")},
            costmodel.ParameterValueError,
            "not a finite float",
        ),
    ],
)
def test_sweep_inputs_give_library_errors(over, error, match):
    with pytest.raises(error, match=match):
        costmodel.sweep(costmodel.recursive_stark(), SEED, over)


def test_a_scalar_sweep_is_a_one_point_sweep():
    result = costmodel.sweep(costmodel.recursive_stark(), SEED, {"proof_size": (250, "kB/proof")})
    assert result.total.shape == (1,)
    assert math.isclose(result.total[0], 50_999_250_000)


def test_reports_of_models_with_logarithms(tmp_path):
    text = (
        '[model]\nname = "logs"\n[terms]\n'
        "a = \"proof_size * count_as(log(total_cycles / segment_cycles, 2), 'proof')\"\n"
    )
    path = tmp_path / "logs.toml"
    path.write_text(text)
    values = [
        "--set",
        "total_cycles=1073741824 cycle",
        "--set",
        "segment_cycles=1048576 cycle/segment",
    ]
    for extra in ([], ["--plots", str(tmp_path / "plots"), "--over", "total_cycles"]):
        out = tmp_path / f"r{len(extra)}.md"
        assert main(["report", str(path), *values, *extra, "-o", str(out)]) == 0
        # log2(1024) = 10 proofs of 250 kB: 2.5 MB
        assert "2.5 MB" in out.read_text()


def test_public_signatures_are_inspectable():
    # the text-refusing mixin keeps sympy's function classes constructible and printable
    assert "leaves" in inspect.getsource(TreeJoins)
    assert str(TreeJoins(sympy.Symbol("N", positive=True, integer=True), 3)) == "TreeJoins(N, 3)"


# -- a user's own parameter works everywhere a vocabulary one does ------------------------


def test_a_declared_parameter_works_inside_the_unit_aware_functions():
    per_segment = costmodel.Param("chunks_per_segment", "chunk/segment", "c", "chunks")
    T, C = costmodel.symbol("total_cycles"), costmodel.symbol("segment_cycles")
    segments = costmodel.ceil(T / C)
    chunks = costmodel.ceil(segments * per_segment.symbol)
    assert costmodel.unit_of(chunks) == costmodel.units.parse_unit("chunk")
    assert costmodel.unit_of(costmodel.floor(per_segment.symbol * segments)) == (
        costmodel.units.parse_unit("chunk")
    )
    assert costmodel.unit_of(costmodel.log(chunks, 2)) == costmodel.units.parse_unit("")
    assert costmodel.unit_of(costmodel.count_as(chunks, "proof")) == (
        costmodel.units.parse_unit("proof")
    )
    assert costmodel.unit_of(costmodel.maximum(chunks, 3 * chunks)) == (
        costmodel.units.parse_unit("chunk")
    )
    bytes_param = costmodel.Param("my_bytes", "B", "b", "bytes")
    with pytest.raises(costmodel.DimensionError, match="count"):
        costmodel.ceil(bytes_param.symbol)


def test_two_parameters_of_one_name_and_different_units_are_different_symbols():
    in_bytes = costmodel.Param("size", "B", "s", "a size")
    in_bits = costmodel.Param("size", "bit", "s", "a size")
    assert in_bytes.symbol != in_bits.symbol
    assert costmodel.plain(costmodel.convert(in_bits.symbol, "B")) == in_bits.symbol / 8


def test_units_given_beside_an_expression_add_to_the_symbols_own():
    x = sympy.Symbol("x", positive=True)
    P = costmodel.symbol("proof_size")
    # a unit as text, for a symbol of the script's own; the vocabulary stays as it is
    assert costmodel.unit_of(x * P, {x: "proof"}) == costmodel.units.parse_unit("B")
    assert costmodel.unit_of(x * P, {x: costmodel.units.parse_unit("proof")}) == (
        costmodel.units.parse_unit("B")
    )
    assert costmodel.ceil(costmodel.symbol("total_cycles") / x, units={x: "cycle"}) is not None
    with pytest.raises(costmodel.UnitError):
        costmodel.unit_of(x, {x: "parsecs"})
    with pytest.raises(costmodel.ExpressionError, match="mapping"):
        costmodel.unit_of(x, ["x"])


def test_tree_counts_are_public_and_exact():
    assert costmodel.TreeJoins is costmodel.trees.TreeJoins
    assert costmodel.TreeDepth(sympy.Integer(1000), 2) == 10
    for arity in range(2, 17):
        for leaves in range(1, 3001):
            # brute force: join layers until one item is left
            items, layers = leaves, 0
            while items > 1:
                items, layers = -(-items // arity), layers + 1
            assert costmodel.tree_depth(leaves, arity) == layers
    vectorized = costmodel.trees.numpy_tree_depth(np.arange(1, 3001, dtype=float), 3)
    assert list(vectorized) == [costmodel.tree_depth(n, 3) for n in range(1, 3001)]
