"""The same bytes whatever the hash seed: LaTeX, the report, and the command line's outputs.

Python salts string hashes per process (``PYTHONHASHSEED``), so iterating a set of names or
symbols can change order from one run to the next; sympy's printing order must not follow it.
One script makes every output the library writes for users, in one fresh process per hash
seed, and the outputs must be byte for byte the same.
"""

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    import costmodel
    from costmodel.cli import main
    from costmodel.render.report import markdown_report

    seed = costmodel.presets.load("seed-note")
    for model in (costmodel.recursive_stark(), costmodel.folding(arity=None),
                  costmodel.verifier_witness_bound()):
        print(costmodel.render.export(model, seed, standalone=True))
    print(markdown_report([costmodel.recursive_stark(), costmodel.folding()], seed,
                          breakevens=[costmodel.folded_witness_breakeven(),
                                      costmodel.verifier_gates_breakeven()]))
    for command in (
        ["latex", "folding:arity=4", "--preset", "seed-note", "--standalone"],
        ["eval", "recursive-stark", "--json"],
        ["breakeven", "folding", "recursive-stark", "--solve-for", "folded_witness_size",
         "--json"],
        ["reproduce", "seed-note"],
    ):
        assert main(command) == 0, command
""")


def test_outputs_are_the_same_bytes_across_hash_seeds(tmp_path):
    # the three processes run side by side (each is independent of the others)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            cwd=tmp_path,
        )
        for hash_seed in ("0", "1", "12345")
    ]
    outputs = set()
    for process in processes:
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr.decode("utf-8", "replace")
        outputs.add(stdout)
    assert len(outputs) == 1
    text = outputs.pop().decode("utf-8")
    # each part is there: three standalone documents, the report's total, the CLI's JSON and
    # the reproduction table (the seed total 50.99925 GB, the Nova bound 937.5 kB)
    assert text.count("\\end{document}") == 4  # three exports and the CLI's --standalone
    assert "50.99925 GB" in text and "937.5 kB" in text
    assert '"total"' in text
