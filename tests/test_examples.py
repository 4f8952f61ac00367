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
    assert "7 exact, 5 rounded (within 1 %), 3 slips." in out


def test_console_script_is_installed():
    done = subprocess.run([Path(sys.executable).with_name("costmodel"), "reproduce", "seed-note"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "937.5 kB" in done.stdout
