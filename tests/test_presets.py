"""Presets: every value with a unit and a source; malformed files refused."""

from fractions import Fraction

import pytest

import costmodel
from costmodel import presets


def test_seed_preset_values_and_sources():
    seed = presets.load("seed-note")
    assert seed["total_cycles"].to("cycle").magnitude == 10**9
    assert seed["snapshot_size"].to("B/segment").magnitude == 50 * 10**6
    assert seed["proof_size"].to("B/proof").magnitude == 250_000
    assert seed["verifier_gates"].to("gate").magnitude == 10_000
    assert seed["bits_per_gate"].to("bit/gate").magnitude == 750
    assert set(seed) == set(seed.sources)
    for name, quantity in seed.items():
        assert isinstance(quantity.magnitude, Fraction), name
        source = seed.sources[name]
        assert source.source.startswith("seed note"), name
        assert source.quote, name
    assert "50MB" in seed.sources["snapshot_size"].quote


def test_every_shipped_preset_loads_with_units_and_sources():
    for name in presets.names():
        preset = presets.load(name)
        for variant in (None, *preset.variants):
            loaded = presets.load(name, variant=variant)
            for parameter, quantity in loaded.items():
                expected = costmodel.VOCABULARY[parameter].pint_unit
                assert quantity.dimensionality == expected.dimensionality, parameter
                assert loaded.sources[parameter].quote


def test_a_shipped_preset_is_read_once_and_each_load_is_its_own_copy():
    # the file is read once per process; each load hands out new quantity objects, so
    # a value changed in place (pint's ito) in one loaded preset is not in the next
    from costmodel.presets import _read_text, _shipped

    for name in presets.names():
        for variant in (None, *presets.load(name).variants):
            first, second = presets.load(name, variant=variant), presets.load(name, variant=variant)
            where = f"{name}.toml"
            text = (presets._directory() / where).read_text(encoding="utf-8")
            afresh = _read_text(text, where, variant)  # the file read again, the old way
            for loaded in (first, second):
                assert dict(loaded) == dict(afresh) and dict(loaded.sources) == dict(afresh.sources)
                assert (loaded.name, loaded.title, loaded.citation) == (
                    afresh.name,
                    afresh.title,
                    afresh.citation,
                )
                assert (loaded.variant, loaded.variants, loaded.workload) == (
                    afresh.variant,
                    afresh.variants,
                    afresh.workload,
                )
            for parameter in first:
                assert first[parameter] is not second[parameter], (name, parameter)
    assert _shipped.cache_info().currsize >= len(presets.names())
    risc0 = presets.load("risc0")
    risc0["snapshot_size"].ito("B/segment")
    low, _ = risc0.ranges["snapshot_size"]
    low.ito("B/segment")
    again = presets.load("risc0")
    assert str(again["snapshot_size"]) == "10 MB/segment"  # its own unit, untouched
    assert str(again.ranges["snapshot_size"][0]) == "5 MB/segment"
    # a fitted law's coefficients are quantities too: the datasheet variant's proof size
    fitted = presets.load("risc0", variant="datasheet-2023")
    name, coefficient = fitted.laws["proof_size"].coefficients[0]
    before = str(coefficient)
    coefficient.ito("B/proof")
    refitted = presets.load("risc0", variant="datasheet-2023")
    assert refitted.laws["proof_size"] is not fitted.laws["proof_size"]
    assert str(dict(refitted.laws["proof_size"].coefficients)[name]) == before


def test_variant_overrides_one_value():
    nova, cyclefold = presets.load("seed-note"), presets.load("seed-note", variant="cyclefold")
    assert cyclefold["verifier_gates"].magnitude == 1000
    assert "CycleFold" in cyclefold.sources["verifier_gates"].quote
    assert {k for k in nova if nova[k] != cyclefold[k]} == {"verifier_gates"}


def test_unknown_names_get_suggestions():
    with pytest.raises(costmodel.UnknownPresetError, match='did you mean "seed-note"'):
        presets.load("seed_note")
    with pytest.raises(costmodel.UnknownPresetError, match='did you mean "cyclefold"'):
        presets.load("seed-note", variant="cycle-fold")


