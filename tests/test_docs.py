"""The code in the docs runs, and the docs site builds with ``mkdocs build --strict``.

Every ```` ```python ```` block of ``docs/*.md`` and ``README.md`` runs, in order, the blocks
of one file sharing a namespace, in a fresh temporary working directory.  A fenced block
preceded by ``<!-- file: NAME -->`` (a TOML model file, say) is written to ``NAME`` there
first, so the page can show a file and then load it.

The site build needs the ``docs`` extra (``pip install ".[docs]"``); without it the test is
skipped with that command, and under CI (``CI=true``), which installs it, it fails.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DOCUMENTS = [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]

_FENCE = re.compile(
    r"^(?:<!-- file: (?P<file>[\w.-]+) -->\n)?```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$",
    re.M | re.S,
)
_NEEDS_MATPLOTLIB = ("costmodel.render.plots", "plots_dir", "matplotlib")

#: What a page's blocks must print, where the page says what they print.
_CLAIMS = {
    # the README's script: the exact total in GB, and the unit error's suggestion
    "README.md": ("50.99925 GB", 'did you mean "50 MB/segment"?'),
}


@dataclass(frozen=True)
class Block:
    """One fenced block: its language, the file it is written to (if any), its text, its line."""

    lang: str
    file: str | None
    body: str
    line: int


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown text, in order."""
    return [
        Block(m["lang"], m["file"], m["body"], text.count("\n", 0, m.start("body")) + 1)
        for m in _FENCE.finditer(text)
    ]


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _with_python(paths: list[Path]) -> list[Path]:
    return [p for p in paths if any(b.lang == "python" for b in blocks(p.read_text("utf-8")))]


def test_block_parser():
    text = (
        "intro\n\n```python\nx = 1\n```\n\n<!-- file: a.toml -->\n```toml\n[model]\n```\n"
        "\n```sh\nls\n```\n"
    )
    assert blocks(text) == [
        Block("python", None, "x = 1\n", 4),
        Block("toml", "a.toml", "[model]\n", 9),
        Block("sh", None, "ls\n", 13),
    ]


def test_the_pages_with_code_are_all_checked():
    checked = {_id(p) for p in _with_python(DOCUMENTS)}
    assert checked >= {
        "README.md",
        "docs/index.md",
        "docs/tutorial.md",
        "docs/units.md",
        "docs/howto-architecture.md",
        "docs/analysis.md",
        "docs/reports.md",
        "docs/latex.md",
    }


#: The text the reports page's first block writes, kept when its blocks run (every block
#: then, matplotlib installed), so the excerpt's test reads it rather than writing it again.
_REPORTS_FIRST_TEXT: list[str] = []


