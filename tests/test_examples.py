"""The examples run, and say what they claim (the README's blocks run in test_docs.py)."""

import re
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_seed_note_example_runs(capsys):
    runpy.run_path(str(ROOT / "examples" / "seed_note.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "7 exact, 0 within a published range, 5 rounded (within 1 %), 3 off" in out


def test_console_script_is_installed():
    done = subprocess.run(
        [Path(sys.executable).with_name("costmodel"), "reproduce", "seed-note"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "937.5 kB" in done.stdout


def test_breakeven_example_runs(capsys):
    runpy.run_path(str(ROOT / "examples" / "breakeven.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "at the seed: 250 kB" in out and "50000 cycle/segment" in out


def test_plots_example_runs(tmp_path, monkeypatch):
    import pytest

    pytest.importorskip("matplotlib")
    monkeypatch.setattr(sys, "argv", ["plots.py", str(tmp_path)])
    runpy.run_path(str(ROOT / "examples" / "plots.py"), run_name="__main__")
    names = {p.name for p in tmp_path.iterdir()}
    for stem in ("breakdown_segment_size", "breakeven_arity", "tradeoff", "folding_by_cycles"):
        assert {f"{stem}.png", f"{stem}.pdf"} <= names


def test_communication_example_runs(capsys, monkeypatch):
    import pytest

    pytest.importorskip("simpy")
    monkeypatch.setattr(sys, "argv", ["communication_matters.py"])
    runpy.run_path(str(ROOT / "examples" / "communication_matters.py"), run_name="__main__")
    out = capsys.readouterr().out
    # the store keeps up with the executor when S / B = C / R_e, B = S R_e / C:
    # 50 MB x (1081344000000/66277 cycle/s) / 10^6 cycle = 54067200/66277 MB/s
    # = 815.776... MB/s = 6.5262... Gbit/s
    assert "keeps up with the executor above ≈ 6.5262096957 Gbit/s" in out
    # distribution through the store as long as proving: 1000 x 50 MB / B + 0.5 ms latency
    # = C / R_p = 10^6 x 18429071 / 6291456000000 s = 2.92922... s, so
    # B = 400 Gbit / (2.92922195 - 0.0005) s = 136.578... Gbit/s
    assert "distribution as long as proving at ≈ 136.578" in out
    # no network, no pipelining, 1000 machines for 1000 segments: execution
    # 10^9 x 66277/1081344000000 s = 61.29 s, proving 2.93 s, ten levels of joins at
    # 1.1717 s = 11.72 s: 75.94 s, and the simulated cluster finishes then too
    assert re.search(
        r"pipeline=False  network=False  closed form  ≈ 75\.9 s   simulated  ≈ 75\.9 s", out
    )
    # a 24 GB L4 holds 1.75 GB + C x 427734375/57344 B; 2^21 cycles need 17.4 GB, 2^22 32.8 GB
    assert "largest segment in a 24 GB L4: 2097152 cycle/segment" in out