GOOD_ENTRY = 'value = 50\nunit = "MB/segment"\nsource = "a paper"\nquote = "50 MB"\n'


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ('value = 50\nsource = "a paper"\nquote = "50 MB"\n', "lacks unit"),
        ('value = 50\nunit = "MB/segment"\nquote = "50 MB"\n', "lacks source"),
        ('value = 50\nunit = "MB/segment"\nsource = ""\nquote = "x"\n', "source must be"),
        ('value = 50\nunit = "MB"\nsource = "a"\nquote = "x"\n', "did you mean"),
        ('value = 50\nunit = "parsecs"\nsource = "a"\nquote = "x"\n', "parsecs"),
        (
            'value = "fifty"\nunit = "MB/segment"\nsource = "a"\nquote = "x"\n',
            "expected a number such as",
        ),
        ('value = -5\nunit = "MB/segment"\nsource = "a"\nquote = "x"\n', "non-negative"),
        ('value = nan\nunit = "MB/segment"\nsource = "a"\nquote = "x"\n', "finite"),
    ],
)
def test_malformed_preset_files_are_refused(tmp_path, entry, fragment):
    path = tmp_path / "bad.toml"
    path.write_text(f'[preset]\nname = "bad"\n\n[parameters.snapshot_size]\n{entry}')
    with pytest.raises(costmodel.PresetError, match=fragment):
        presets.load(path)


def test_preset_from_a_path_and_unknown_parameters(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(f'[preset]\nname = "mine"\n\n[parameters.snapshot_size]\n{GOOD_ENTRY}')
    assert presets.load(path)["snapshot_size"].magnitude == 50
    path.write_text(f'[preset]\nname = "mine"\n\n[parameters.snapshot_sise]\n{GOOD_ENTRY}')
    with pytest.raises(costmodel.PresetError, match='did you mean "snapshot_size"'):
        presets.load(path)
    path.write_text("[preset\nname=")
    with pytest.raises(costmodel.PresetError, match="TOML"):
        presets.load(path)


def test_toml_floats_are_read_as_the_decimal_written(tmp_path):
    path = tmp_path / "f.toml"
    path.write_text(
        '[preset]\nname = "f"\n\n[parameters.snapshot_size]\n'
        'value = 0.1\nunit = "GB/segment"\nsource = "s"\nquote = "q"\n'
    )
    assert presets.load(path)["snapshot_size"].magnitude == Fraction(1, 10)


def test_entries_marked_integral_must_be_whole(tmp_path):
    path = tmp_path / "whole.toml"
    head = '[preset]\nname = "w"\n[parameters.segment_cycles]\n'
    entry = 'unit = "cycle/segment"\nsource = "s"\nquote = "q"\nintegral = true\n'
    path.write_text(f'{head}value = "1048576"\n{entry}')
    assert presets.load(path)["segment_cycles"].magnitude == 2**20
    path.write_text(f'{head}value = "1048576.5"\n{entry}')
    with pytest.raises(costmodel.PresetError, match="whole number"):
        presets.load(path)


def test_unknown_keys_and_wrong_kinds(tmp_path):
    path = tmp_path / "keys.toml"
    path.write_text(
        '[preset]\nname = "k"\n[parameters.segment_cycles]\nvalue = 1\n'
        'unit = "cycle/segment"\nsource = "s"\nquote = "q"\nsorce = "typo"\n'
    )
    with pytest.raises(costmodel.PresetError, match=r"unknown key 'sorce'"):
        presets.load(path)
    with pytest.raises(costmodel.InputError):
        presets.load(None)
    with pytest.raises(costmodel.InputError):
        presets.load("seed-note", variant=5)
    with pytest.raises(costmodel.UnknownPresetError, match="cannot read preset file"):
        presets.load(tmp_path / "missing.toml")
    path.write_text(
        '[preset]\nname = "k"\n[parameters.segment_cycles]\nvalue = 1\n'
        'unit = "cycle/segment"\nsource = "s"\nquote = "q"\n[variants]\nx = 5\n'
    )
    with pytest.raises(costmodel.PresetError, match="must be a table"):
        presets.load(path, variant="x")
