"""Every kind of bad input, through the API and through the command line.

Each row: the parameter, the bad value, the library error expected, and a fragment the
message must contain (the parameter's name is always required too). Through the CLI the
same inputs must give one line on stderr and exit status 2, never a traceback.
"""

import pytest

import costmodel
from costmodel.cli import main

BAD_VALUES = [
    # (parameter, value, error, fragment)
    ("snapshot_size", "50 cycle/segment", costmodel.DimensionError, "expected a quantity in"),
    ("snapshot_size", "50 MB", costmodel.DimensionError, 'did you mean "50 MB/segment"'),
    ("snapshot_size", "50 parsecs/segment", costmodel.UnitError, "parsecs"),
    ("snapshot_size", "50 MB/", costmodel.UnitError, "'/' with no unit after it"),
    ("snapshot_size", "fifty MB/segment", costmodel.UnitError, "fifty"),
    ("snapshot_size", "", costmodel.UnitError, "empty"),
    ("snapshot_size", "-50 MB/segment", costmodel.ParameterValueError, "non-negative"),
    ("segment_cycles", "0 cycle/segment", costmodel.ParameterValueError, "positive"),
    ("proof_size", "0 kB/proof", costmodel.ParameterValueError, "positive"),
    ("proof_size", "nan kB/proof", costmodel.ParameterValueError, "finite"),
    ("proof_size", "inf kB/proof", costmodel.ParameterValueError, "finite"),
    ("proof_size", "-inf kB/proof", costmodel.ParameterValueError, "finite"),
    ("arity", "2.5", costmodel.ParameterValueError, "whole number"),
    ("arity", "1", costmodel.ParameterValueError, "at least 2"),
    ("arity", "0", costmodel.ParameterValueError, "positive"),
    ("arity", "2 B", costmodel.DimensionError, "dimensionless"),
    ("total_cycles", "1e9", costmodel.DimensionError, "cycle"),
    ("total_cycles", "1e9 B", costmodel.DimensionError, "[cycle]"),
    ("folded_witness_size", "1 MB/segment", costmodel.DimensionError, "expected a quantity in B"),
]


@pytest.mark.parametrize(("name", "value", "error", "fragment"), BAD_VALUES)
def test_bad_values_through_the_api(seed, name, value, error, fragment):
    model = costmodel.folding(arity=None)
    with pytest.raises(error) as raised:
        model.evaluate({**seed, name: value})
    message = str(raised.value)
    assert name in message and fragment in message
    assert isinstance(raised.value, costmodel.CostModelError)


@pytest.mark.parametrize(("name", "value", "error", "fragment"), BAD_VALUES)
def test_bad_values_through_the_cli(capsys, name, value, error, fragment):
    with pytest.raises(SystemExit) as exit_:
        main(["eval", "folding", "--set", f"{name}={value}"])
    out, err = capsys.readouterr()
    assert exit_.value.code == 2 and out == ""
    assert err.count("\n") == 1 and name in err and fragment in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (None, "expected a number"),
        (True, "bool"),
        ([1, 2], "expected a number"),
        (float("nan"), "finite"),
        (object(), "expected a number"),
    ],
)
def test_values_of_the_wrong_python_type(seed, value, fragment):
    with pytest.raises(costmodel.CostModelError, match=fragment):
        costmodel.recursive_stark().evaluate({**seed, "proof_size": value})


def test_missing_and_unknown_names(seed, capsys):
    values = {k: v for k, v in seed.items() if k not in ("proof_size", "snapshot_size")}
    with pytest.raises(costmodel.MissingParameterError) as missing:
        costmodel.recursive_stark().evaluate(values)
    assert "snapshot_size" in str(missing.value) and "proof_size" in str(missing.value)
    with pytest.raises(costmodel.UnknownParameterError, match='did you mean "row_size"'):
        costmodel.recursive_stark().evaluate({**seed, "rowsize": "1 kB/row"})
    with pytest.raises(SystemExit):
        main(["eval", "folding", "--set", "rowsize=1 kB/row"])
    assert 'did you mean "row_size"' in capsys.readouterr().err


def test_huge_values_stay_exact(seed, capsys):
    # 10^30 cycles at 10^6 per segment: N = 10^24 segments, binary, store-and-forward:
    # N snapshots of 5*10^7 B and (N + (N + N - 1 - 1) + (N - 1)) = 4N - 3 proofs of 250 000 B
    n = 10**24
    expected = n * 50_000_000 + (4 * n - 3) * 250_000
    total = costmodel.recursive_stark().evaluate({**seed, "total_cycles": "1e30 cycle"}).total
    assert total.to("B").magnitude == expected
    assert main(["eval", "recursive-stark", "--json", "--set", "total_cycles=1e30 cycle"]) == 0
    assert f'"total": "{expected}"' in capsys.readouterr().out


def test_arity_below_two_and_fractional_when_building(capsys):
    for arity, fragment in ((1, "at least 2"), (2.5, "whole number")):
        with pytest.raises(costmodel.ParameterValueError, match=fragment):
            costmodel.recursive_stark(arity=arity)
        with pytest.raises(SystemExit):
            main(["eval", f"recursive-stark:arity={arity}"])
        assert fragment in capsys.readouterr().err


def test_unknown_names_everywhere(capsys):
    with pytest.raises(costmodel.UnknownPresetError, match='did you mean "seed-note"'):
        costmodel.presets.load("seednote")
    for argv, fragment in (
        (["eval", "recursive_stark"], 'did you mean "recursive-stark"'),
        (["eval", "folding", "--preset", "seednote"], '"seed-note"'),
        (["eval", "folding", "--variant", "cyclefld"], '"cyclefold"'),
        (["breakeven", "folding", "recursive-stark", "--solve-for", "witness_size"], "solve_for"),
    ):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        err = capsys.readouterr().err
        assert exit_.value.code == 2 and fragment in err and err.count("\n") == 1


def test_preset_files_lacking_unit_or_source(tmp_path, capsys):
    for lacking in ("unit", "source"):
        entry = {"value": "50", "unit": '"MB/segment"', "source": '"s"', "quote": '"q"'}
        del entry[lacking]
        body = "\n".join(f"{k} = {v}" for k, v in entry.items())
        path = tmp_path / f"no_{lacking}.toml"
        path.write_text(f'[preset]\nname = "x"\n[parameters.snapshot_size]\n{body}\n')
        with pytest.raises(costmodel.PresetError, match=f"lacks {lacking}"):
            costmodel.presets.load(path)
        with pytest.raises(SystemExit):
            main(["eval", "recursive-stark", "--preset", str(path)])
        assert f"lacks {lacking}" in capsys.readouterr().err


def test_cycles_are_whole(seed):
    with pytest.raises(costmodel.ParameterValueError, match="whole number of cycle"):
        costmodel.recursive_stark().evaluate({**seed, "total_cycles": "0.5 cycle"})
