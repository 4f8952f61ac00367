"""Today's systems beside the seed note: communication for 10^9 cycles and over a range of
cycle counts, the verifier size at which folding matches the STARK under each accounting,
and the validation table against published figures.

Run: python examples/compare_systems.py [plot directory]
(the plot needs the plot extra: matplotlib)
"""

import sys
from pathlib import Path

from costmodel.compare import (
    communication_table,
    format_breakevens,
    format_by_cycles,
    format_comparison,
    verifier_breakevens,
)
from costmodel.validate import format_validation, validate

print(format_comparison(communication_table("1e9 cycle")))
print()

print("communication by cycle count")
print(format_by_cycles(["1e7 cycle", "1e8 cycle", "1e9 cycle", "1e10 cycle"]))
print()

print("verifier size V* at which the folded state equals the STARK's W*:")
print(format_breakevens(verifier_breakevens()))
print()

print(format_validation(validate()))

if len(sys.argv) > 1:
    from costmodel.compare import plot_communication

    out = Path(sys.argv[1])
    plot_communication([f"1e{e} cycle" for e in range(6, 13)], path=out / "communication")
    print("wrote", out / "communication.png", "and .pdf")
