"""The README's script and the examples run, and say what they claim."""

import re
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_script_runs(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "50.99925" in out and 'did you mean "50 MB/segment"?' in out


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
