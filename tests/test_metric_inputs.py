"""The inputs of the time, money and memory models, attacked: through the API, the
simulated cluster and the command line, each bad value is a library error naming the
parameter, never a number and never a traceback."""

from __future__ import annotations

from fractions import Fraction

import pytest

import costmodel
from costmodel.cli import main
from costmodel.errors import CostModelError, DimensionError, ParameterValueError, UnitError

BASE = {
    **costmodel.presets.combine("risc0", "aws-g6").with_workload("seed-note"),
    "machines": "1000 machine",
    "verification_cost": "0 USD",
}
# Small enough to simulate in milliseconds: 4 segments on 4 machines.
SMALL = {**BASE, "total_cycles": "4e6 cycle", "machines": "4 machine"}

# (parameter, bad value, metric using it, error class, what the message must say)
NOT_FINITE = "expected a finite number"
NOT_NEGATIVE = "expected a non-negative value"
NOT_ZERO = "expected a positive value"
CASES = [
    # rates: zero, negative, NaN, infinite, per cluster where per machine is meant
    ("prove_rate", "0 cycle/(s*machine)", "wall_time", ParameterValueError, NOT_ZERO),
    ("prove_rate", "-5 cycle/(s*machine)", "wall_time", ParameterValueError, NOT_NEGATIVE),
    ("prove_rate", "nan cycle/(s*machine)", "wall_time", ParameterValueError, NOT_FINITE),
    ("prove_rate", "inf cycle/(s*machine)", "wall_time", ParameterValueError, NOT_FINITE),
    ("prove_rate", "1e6 cycle/s", "wall_time", DimensionError, "cycle/(s*machine)"),
    ("execution_rate", "0 cycle/s", "wall_time", ParameterValueError, NOT_ZERO),
    ("execution_rate", "-1 Mcycle/s", "machine_time", ParameterValueError, NOT_NEGATIVE),
    ("execution_rate", "inf cycle/s", "wall_time", ParameterValueError, NOT_FINITE),
    ("execution_rate", "16 Mcycle/(s*machine)", "wall_time", DimensionError, "cycle/s"),
    # bandwidths: zero, negative, NaN, infinite, bytes without "per second"
    ("link_bandwidth", "0 Gbit/s", "wall_time", ParameterValueError, NOT_ZERO),
    ("link_bandwidth", "-10 Gbit/s", "wall_time", ParameterValueError, NOT_NEGATIVE),
    ("link_bandwidth", "nan Gbit/s", "machine_time", ParameterValueError, NOT_FINITE),
    ("link_bandwidth", "10 GB", "wall_time", DimensionError, 'did you mean "10 GB/s"?'),
    ("store_bandwidth", "0 B/s", "wall_time", ParameterValueError, NOT_ZERO),
    ("store_bandwidth", "-1 Gbit/s", "wall_time", ParameterValueError, NOT_NEGATIVE),
    ("store_bandwidth", "inf Gbit/s", "wall_time", ParameterValueError, NOT_FINITE),
    ("store_bandwidth", "10 Gbit", "wall_time", DimensionError, 'did you mean "10 Gbit/s"?'),
    ("link_latency", "-1 ms", "wall_time", ParameterValueError, NOT_NEGATIVE),
    ("link_latency", "5 B", "wall_time", DimensionError, "expected a quantity in s"),
    # task times
    ("join_time", "0 s/join", "wall_time", ParameterValueError, NOT_ZERO),
    ("join_time", "-1 s/join", "machine_time", ParameterValueError, NOT_NEGATIVE),
    ("wrap_time", "nan s", "wall_time", ParameterValueError, NOT_FINITE),
    ("lift_time", "-0.5 s/segment", "wall_time", ParameterValueError, NOT_NEGATIVE),
    # money: currencies the registry lacks, a price per hour not per machine-hour, negative
    ("machine_price", "1 EUR/(h*machine)", "dollars", UnitError, "'EUR' is not defined"),
    ("machine_price", "1 USD/h", "dollars", DimensionError, "USD/(machine*h)"),
    ("machine_price", "-1 USD/(h*machine)", "dollars", ParameterValueError, NOT_NEGATIVE),
    ("egress_price", "0.09 GBP/GB", "dollars", UnitError, "'GBP' is not defined"),
    ("egress_price", "-0.09 USD/GB", "dollars", ParameterValueError, NOT_NEGATIVE),
    ("egress_price", "inf USD/GB", "dollars", ParameterValueError, NOT_FINITE),
    ("verification_cost", "1 BTC", "dollars", UnitError, "'BTC' is not defined"),
    # machines: zero, fractional, a bare number
    ("machines", "0 machine", "wall_time", ParameterValueError, NOT_ZERO),
    ("machines", "2.5 machine", "wall_time", ParameterValueError, "expected a whole number"),
    ("machines", "2.5", "dollars", DimensionError, "expected a quantity in machine"),
    # memory
    ("memory_base", "-1 GB/machine", "peak_memory", ParameterValueError, NOT_NEGATIVE),
    ("memory_per_cycle", "7 B", "peak_memory", DimensionError, 'did you mean "7 B/cycle"?'),
    ("memory_per_cycle", "nan B/cycle", "peak_memory", ParameterValueError, NOT_FINITE),
]
IDS = [f"{name}={value}" for name, value, *_ in CASES]


