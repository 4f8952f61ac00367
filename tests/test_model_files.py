"""User-defined models from TOML: a full Model, formulas parsed without running anything."""

from fractions import Fraction

import pytest
import sympy

import costmodel
from costmodel.analysis import breakeven
from costmodel.cli import main
from costmodel.formulas import FormulaError, parse_formula
from costmodel.model_files import ModelFileError, load_model, model_from_toml

NAMES = {p.name: p.symbol for p in costmodel.VOCABULARY.values()}

EGRESS = """
[model]
name = "egress"
unit = "GB"
description = "snapshots plus what each machine sends back"

[parameters.egress_per_machine]
unit = "MB/machine"
latex = "E"
meaning = "bytes each machine sends"

[terms]
snapshots = "ceil(total_cycles / segment_cycles) * snapshot_size"
egress = "machines * egress_per_machine"

[derived]
segments = "ceil(total_cycles / segment_cycles)"
"""


def test_a_model_file_gives_a_full_model(tmp_path, seed):
    path = tmp_path / "egress.toml"
    path.write_text(EGRESS)
    model = load_model(path)
    assert list(model.terms) == ["snapshots", "egress"]
    assert model.parameter_names == (
        "total_cycles",
        "segment_cycles",
        "snapshot_size",
        "machines",
        "egress_per_machine",
    )
    result = model.evaluate({**seed, "egress_per_machine": "300 MB/machine"})
    # 1000 x 50 MB = 50 GB; 1000 machines x 300 MB = 300 GB
    assert result.terms["snapshots"].to("GB").magnitude == 50
    assert result.terms["egress"].to("GB").magnitude == 300
    assert result.derived["segments"].magnitude == 1000
    # break-even against the note's STARK tree: 50 GB + 1000 E = 50.99925 GB -> E = 999.25 kB
    point = breakeven(
        model,
        costmodel.recursive_stark(),
        solve_for="egress_per_machine",
        parameters=model.parameters,
    ).evaluate(seed)
    assert point.value.to("kB/machine").magnitude == Fraction(99925, 100)


def test_model_files_through_the_cli(tmp_path, capsys):
    path = tmp_path / "egress.toml"
    path.write_text(EGRESS)
    status = main(["eval", str(path), "--set", "egress_per_machine=1 GB/machine"])
    out = capsys.readouterr().out
    assert status == 0 and "1.05 TB" in out  # 50 GB + 1000 GB


def test_numbers_in_formulas_are_exact():
    assert parse_formula("0.1 * proof_size", NAMES) == symbol_("proof_size") / 10
    assert parse_formula("1_000 * proof_size", NAMES) == 1000 * symbol_("proof_size")
    assert not parse_formula("2.5e-3 * proof_size", NAMES).has(sympy.Float)


def symbol_(name):
    return costmodel.symbol(name)


@pytest.mark.parametrize(
    ("formula", "token"),
    [
        ("__import__('os').system('echo')", "__import__('os').system"),
        ("proof_size.__class__", "proof_size.__class__"),
        ("snapshot_size[0]", "snapshot_size[0]"),
        ("(lambda: 1)()", "lambda: 1"),
        ("open('x')", "open"),
        ("eval('1')", "eval"),
        ("getattr(proof_size, 'real')", "getattr"),
        ("__builtins__", "__builtins__"),
        ("[proof_size for _ in range(9)]", "[proof_size for _ in range(9)]"),
        ("proof_size if True else 1", "proof_size if True else 1"),
        ("max(proof_size, key=1)", "key=1"),
        ("'text'", "'text'"),
        ("2 ** 1000", "2 ** 1000"),
        ("(((2**256)**256)**256)**200", "(2**256)**256"),
        ("proof_size < 1", "proof_size < 1"),
        ("ceil(*[1])", "*[1]"),
    ],
)
def test_hostile_formulas_are_refused_naming_the_token(formula, token):
    with pytest.raises(FormulaError) as error:
        parse_formula(formula, NAMES)
    assert repr(token) in str(error.value)
    assert isinstance(error.value, costmodel.CostModelError)


def test_a_formula_that_would_create_a_file_does_not(tmp_path):
    target = tmp_path / "created"
    formula = f"__import__('pathlib').Path('{target}').touch()"
    document = EGRESS.replace(
        'egress = "machines * egress_per_machine"', f"egress = '''{formula}'''"
    )
    assert formula in document
    with pytest.raises(FormulaError, match="only the allowed functions"):
        model_from_toml(document)
    assert not target.exists()


@pytest.mark.parametrize(
    ("document", "error", "fragment"),
    [
        ("[model\n", ModelFileError, "TOML"),
        ('[terms]\nx = "proof_size"\n', ModelFileError, "[model]"),
        ('[model]\nname = "m"\n', ModelFileError, "[terms]"),
        (
            '[model]\nname = "m"\n[terms]\nx = "proof_sise"\n',
            FormulaError,
            'did you mean "proof_size"',
        ),
        (
            '[model]\nname = "m"\n[terms]\nx = "total_cycles + snapshot_size"\n',
            costmodel.DimensionError,
            "cannot combine",
        ),
        ('[model]\nname = "m"\n[termz]\nx = "1"\n', ModelFileError, 'did you mean "terms"'),
        (
            '[model]\nname = "m"\n[parameters.p]\nlatex = "p"\n[terms]\nx = "p"\n',
            ModelFileError,
            "needs a unit",
        ),
        (
            '[model]\nname = "m"\n[parameters.p]\nunit = "parsec"\n[terms]\nx = "p"\n',
            ModelFileError,
            "parsec",
        ),
        (
            '[model]\nname = "m"\n[parameters.proof_size]\nunit = "B"\n[terms]\nx = "1"\n',
            ModelFileError,
            "vocabulary already",
        ),
        ('[model]\nname = "m"\n[terms]\nx = 5\n', FormulaError, "must be a string"),
    ],
)
def test_broken_model_files(document, error, fragment):
    with pytest.raises(error, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        model_from_toml(document)


def test_missing_model_file():
    with pytest.raises(ModelFileError, match="cannot read"):
        load_model("/nonexistent/model.toml")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        # [model] itself: the key named with its table, as in the other tables
        (
            'descripton = "x"\n',
            "model: unknown key 'descripton' (did you mean \"description\"?); keys: ",
        ),
        (
            '[parameters.gpus]\nunit = "machine"\nlatx = "G"\n',
            "parameters.gpus: unknown key 'latx' (did you mean \"latex\"?); keys: ",
        ),
        (
            '[laws.proof_size]\nformula = "2 * snapshot_size"\nsorce = "x"\n',
            "laws.proof_size: unknown key 'sorce' (did you mean \"source\"?); keys: ",
        ),
    ],
)
def test_an_unknown_key_reads_alike_in_every_table(extra, message):
    # one wording for every table (errors.unknown_key): where, the key, a guess, the keys
    head, _, rest = extra.partition("[")
    text = '[model]\nname = "m"\n' + head + "[terms]\nt = \"count_as(1, 'proof') * proof_size\"\n"
    text += "[" + rest if rest else ""
    with pytest.raises(ModelFileError) as error:
        model_from_toml(text)
    assert message in str(error.value)
