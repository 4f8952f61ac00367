"""The paper commands: threshold, bib, latex --preamble."""

from __future__ import annotations

import re

import pytest

import costmodel
from costmodel.cli import main


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_threshold_w_star_at_arity_four_names_its_auxiliaries(capsys):
    status, out, _ = _run(capsys, "threshold", "W*", "--arity", "4", "--preset", "seed-note")
    assert status == 0
    assert r"\text{where } N &= \left\lceil{\frac{T}{C}}\right\rceil" in out
    # W* = 250 kB * 3997 / 2667 (N = 1000, J_4(1000) = 334, I = o = 0 in the seed note):
    # 374.6719160104... kB, rounded to 10 decimals and marked with one sign
    assert r"W^{*} &\approx \qty{374.6719160105}{\kilo\byte}" in out
    assert r"= \approx" not in out and r"&= \approx" not in out


def test_threshold_v_star_and_memory_limit(capsys):
    _, out, _ = _run(capsys, "threshold", "V*", "--preset", "seed-note", "--digits", "2")
    # V* = 8 * 250000 B / (3 * 255 bit) = 2000000/765 = 2614.379... gates
    assert r"V^{*} &\approx \qty{2614.38}{\gate}" in out
    assert r"\text{if } P + o > I" in out
    _, out, _ = _run(capsys, "threshold", "C*")
    assert r"C^{*} &= \frac{\mu_{\mathrm{max}} - \mu_{0}}{\mu}" in out


def test_threshold_unknown_name_is_one_line_exit_two(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["threshold", "Q*"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "W*" in err


def test_bib_writes_one_entry_per_distinct_source(capsys):
    _, out, _ = _run(capsys, "bib", "seed-note", "risc0")
    keys = re.findall(r"@misc\{([^,]+),", out)
    sources = {
        s.source
        for name in ("seed-note", "risc0")
        for s in costmodel.presets.load(name).sources.values()
    }
    assert len(keys) == len(set(keys)) == len(sources)


def test_latex_preamble_declares_every_unit_the_library_emits(capsys):
    _, out, _ = _run(capsys, "latex", "--preamble")
    for unit in ("chunk", "cycle", "segment", "gate", "proof", "fieldelement", "join"):
        assert f"\\costmodelProvideSIUnit\\{unit}{{" in out
    _, plain, _ = _run(capsys, "latex", "--preamble", "--plain")
    assert "siunitx" not in plain and "\\usepackage{longtable}" in plain
