"""Every LaTeX export kind, compiled by a real engine (pdfLaTeX).

Two complete documents are built: one in siunitx mode (with the library's preamble and
``\\DeclareSIUnit`` lines, beside amsthm, whose ``\\proof`` must not clash with the
``\\proof`` unit), one in plain mode without siunitx loaded at all (so plain output
provably needs no siunitx macro).  Each holds the symbolic equations of the seed models and
of variants (symbolic arity, ternary tree, peer patterns, wrap, witnesses shipped, a
logarithm), the three-step and numbered substituted forms, breakdown tables in readable
units and in one unit, parameter tables with sources and quotes, a preset's table, a
break-even closed form, and (plain document) the notebook reprs.

Without an engine the test is skipped with the command that installs one; under CI
(``CI=true``) a missing engine is a failure, since CI installs it (``.ci/run``).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import costmodel
from costmodel import render
from costmodel.render.notebook import repr_latex

INSTALL = (
    "apt-get update && apt-get install -y --no-install-recommends "
    "texlive-latex-base texlive-science latexmk"
)


def _engine() -> str:
    engine = shutil.which("pdflatex")
    if engine is None:
        message = f"no LaTeX engine (pdflatex) found; install one with: {INSTALL}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI must run this test: see .ci/run)")
        pytest.skip(message)
    return engine


def _models() -> list[costmodel.Model]:
    T, C, P = (costmodel.symbol(n) for n in ("total_cycles", "segment_cycles", "proof_size"))
    k = costmodel.symbol("arity")
    depth = costmodel.count_as(costmodel.ceil(costmodel.log(costmodel.ceil(T / C), k)), "proof")
    return [
        costmodel.recursive_stark(),
        costmodel.folding(),
        costmodel.verifier_witness_bound(),
        costmodel.verifier_witness_bound(rounding="rounded"),
        costmodel.recursive_stark(arity=None, transfer="peer-both", wrap=True),
        costmodel.recursive_stark(arity=3, transfer="peer-one-local", ship="witness"),
        costmodel.folding(wrap=True),
        costmodel.Model.build("path & depth", {"proofs on a path_1": depth * P}),
    ]


def _body(mode: str) -> list[str]:
    """Every export kind in ``mode``, a fresh list (built once: the paper's test adds to it)."""
    return list(_parts(mode))


@functools.cache
def _parts(mode: str) -> tuple[str, ...]:
    seed = costmodel.presets.load("seed-note")
    cyclefold = costmodel.presets.load("seed-note", variant="cyclefold")
    parts: list[str] = []
    for model in _models():
        values = {**seed, "arity": model.fixed.get("arity", 2)}  # the ternary tree's own
        parts.append(render.export(model, values, mode=mode, quotes=True))
        parts.append(render.equations(model, values, mode=mode, form="substituted", numbered=True))
    stark = costmodel.recursive_stark()
    evaluation = stark.evaluate({**seed, "snapshot_size": "400 Mbit/segment"})
    parts += [
        costmodel.latex(evaluation, mode=mode, unit="GiB"),
        costmodel.latex(evaluation, mode=mode, form="three-step", numbered=True),
        costmodel.latex(costmodel.verifier_witness_bound().evaluate(cyclefold), mode=mode),
        costmodel.latex(seed, mode=mode, quotes=True),
        render.parameter_table(
            {"folded_witness_size": "2 MiB", "machines": "1000 machine"}, mode=mode
        ),
        "Inline: \\(" + costmodel.latex(stark.total) + "\\).",
    ]
    witness = (
        costmodel.symbol("proof_size")
        + costmodel.symbol("receipt_overhead")
        - costmodel.symbol("folded_instance_size")
    )
    parts.append(render.solution_latex("W^{*}", witness, [witness > 0], mode=mode))
    # break-evens: closed forms with their value, one with tree counts, one without a closed form
    seed = costmodel.presets.load("seed-note")
    parts.append(costmodel.latex(costmodel.folded_witness_breakeven(), values=seed, mode=mode))
    parts.append(
        costmodel.latex(
            costmodel.folded_witness_breakeven(fold=costmodel.folding(arity=4)), mode=mode
        )
    )
    parts.append(costmodel.latex(costmodel.verifier_gates_breakeven(), values=seed, mode=mode))
    no_closed_form = costmodel.breakeven(
        costmodel.folding(arity=None), costmodel.recursive_stark(), solve_for="arity"
    )
    parts.append(
        costmodel.latex(no_closed_form, values={**seed, "folded_witness_size": "300 kB"}, mode=mode)
    )
    if mode == "plain":  # what a notebook shows is LaTeX too
        parts += [
            repr_latex(stark),
            repr_latex(evaluation),
            repr_latex(costmodel.folded_witness_breakeven()),
        ]
    return tuple(parts)


def _compile(engine: str, directory: Path, name: str, text: str) -> str:
    (directory / f"{name}.tex").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [engine, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", f"{name}.tex"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    log = (directory / f"{name}.log").read_text(encoding="latin-1")
    assert done.returncode == 0, f"{name}: {engine} exited {done.returncode}\n{log[-3000:]}"
    assert (directory / f"{name}.pdf").stat().st_size > 1000
    return log


@pytest.mark.parametrize("mode", ["siunitx", "plain"])
def test_every_export_kind_compiles(mode, tmp_path):
    engine = _engine()
    body = _body(mode)
    if mode == "siunitx":
        body.append("\\begin{proof}A proof environment beside \\qty{3}{\\proof}.\\end{proof}")
    document = render.document(body, mode=mode)
    if mode == "siunitx":
        document = document.replace(
            "\\usepackage{amsmath}\n", "\\usepackage{amsmath}\n\\usepackage{amsthm}\n", 1
        )
    else:
        assert "siunitx" not in document
    started = time.perf_counter()
    log = _compile(engine, tmp_path, f"costmodel-{mode}", document)
    elapsed = time.perf_counter() - started
    errors = [line for line in log.splitlines() if line.startswith("! ")]
    assert errors == [], errors
    assert "Undefined control sequence" not in log
    assert "LaTeX Error" not in log
    assert "siunitx Error" not in log and "siunitx Warning" not in log
    assert "Missing character" not in log
    assert "Output written on" in log
    assert elapsed < 60, f"compiling took {elapsed:.1f} s"


def test_hostile_names_compile_to_text_and_run_nothing(tmp_path):
    """A model whose name, term and description carry TeX that writes a file when run.

    ``\\openout`` needs no shell escape: had the name reached the document raw (a newline
    ending the ``%`` comment it sits in), compiling would create ``pwned.txt``.
    """
    engine = _engine()
    payload = "\\immediate\\openout9=pwned.txt\\immediate\\write9{x}\\immediate\\closeout9"
    model = costmodel.Model.build(
        f"name\n{payload}\n",
        {f"term\n\n{payload}": costmodel.symbol("wrap_proof_size")},
        description=f"desc\n{payload}",
    )
    for mode in ("siunitx", "plain"):
        document = render.export(model, {"wrap_proof_size": "1 B"}, mode=mode, standalone=True)
        log = _compile(engine, tmp_path, f"hostile-{mode}", document)
        assert not (tmp_path / "pwned.txt").exists()
        assert [line for line in log.splitlines() if line.startswith("! ")] == []


_OVERFULL = re.compile(r"Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)[^\n]*lines? (\d+)")


def _paper_body() -> list[str]:
    """Every kind of export a paper takes, in siunitx mode, citing the presets' sources."""
    seed = costmodel.presets.load("seed-note")
    openvm = costmodel.presets.load("openvm")
    parts = _body("siunitx")
    fold4 = costmodel.folding(arity=4)
    parts += [
        costmodel.latex(costmodel.folded_witness_breakeven(fold=fold4), values=seed, digits=3),
        costmodel.latex(costmodel.verifier_gates_breakeven(fold=fold4), values=seed, digits=3),
        costmodel.latex(
            costmodel.memory_limit_breakeven(), values=costmodel.presets.load("risc0"), digits=2
        ),
        costmodel.latex(
            costmodel.recursive_stark().evaluate(seed), caption="Seed note", label="tab:seed"
        ),
        render.parameter_table(
            openvm, longtable=True, cite=True, caption="OpenVM", label="tab:openvm", digits=3
        ),
        render.parameter_table(
            costmodel.presets.load("risc0"), float_table=True, digits=3, powers_of_two=True
        ),
        costmodel.latex(
            costmodel.recursive_stark(),
            values={**seed, "segment_cycles": "1048576 cycle/segment"},
            powers_of_two=True,
        ),
        "\\bibliographystyle{plain}\n\\bibliography{refs}",
    ]
    return parts


def test_one_article_with_a_bibtex_run_has_no_overfull_box(tmp_path):
    """The preamble once, every export, a real BibTeX run: nothing wider than the text."""
    engine = _engine()
    bibtex = shutil.which("bibtex")
    if bibtex is None:
        pytest.skip(f"no bibtex found; install one with: {INSTALL}")
    (tmp_path / "refs.bib").write_text(costmodel.bibtex("seed-note", "openvm"), encoding="utf-8")
    document = render.document(_paper_body(), mode="siunitx")
    assert document.count("\\usepackage{siunitx}") == 1
    _compile(engine, tmp_path, "paper", document)
    done = subprocess.run(
        [bibtex, "paper"], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    blg = (tmp_path / "paper.blg").read_text(encoding="latin-1")
    assert "Warning--I didn't find a database entry" not in blg
    _compile(engine, tmp_path, "paper", document)
    log = _compile(engine, tmp_path, "paper", document)
    assert "Citation" not in log or "undefined" not in log
    tex_lines = document.splitlines()
    wide = [
        (float(width), tex_lines[int(line) - 1][:100])
        for width, line in _OVERFULL.findall(log)
        if float(width) > 1.0
    ]
    assert wide == [], wide


def test_a_unit_the_document_declares_first_keeps_its_symbol(tmp_path):
    """``\\DeclareSIUnit\\segment{seg}`` before the preamble: the output shows ``seg``.

    The preamble declares ``\\segment`` as ``segment`` only when the document has not;
    an unguarded ``\\DeclareSIUnit`` would have replaced the document's ``seg``.
    """
    engine = _engine()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("no pdftotext found; install one with: apt-get install -y poppler-utils")
    ours = render.document(["\\qty{50}{\\mega\\byte\\per\\segment} and \\qty{3}{\\gate}"])
    document = ours.replace(
        "\\documentclass{article}\n",
        "\\documentclass{article}\n\\usepackage{siunitx}\n\\DeclareSIUnit\\segment{seg}\n",
        1,
    )
    _compile(engine, tmp_path, "own-unit", document)
    done = subprocess.run(
        [pdftotext, "own-unit.pdf", "-"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    text = " ".join(done.stdout.split())
    # the user's symbol for \segment, the library's for \gate (which the user left alone)
    assert "MB/seg" in text and "segment" not in text, text
    assert "3 gate" in text, text