@pytest.mark.parametrize("document", _with_python(DOCUMENTS), ids=_id)
def test_python_blocks_run(
    document: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__main__"}
    ran = 0
    for block in blocks(document.read_text(encoding="utf-8")):
        if block.file is not None:
            (tmp_path / block.file).write_text(block.body, encoding="utf-8")
        if block.lang != "python":
            continue
        if (
            any(word in block.body for word in _NEEDS_MATPLOTLIB)
            and importlib.util.find_spec("matplotlib") is None
        ):
            pytest.skip(
                f"{_id(document)}:{block.line} needs matplotlib: "
                f'pip install ".[plot]" ({ran} blocks before it ran)'
            )
        # padded so that a traceback gives the line in the Markdown file
        code = compile("\n" * (block.line - 1) + block.body, str(document), "exec")
        exec(code, namespace)
        if ran == 0 and _id(document) == "docs/reports.md":
            _REPORTS_FIRST_TEXT.append(str(namespace["text"]))  # for the excerpt's test
        ran += 1
    assert ran > 0
    out = capsys.readouterr().out
    for claim in _CLAIMS.get(_id(document), ()):
        assert claim in out, claim


def test_report_excerpt_is_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Markdown excerpt on the reports page is what its code writes, line for line."""
    monkeypatch.chdir(tmp_path)
    page = blocks((DOCS / "reports.md").read_text(encoding="utf-8"))
    code = next(b for b in page if b.lang == "python")
    excerpt = next(b for b in page if b.lang == "markdown")
    namespace: dict[str, object] = {}
    if importlib.util.find_spec("matplotlib") is None:  # the same text, less the image lines
        code = Block(
            code.lang, None, code.body.replace('plots_dir="plots"', "plots_dir=None"), code.line
        )
    if _REPORTS_FIRST_TEXT:  # the page's blocks ran in this session: the text they wrote
        report = _REPORTS_FIRST_TEXT[-1].splitlines()
    else:
        exec(compile(code.body, "reports.md", "exec"), namespace)
        report = str(namespace["text"]).splitlines()
    for line in excerpt.body.splitlines():
        if line.startswith("![") and importlib.util.find_spec("matplotlib") is None:
            continue
        assert line in report, line


def _docs_tools_missing() -> str | None:
    for module in ("mkdocs", "mkdocstrings", "mkdocstrings_handlers", "griffe"):
        if importlib.util.find_spec(module) is None:
            return f'{module} is not installed: pip install ".[docs]"'
    return None


def _skip_unless_docs_tools() -> None:
    missing = _docs_tools_missing()
    if missing is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(missing + " (CI must build the docs: see .ci/run)")
        pytest.skip(missing)


def test_vocabulary_table_lists_every_parameter():
    """The vocabulary table on the home page: every parameter, in order, with its unit."""
    from costmodel import VOCABULARY

    text = (DOCS / "index.md").read_text(encoding="utf-8")
    table = text[text.index("## Vocabulary") :].split("\n## ")[0]
    rows = [line.split("|")[1:3] for line in table.splitlines() if line.startswith("| ")]
    listed = [(name.strip(), unit.strip()) for name, unit in rows[1:]]
    assert listed == [(p.name, p.unit or "dimensionless") for p in VOCABULARY.values()]


def test_every_page_is_in_the_navigation():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\s*- [^:\n]+: (\S+\.md)\s*$", config, flags=re.M))
    assert listed == {p.name for p in DOCS.glob("*.md")}


def test_docs_build_strict(tmp_path: Path) -> None:
    _skip_unless_docs_tools()
    site = tmp_path / "site"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    # the reference is generated from docstrings: signatures, doctests as code, links
    assert 'id="costmodel.render.report.markdown_report"' in api
    assert 'id="costmodel.model.Model.evaluate"' in api
    assert 'class="language-pycon"' in api
    assert 'href="#costmodel.model.Model"' in api
    assert "&gt;&gt;&gt; " in api and "<blockquote>" not in api
    for page in ("tutorial", "units", "howto-architecture", "analysis", "reports"):
        assert (site / page / "index.html").is_file()
    # the math is left for MathJax: arithmatex marks it, the page loads the configuration
    # and MathJax itself; the public constants are documented (from their ``#:`` comments)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="arithmatex"') >= 2 and r"\lceil" in home
    assert "javascripts/mathjax.js" in home and "mathjax@3" in home
    for name in (
        "costmodel.units.ureg",
        "costmodel.units.Q_",
        "costmodel.symbols.VOCABULARY",
        "costmodel.architectures.transfers.TRANSFER_PATTERNS",
        "costmodel.render.config.MODES",
        "costmodel.render.table.FORMATS",
    ):
        assert f'id="{name}"' in api, name
    # every public name of the package has an entry, under the module that defines it
    import costmodel

    documented = set(re.findall(r'id="costmodel[\w.]*\.(\w+)"', api))
    undocumented = [n for n in costmodel.__all__ if n not in documented and n != "__version__"]
    assert undocumented == [], undocumented
    assert "costmodel.__version__" in api
    assert elapsed < 120


def _extension():
    path = DOCS / "_ext" / "griffe_docstrings.py"
    spec = importlib.util.spec_from_file_location("griffe_docstrings", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docstring_rewriting() -> None:
    if importlib.util.find_spec("griffe") is None:
        _skip_unless_docs_tools()
    ext = _extension()
    text = (
        "See :func:`~costmodel.units.parse_unit` and :class:`costmodel.model.Model`::\n\n"
        "    literal\n\n>>> 1 + 1\n2\n\nAfter."
    )
    assert ext.markdown_docstring(text, [], {}) == (
        'See <autoref identifier="costmodel.units.parse_unit" optional><code>parse_unit</code>'
        '</autoref> and <autoref identifier="costmodel.model.Model" optional>'
        "<code>costmodel.model.Model</code></autoref>:\n\n    literal\n\n"
        "```pycon\n>>> 1 + 1\n2\n```\n\nAfter."
    )


def test_simple_tables_become_markdown_tables() -> None:
    if importlib.util.find_spec("griffe") is None:
        _skip_unless_docs_tools()
    ext = _extension()
    with_header = (
        "x:\n\n=====  ===\nname   B\n=====  ===\n``a``  one\n       two\nb      3\n=====  ===\n\ny"
    )
    assert ext.markdown_docstring(with_header, [], {}) == (
        "x:\n\n| name | B |\n| --- | --- |\n| ``a`` | one two |\n| b | 3 |\n\ny"
    )
    without = "=====  ===\na      1\n=====  ===\n"
    assert ext.markdown_docstring(without, [], {}) == "|  |  |\n| --- | --- |\n| a | 1 |"


def test_docstring_names_resolve_through_imports() -> None:
    if importlib.util.find_spec("griffe") is None:
        _skip_unless_docs_tools()
    import griffe

    ext = _extension()
    package = griffe.load(
        "costmodel",
        search_paths=[str(ROOT)],
        extensions=griffe.load_extensions(ext.MarkdownDocstrings),
    )
    docstring = package["render.report.markdown_report"].docstring.value
    # ":meth:`Model.evaluate`" in costmodel.render.report, where Model is imported
    assert '<autoref identifier="costmodel.model.Model.evaluate" optional>' in docstring
    module_doc = package["render.report"].docstring.value
    assert "```pycon\n>>> import costmodel" in module_doc
