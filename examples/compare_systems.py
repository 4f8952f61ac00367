"""Today's systems beside the seed note on one workload: communication for 10^9 cycles and
over a range of cycle counts, the verifier size at which folding matches the STARK under each
accounting, and the calibration table against published figures and measurements.

Run: python examples/compare_systems.py [plot directory]
(the plot needs the plot extra: matplotlib)
"""

import sys
from pathlib import Path

from costmodel.studies import format_figures
from costmodel.studies.calibration import validate
from costmodel.studies.systems import communication_table, format_by_cycles, format_comparison
from costmodel.studies.verifiers import format_breakevens, verifier_breakevens

# every system on the note's workload (10^9 cycles, 10^6-cycle segments, 50 MB snapshots) ...
print(format_comparison(communication_table()))
print()
# ... and on RISC Zero's (2^20-cycle segments of 10 MB)
print(format_comparison(communication_table(workload="risc0"), "risc0"))
print()

print("communication by cycle count")
print(format_by_cycles(["1e7 cycle", "1e8 cycle", "1e9 cycle", "1e10 cycle"]))
print()

print("verifier size V* at which the folded state equals the STARK's W*:")
print(format_breakevens(verifier_breakevens()))
print()

print(format_figures(validate()))

if len(sys.argv) > 1:
    from costmodel.studies.systems import plot_communication

    out = Path(sys.argv[1])
    plot_communication([f"1e{e} cycle" for e in range(6, 13)], path=out / "communication")
    print("wrote", out / "communication.png", "and .pdf")