@pytest.mark.parametrize(("name", "value", "metric", "error", "says"), CASES, ids=IDS)
def test_the_api_refuses(name, value, metric, error, says):
    model = costmodel.recursive_stark(metric=metric)
    with pytest.raises(error) as caught:
        model.evaluate({**BASE, name: value})
    message = str(caught.value)
    assert message.startswith(f"{name}:") and says in message


TIME_CASES = [case for case in CASES if case[2] == "wall_time"]


@pytest.mark.parametrize(
    ("name", "value", "metric", "error", "says"),
    TIME_CASES,
    ids=[f"{name}={value}" for name, value, *_ in TIME_CASES],
)
def test_the_simulated_cluster_refuses(name, value, metric, error, says):
    pytest.importorskip("simpy")
    model = costmodel.recursive_stark(metric="wall_time", wrap=True)
    with pytest.raises(error) as caught:
        costmodel.simulate(model, {**SMALL, name: value})
    assert str(caught.value).startswith(f"{name}:") and says in str(caught.value)


@pytest.mark.parametrize(("name", "value", "metric", "error", "says"), CASES, ids=IDS)
def test_the_command_line_refuses(capsys, name, value, metric, error, says):
    argv = ["eval", "recursive-stark", "--metric", metric, "--preset", "risc0"]
    argv += ["--preset", "aws-g6", "--workload", "seed-note"]
    argv += ["--set", "machines=1000 machine", "--set", "verification_cost=0 USD"]
    argv += ["--set", f"{name}={value}"]
    with pytest.raises(SystemExit) as caught:
        main(argv)
    out, err = capsys.readouterr()
    assert caught.value.code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"costmodel: error: {name}:")
    assert says in err and "Traceback" not in err


@pytest.mark.parametrize("memory", ["1 GB/machine", "1.75 GB/machine"])
def test_memory_at_or_below_the_base_fits_no_segment(memory):
    # RISC Zero's base is 1.75 GB: a machine with no more than that holds no trace at all
    with pytest.raises(
        ParameterValueError, match=r"^machine_memory: expected more than memory_base"
    ):
        costmodel.largest_segment({**BASE, "machine_memory": memory})


def test_memory_just_above_the_base_fits_a_small_segment():
    # 10 MB left, at 427734375/57344 B per cycle: 10^7 x 57344 / 427734375 = 1340.6
    # cycles, so the largest power of two is 2^10
    got = costmodel.largest_segment({**BASE, "machine_memory": "1.76 GB/machine"})
    assert got == costmodel.Q_(1024, "cycle/segment")


def test_simulating_ten_million_segments_is_refused_at_once():
    pytest.importorskip("simpy")
    model = costmodel.recursive_stark(metric="wall_time")
    with pytest.raises(ParameterValueError, match=r"10000000 segments.*max_segments"):
        costmodel.simulate(model, {**BASE, "total_cycles": "1e13 cycle"})


def test_an_executor_slower_than_every_prover_paces_the_run():
    # Not a bad input: a valid, extreme one, and the numbers must be right.  Four segments of
    # 10^6 cycles, an executor at 1 Mcycle/s (one segment a second), proving in 0.25 s, joins
    # of 1 s, one machine, no network.  Pipelined, segment i leaves the executor at i + 1 s:
    #   seg 0  1.00-1.25, seg 1  2.00-2.25, join(0,1) 2.25-3.25 (no segment waiting),
    #   seg 2  3.25-3.50 (released at 3), idle until 4, seg 3 4.00-4.25,
    #   join(2,3) 4.25-5.25, root join 5.25-6.25:  6.25 s.
    # Without pipelining: 4 s of execution, 4 x 0.25 s of proving, 3 joins: 8 s.
    pytest.importorskip("simpy")
    values = {
        **SMALL,
        "machines": "1 machine",
        "execution_rate": "1 Mcycle/s",
        "prove_rate": "4 Mcycle/(s*machine)",
        "join_time": "1 s/join",
    }
    pipelined = costmodel.recursive_stark(metric="wall_time", pipeline=True, network=False)
    serial = costmodel.recursive_stark(metric="wall_time", network=False)
    assert costmodel.simulate(pipelined, values).wall_time == costmodel.Q_(Fraction(25, 4), "s")
    assert costmodel.simulate(serial, values).wall_time == costmodel.Q_(8, "s")
    assert serial.evaluate(values).total == costmodel.Q_(8, "s")  # exact: one machine
    # the closed form with M < N and pipelining is an estimate, here above the schedule:
    # min(4 + 4 x 0.25, max(4 + 0.25, 3 x 1 + 2 x 0.25, 1 x 1 + 4 x 0.25)) = 4.25 s, then
    # three waves of joins on the one machine: 7.25 s
    assert pipelined.evaluate(values).total == costmodel.Q_(Fraction(29, 4), "s")


def test_every_case_is_a_library_error():
    # the table only lists the library's own errors, so a user can catch one base class
    assert all(issubclass(error, CostModelError) for *_, error, _says in CASES)
