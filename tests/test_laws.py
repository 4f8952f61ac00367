"""Parameter laws: parsed and unit-checked, substituted symbolically, fitted exactly; model files
with named intermediate values."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

import costmodel
from costmodel.functions import Log
from costmodel.laws import LawError, fit, law, resolve_laws, with_laws
from costmodel.model_files import ModelFileError, model_from_toml

SEED = costmodel.presets.load("seed-note")
C = costmodel.symbol("segment_cycles")

#: RISC Zero's April 2023 datasheet: proof size per segment size (po2 15 .. 22), in kB
DATASHEET = {
    2**15: "201.3",
    2**16: "213",
    2**17: "236",
    2**18: "247.7",
    2**19: "259.9",
    2**20: "273.2",
    2**21: "297.8",
    2**22: "311.1",
}


def _proof_law(base="100 kB/proof", step="10 kB/proof"):
    return law(
        "proof_size",
        "base + per_doubling * log(segment_cycles, 2)",
        {"base": base, "per_doubling": step},
    )


def test_a_law_gives_its_parameter_exactly():
    size = _proof_law()
    # 100 kB + 10 kB x log2(2^20) = 300 kB
    assert size.value({"segment_cycles": "1048576 cycle/segment"}) == costmodel.Q_(
        300_000, "B/proof"
    )
    assert size.depends_on == ("segment_cycles",)


def test_evaluate_sees_through_a_law():
    model = with_laws(costmodel.recursive_stark(), [_proof_law()])
    assert "proof_size" not in model.parameter_names
    values = {**SEED, "segment_cycles": "1048576 cycle/segment"}
    # the same model with the law's value (300 kB at 2^20) given as a constant
    constant = costmodel.recursive_stark().evaluate({**values, "proof_size": "300 kB/proof"})
    assert model.evaluate(values).total == constant.total
    # by hand: N = ceil(1e9 / 2^20) = 954, joins 953; store-and-forward moves N + (N + J - 1)
    # + J = 954 + 1906 + 953 = 3813 proofs of 300 kB beside 954 snapshots of 50 MB
    assert model.evaluate(values).total.to("B").magnitude == 954 * 50 * 10**6 + 3813 * 300_000


def test_a_breakeven_with_a_law_is_still_closed_form():
    laws = [_proof_law()]
    stark = with_laws(costmodel.recursive_stark(arity=2), laws)
    fold = with_laws(costmodel.folding(arity=2), laws)
    result = costmodel.breakeven(stark, fold, solve_for="folded_witness_size")
    # W* = P + o - I with P = 100 kB + 10 kB log2 C: in bytes, 100000 + 10000 log2 C + o - I
    o, i = costmodel.symbol("receipt_overhead"), costmodel.symbol("folded_instance_size")
    expected = 100_000 + 10_000 * Log(C, 2) + o - i
    assert sympy.expand(result.solution - expected) == 0
    # LaTeX shows the law in place of P (in bytes: 100000 + 10000 log2 C)
    latex = costmodel.latex(stark)
    assert (
        "\\text{segment proofs} &= \\left(o + 10000 \\log_{2}{\\left(C\\right)} + 100000\\right)"
        in latex
    )
    assert " P" not in latex


def test_sweep_sees_through_a_law():
    model = with_laws(costmodel.recursive_stark(), [_proof_law()])
    swept = costmodel.sweep(
        model, SEED, {"segment_cycles": ([2**20, 2**21], "cycle/segment")}, breakdown=False
    )
    exact = [
        model.evaluate({**SEED, "segment_cycles": f"{c} cycle/segment"}).total.to("B").magnitude
        for c in (2**20, 2**21)
    ]
    assert list(swept.total) == pytest.approx([float(x) for x in exact], rel=1e-12)


def test_laws_in_a_chain_are_substituted_in_order():
    # overhead follows the proof size, the proof size the segment size
    overhead = law("receipt_overhead", "share * proof_size", {"share": "1/10"})
    resolved = resolve_laws([overhead, _proof_law()])
    at = {C: 2**20}
    # o = P / 10 = 30 kB at 2^20
    value = sympy.simplify(costmodel.functions.plain(resolved["receipt_overhead"]).xreplace(at))
    assert value == 30_000


@pytest.mark.parametrize(
    ("laws", "fragment"),
    [
        (lambda: [law("proof_size", "2 * proof_size")], "circular: the formula uses proof_size"),
        (
            lambda: [
                law("proof_size", "k * receipt_overhead", {"k": "2"}),
                law("receipt_overhead", "k * proof_size", {"k": "1/2"}),
            ],
            "circular laws: proof_size -> receipt_overhead -> proof_size",
        ),
    ],
)
def test_circular_laws_are_refused(laws, fragment):
    with pytest.raises(LawError, match=fragment):
        resolve_laws(laws())


@pytest.mark.parametrize(
    ("name", "formula", "coefficients", "fragment"),
    [
        ("proof_size", "segment_cycles", {}, "law for proof_size: must be in B/proof"),
        ("snapshot_size", "a * segment_cycles", {"a": "8 B"}, "law for snapshot_size"),
        ("proof_size", "a + log(snapshot_size, 2)", {"a": "1 kB/proof"}, "proof_size"),
        ("proof_size", "a", {"a": "1 kB/proof", "b": "2 kB/proof"}, "'b' is not used"),
        ("proof_size", "segment_cycles", {"segment_cycles": "1"}, "is a parameter's name"),
        ("proof_sise", "1", {}, "did you mean"),
        ("proof_size", "__import__('os')", {}, "law for proof_size"),
        ("proof_size", "a", {"a": "nan kB/proof"}, "law for proof_size: a: expected a finite"),
        ("proof_size", "a", {"a": "1e99999 kB/proof"}, "law for proof_size: a: exponent"),
        ("proof_size", "a", {"a": True}, "law for proof_size: a: expected a number"),
        ("proof_size", "a", {"a": "kB/prof"}, "law for proof_size: a: unknown unit"),
    ],
)
def test_bad_laws_are_refused_naming_the_parameter(name, formula, coefficients, fragment):
    with pytest.raises(costmodel.CostModelError, match=fragment):
        law(name, formula, coefficients)


def test_fit_reproduces_the_datasheet_within_its_residual():
    unfitted = _proof_law(base="kB/proof", step="kB/proof")
    result = fit(unfitted, {f"{c} cycle/segment": f"{kb} kB/proof" for c, kb in DATASHEET.items()})
    # by hand, x = log2 C = 15 .. 22 (mean 18.5, Sxx = 2 (0.25 + 2.25 + 6.25 + 12.25) = 42),
    # y in kB (mean 2040 / 8 = 255): Sxy = 3.5 (311.1 - 201.3) + 2.5 (297.8 - 213)
    # + 1.5 (273.2 - 236) + 0.5 (259.9 - 247.7) = 384.3 + 212 + 55.8 + 6.1 = 658.2;
    # slope 658.2 / 42 = 1097/70 kB, intercept 255 - 18.5 x 1097/70 = -4889/140 kB
    assert result.coefficients["per_doubling"] == costmodel.Q_(Fraction(1097, 70), "kB/proof")
    assert result.coefficients["base"] == costmodel.Q_(Fraction(-4889, 140), "kB/proof")
    # the largest miss is at 2^20: 273.2 - (-4889/140 + 20 x 1097/70) = -743/140 kB
    assert result.residual == costmodel.Q_(Fraction(743, 140) * 1000, "B/proof")
    fitted = result.law
    for cycles, kb in DATASHEET.items():
        value = fitted.value({"segment_cycles": f"{cycles} cycle/segment"})
        miss = abs(value - costmodel.Q_(Fraction(kb), "kB/proof"))
        assert miss <= result.residual
    assert sum(r.magnitude for r in result.residuals) == 0  # least squares with an intercept


def test_a_preset_gives_a_law_fitted_to_its_rows():
    preset = costmodel.presets.load("risc0", variant="datasheet-2023")
    fitted = preset.laws["proof_size"]
    assert fitted.residual <= costmodel.Q_("5.4 kB/proof")
    assert len(fitted.rows) == 8
    for cycles, kb in DATASHEET.items():
        value = fitted.value({"segment_cycles": f"{cycles} cycle/segment"})
        assert abs(value - costmodel.Q_(Fraction(kb), "kB/proof")) <= fitted.residual
    assert "datasheet" in str(preset.sources["proof_size"]).lower()
    # the preset's laws applied to a model through the preset itself
    model = with_laws(costmodel.recursive_stark(), preset)
    assert "proof_size" not in model.parameter_names


def test_a_preset_whose_fit_misses_its_stated_residual_is_refused(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        '[preset]\nname = "p"\n[parameters.proof_size]\nvalue = 1\nunit = "kB/proof"\n'
        'law = "a + b * log(segment_cycles, 2)"\n'
        'coefficients = { a = "kB/proof", b = "kB/proof" }\n'
        'fitted = [["2 cycle/segment", "1 kB/proof"], ["4 cycle/segment", "3 kB/proof"],'
        ' ["8 cycle/segment", "4 kB/proof"]]\n'
        'residual = "100 B/proof"\nsource = "s"\nquote = "q"\n',
        encoding="utf-8",
    )
    # x = 1, 2, 3 and y = 1, 3, 4: slope 3/2, intercept -1/3, residuals 1/6, -1/3, 1/6 kB:
    # 333 B is more than the 100 B stated
    with pytest.raises(costmodel.PresetError, match="more than the stated residual"):
        costmodel.presets.load(path)


def test_fit_refuses_tables_it_cannot_fit_exactly():
    unfitted = _proof_law(base="kB/proof", step="kB/proof")
    # log2(1000) is irrational: no exact least squares through it
    with pytest.raises(LawError, match="not an exact number at a row"):
        fit(unfitted, {"1000 cycle/segment": "1 kB/proof", "2048 cycle/segment": "2 kB/proof"})
    with pytest.raises(costmodel.NoSolutionError, match="1 rows for 2 coefficients"):
        fit(unfitted, {"1024 cycle/segment": "1 kB/proof"})
    with pytest.raises(costmodel.DimensionError, match="proof_size"):
        fit(unfitted, {"1024 cycle/segment": "1 kB", "2048 cycle/segment": "2 kB/proof"})
    with pytest.raises(LawError, match="every coefficient has a value"):
        fit(_proof_law(), {"1024 cycle/segment": "1 kB/proof"})


def test_fit_refuses_a_law_not_linear_in_its_coefficients():
    capped = law(
        "snapshot_size",
        "min(fixed + touched * segment_cycles, vm)",
        {"fixed": "MB/segment", "touched": "B/cycle", "vm": "192 MiB/segment"},
    )
    with pytest.raises(LawError, match="not linear in its coefficients"):
        fit(capped, {"1 cycle/segment": "1 MB/segment", "2 cycle/segment": "2 MB/segment"})


def test_a_capped_snapshot_law():
    snapshot = law(
        "snapshot_size",
        "min(fixed + touched * segment_cycles, vm)",
        {"fixed": "2 MB/segment", "touched": "8 B/cycle", "vm": "192 MiB/segment"},
    )
    # 2 MB + 8 B x 2^20 = 10,388,608 B; at 2^25: 2 MB + 256 MiB is past 192 MiB = 201,326,592 B
    assert snapshot.value({"segment_cycles": "1048576 cycle/segment"}).magnitude == 10_388_608
    assert snapshot.value({"segment_cycles": "33554432 cycle/segment"}).magnitude == 201_326_592


# -- model files: derived values used by name, laws ------------------------------------------

MODEL = """
[model]
name = "stark"
[derived]
N = "ceil(total_cycles / segment_cycles)"
proofs = "count_as(N, 'proof')"
[terms]
snapshots = "N * snapshot_size"
proofs = "proofs * proof_size"
[laws]
snapshot_size = { formula = "min(fixed + touched * segment_cycles, vm)", coefficients = { \
fixed = "2 MB/segment", touched = "8 B/cycle", vm = "192 MiB/segment" } }
"""


def test_a_model_file_names_intermediate_values_and_laws():
    model = model_from_toml(MODEL.replace("\\\n", ""))
    assert set(model.derived) == {"N", "proofs"}
    # seed: N = 1e9 / 1e6 = 1000; snapshot = min(2 MB + 8 MB, 192 MiB) = 10 MB;
    # 1000 x 10 MB + 1000 x 250 kB = 10.25 GB
    assert model.evaluate(SEED).total.to("B").magnitude == 10_250_000_000
    assert "snapshot_size" not in model.parameter_names


@pytest.mark.parametrize(
    ("extra", "error", "fragment"),
    [
        ('[derived]\nA = "B"\nB = "A"\n', ModelFileError, "circle: A -> B -> A"),
        ('[derived]\nA = "A"\n', ModelFileError, "circle: A -> A"),
        ('[derived]\nA = "total_cycles + snapshot_size"\n', costmodel.DimensionError, "sum"),
        ('[derived]\nproof_size = "1"\n', ModelFileError, "a parameter's name"),
        ('[laws]\nproof_size = "2 * proof_size"\n', LawError, "circular"),
        ('[laws]\nproof_size = "segment_cycles"\n', LawError, "law for proof_size"),
        ('[laws]\nproof_size = { formula = "1", sorce = "x" }\n', ModelFileError, "source"),
        (
            '[laws]\nproof_size = "receipt_overhead"\nreceipt_overhead = "proof_size"\n',
            LawError,
            "circular laws",
        ),
    ],
)
def test_bad_model_files_with_definitions(extra, error, fragment):
    text = '[model]\nname = "x"\n[terms]\nt = "count_as(1, \'proof\') * proof_size"\n' + extra
    with pytest.raises(error, match=fragment):
        model_from_toml(text)


@settings(deadline=None, max_examples=25)
@given(
    base=st.fractions(min_value=-999, max_value=1000, max_denominator=50),
    step=st.fractions(min_value=0, max_value=100, max_denominator=50),
    exponents=st.lists(st.integers(10, 30), min_size=2, max_size=8, unique=True),
)
@example(base=Fraction(-999), step=Fraction(0), exponents=[10, 20])  # rows of 1 B/proof
def test_fit_recovers_the_coefficients_of_an_exact_table(base, step, exponents):
    """Rows made from a law by hand are fitted back to its coefficients, residuals all zero."""
    unfitted = _proof_law(base="B/proof", step="B/proof")
    rows = {
        f"{2**e} cycle/segment": costmodel.Q_(base + 1000 + step * e, "B/proof")
        for e in exponents  # 1000 B added to base > -1000: every row positive, as it must be
    }
    result = fit(unfitted, rows)
    assert result.coefficients["base"] == costmodel.Q_(base + 1000, "B/proof")
    assert result.coefficients["per_doubling"] == costmodel.Q_(step, "B/proof")
    assert all(r.magnitude == 0 for r in result.residuals)


@settings(deadline=None, max_examples=15)
@given(
    fixed=st.integers(0, 20),
    touched=st.integers(1, 64),
    cap=st.sampled_from((64, 192, 1024)),
    memory=st.sampled_from(("8 GB/machine", "24 GB/machine", "80 GB/machine")),
)
def test_the_optimizer_sees_through_a_law(fixed, touched, cap, memory):
    """With a snapshot law, the optimum is the brute-force best of the feasible grid."""
    snapshot = law(
        "snapshot_size",
        "min(fixed + touched * segment_cycles, cap)",
        {
            "fixed": f"{fixed} MB/segment",
            "touched": f"{touched} B/cycle",
            "cap": f"{cap} MiB/segment",
        },
    )
    values = {
        **costmodel.presets.combine("risc0", "aws-g6").with_workload("seed-note"),
        "machines": "256 machine",
    }
    wall = with_laws(costmodel.recursive_stark(metric="wall_time"), [snapshot])
    peak = costmodel.recursive_stark(metric="peak_memory")
    sizes = costmodel.powers_of_two(16, 23)
    feasible = []
    for size in sizes:
        at = {**values, "segment_cycles": size}
        if peak.evaluate(at).total <= costmodel.Q_(memory):
            feasible.append((wall.evaluate(at).total, Fraction(size.split()[0])))
    best = costmodel.optimize(
        wall, values, {"segment_cycles": sizes}, [costmodel.at_most(peak, memory)]
    )
    assert best.value == min(feasible)[0]
    assert peak.evaluate(
        {**values, "segment_cycles": f"{best.point['segment_cycles']} cycle/segment"}
    ).total <= costmodel.Q_(memory)


def test_a_preset_with_circular_laws_is_refused(tmp_path):
    entry = (
        '[parameters.{name}]\nvalue = 1\nunit = "B/proof"\nlaw = "{other}"\n'
        'source = "s"\nquote = "q"\n'
    )
    path = tmp_path / "circle.toml"
    path.write_text(
        '[preset]\nname = "circle"\n'
        + entry.format(name="proof_size", other="receipt_overhead")
        + entry.format(name="receipt_overhead", other="proof_size"),
        encoding="utf-8",
    )
    with pytest.raises(costmodel.PresetError, match="circular laws"):
        costmodel.presets.load(path)
