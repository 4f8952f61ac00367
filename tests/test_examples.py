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


# -- the design-space examples: each prints what it claims, worked by hand here ------------


def _run_example(name, tmp_path, monkeypatch, capsys):
    import pytest

    pytest.importorskip("matplotlib")
    monkeypatch.setattr(sys, "argv", [name, str(tmp_path)])
    runpy.run_path(str(ROOT / "examples" / name), run_name="__main__")
    return capsys.readouterr().out


def test_segment_size_for_a_24_gb_gpu_example(tmp_path, monkeypatch, capsys):
    out = _run_example("segment_size_24gb.py", tmp_path, monkeypatch, capsys)
    # peak = 1.75 GB + (109.5/14) GB x C / 2^20: 2^21 needs 1.75 + 15.642857 = 17.392857 GB,
    # 2^22 needs 1.75 + 31.285714 = 33.035714 GB; unconstrained the wall time is least at 2^22
    # (the snapshot law makes 2^23 and up slower again), under 24 GB at 2^21
    assert "without a memory limit: 4194304 cycles per segment" in out
    assert "which needs ≈ 33.0357142857 GB/machine" in out
    assert "on a 24 GB GPU: 2097152 cycles per segment" in out
    assert "binding: recursive_stark peak_memory <= 24 GB/machine" in out
    assert "6 of 9 grid points feasible" in out  # 2^16 .. 2^21
    assert {"segment_size_24gb.png", "segment_size_24gb.pdf"} <= {
        p.name for p in tmp_path.iterdir()
    }


def test_machines_for_a_12_second_proof_example(tmp_path, monkeypatch, capsys):
    out = _run_example("machines_for_12_seconds.py", tmp_path, monkeypatch, capsys)
    # 3e7 cycles in 2^20-cycle segments: N = 29 (28 x 2^20 = 29,360,128 < 3e7). With 32
    # machines: execution 3e7 x 0.530216 / 8,650,752 = 1.8387 s, one wave of proving
    # 18.429071 / 6 = 3.0715 s, 5 layers of joins x 1.1716593 s = 5.8583 s, transfers
    # 0.318 s: 11.092 s. With 16, two waves of proving: 3.0715 s more, 14.154 s > 12 s.
    assert "cheapest within 12 s: 32 machines, ≈ 0.1077234328 USD per proof" in out
    assert "its wall time: ≈ 11.0920301997 s" in out
    assert "with half as many: ≈ 14.1542045995 s" in out
    # the cost: 32 x 0.8048 USD/h x 11.092 s / 3600 = 0.079350 USD of machines, and egress
    # (29 x 10 MB + 113 proofs x 223,551 B) x 0.09 USD/GB = 315,261,263 B x 0.09e-9
    # = 0.028374 USD: 0.107723 USD
    assert "binding: recursive_stark wall_time <= 12 s" in out
    assert "Pareto front: 7 of 44 designs" in out  # 11 cluster sizes x 4 segment sizes
    assert "machines_pareto.png" in {p.name for p in tmp_path.iterdir()}


def test_is_the_w_star_conclusion_robust_example(tmp_path, monkeypatch, capsys):
    out = _run_example("robust_w_star.py", tmp_path, monkeypatch, capsys)
    # both sides ship the same snapshots; folding ships W where the STARK ships P on each of
    # N + (N + J - 1) + J = 1000 + 1998 + 999 = 3997 transfers. Nova, W >= 937.5 kB > 311.1 kB:
    # folding ships 3997 x (937.5 - 311.1) kB = 2.5037208 GB more at the least
    assert (
        "Nova: recursive_stark is cheaper over the whole box (2.5037208 GB .. 29.1729039 GB" in out
    )
    # CycleFold: W from 93.75 to 750 kB straddles W* = P, which moves with P over the box
    assert "the break-even moves from 201.3 kB to 311.1 kB" in out
    # swings around W = W*: 3997 x 656.25 kB and 3997 x 109.8 kB
    assert "folded_witness_size: swing 2.62303125 GB" in out
    assert "proof_size: swing 438.8706 MB" in out
    assert "w_star_tornado.png" in {p.name for p in tmp_path.iterdir()}
