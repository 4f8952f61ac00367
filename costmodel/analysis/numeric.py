"""Numpy functions of exact expressions, compiled once: the sweeps' arithmetic.

:func:`numeric_function` turns plain expressions into one cached numpy function returning
them all, their common subexpressions (a segment count, a tree's joins) computed once;
ceilings and floors stay exact in floating point.  :func:`numeric_function_into` is the same
arithmetic storing each result into an array it is given, so a blocked sweep writes its
outputs in place instead of copying fresh temporaries.

>>> import numpy as np
>>> from costmodel.symbols import symbol
>>> T = symbol("total_cycles")
>>> segments = sympy.ceiling(T / 1000)
>>> numeric_function([5 * segments, 5 * segments - 2], [T])(np.array([1.0, 2500.0]))
[array([ 5., 15.]), array([ 3., 13.])]
>>> out = np.empty((2, 2))
>>> numeric_function_into([5 * segments, 5 * segments - 2], [T])(np.array([1.0, 2500.0]), out)
>>> out
array([[ 5., 15.],
       [ 3., 13.]])
"""

from __future__ import annotations

import ast
import linecache
import operator
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, cast

import numpy as np
import sympy

from costmodel.functions import Log
from costmodel.sympy_calls import numerator_denominator, subexpressions

__all__ = ["FloatFlags", "flags_reveal_non_finite", "numeric_function", "numeric_function_into"]


class _Quotient(sympy.Function):
    """``numerator / denominator`` printed as one float division.

    lambdify prints ``ceiling(T/C)`` with ``C`` fixed as ``ceil((1/C)*T)``, and multiplying
    by a rounded reciprocal puts about one exact quotient in twenty just above its integer
    (``ceil`` then counts a segment too many).  One division of whole numbers below 2**53
    is correctly rounded, so an integer quotient stays that integer.
    """

    nargs = 2

    def _numpycode(self, printer: Any) -> str:
        numerator, denominator = (printer._print(a) for a in self.args)
        return f"(({numerator})/({denominator}))"


class _RoundedLog(sympy.Function):
    """``⌈log_b x⌉`` or ``⌊log_b x⌋`` printed as the exact vectorized functions."""

    nargs = 3

    def _numpycode(self, printer: Any) -> str:
        x, base, direction = self.args
        function = "numpy_ceil_log" if direction == 1 else "numpy_floor_log"
        name = printer._module_format(f"costmodel.functions.{function}")
        return f"{name}({printer._print(x)}, {printer._print(base)})"


def _exact_steps(expr: sympy.Expr) -> sympy.Expr:
    """Ceilings and floors made exact in floating point.

    A quotient under the step is one division (see :class:`_Quotient`); a logarithm under
    it is rounded in integer arithmetic (``ceil(log(2**29)/log(2))`` is 30 in floats).
    """

    def rewrite(node: sympy.Expr) -> sympy.Expr:
        if isinstance(node.args[0], Log):
            x, base = node.args[0].args
            return cast(
                sympy.Expr, _RoundedLog(x, base, 1 if isinstance(node, sympy.ceiling) else 0)
            )
        numerator, denominator = numerator_denominator(node.args[0])
        if denominator == 1:
            return node
        return type(node)(_Quotient(numerator, denominator))

    return cast(
        sympy.Expr, expr.replace(lambda e: isinstance(e, sympy.ceiling | sympy.floor), rewrite)
    )


@lru_cache(maxsize=256)
def _compiled(exprs: tuple[sympy.Expr, ...], symbols: tuple[sympy.Symbol, ...]) -> Any:
    # one function for all expressions, common subexpressions (the segment count) computed once
    exact = [_exact_steps(e) for e in exprs]
    # dummify: a parameter called ``ceil`` or ``log`` must not shadow numpy's functions
    return sympy.lambdify(symbols, exact, modules="numpy", cse=True, dummify=True)


def numeric_function(exprs: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol]) -> Any:
    """A cached numpy function of ``symbols`` returning the list of plain ``exprs``."""
    return _compiled(tuple(exprs), tuple(symbols))


def numeric_function_into(
    exprs: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol]
) -> Callable[..., None]:
    """A cached numpy function of ``symbols`` and ``out`` storing ``exprs[i]`` into
    ``out[i]``: the arithmetic of :func:`numeric_function`, the same operations in the same
    order (so the same floats), the last operation of each result written into its array."""
    return cast(Callable[..., None], _compiled_into(tuple(exprs), tuple(symbols)))


#: The operators whose last step is done by a numpy ufunc writing into its output array:
#: ``a + b`` on an array is ``numpy.add(a, b)``, so storing it there changes no float.
_UFUNCS = {
    ast.Add: ("add", "operator.add"),
    ast.Sub: ("subtract", "operator.sub"),
    ast.Mult: ("multiply", "operator.mul"),
    ast.Div: ("true_divide", "operator.truediv"),
}


def _store(ufunc: Any, python_operator: Any, left: Any, right: Any, out: np.ndarray) -> None:
    """``out[...] = left <op> right``, the operation writing into ``out`` when an operand is
    an array (numpy does ``left <op> right`` with ``ufunc`` then); with two scalars the
    operator is Python's, as it was in the expression."""
    if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
        ufunc(left, right, out=out)
    else:
        out[...] = python_operator(left, right)


@lru_cache(maxsize=256)
def _compiled_into(exprs: tuple[sympy.Expr, ...], symbols: tuple[sympy.Symbol, ...]) -> Any:
    function = _compiled(exprs, symbols)
    source = "".join(linecache.getlines(function.__code__.co_filename))
    module = ast.parse(source)
    definition = module.body[-1]
    returned = definition.body[-1] if isinstance(definition, ast.FunctionDef) else None
    results = returned.value if isinstance(returned, ast.Return) else None
    if not (
        isinstance(definition, ast.FunctionDef)
        and isinstance(results, ast.List)
        and len(results.elts) == len(exprs)
    ):
        return _copying_into(function)  # not the shape lambdify prints: copy its results
    definition.name = "_stored"
    definition.args.args.append(ast.arg(arg="_costmodel_out"))
    stores = [_store_statement(result, index) for index, result in enumerate(results.elts)]
    definition.body[-1:] = [ast.parse(line).body[0] for line in stores]
    text = ast.unparse(module) + "\n"
    filename = f"{function.__code__.co_filename[:-1]}-into>"
    namespace = {
        **function.__globals__,
        "_costmodel_store": _store,
        "_costmodel_numpy": np,
        "_costmodel_operator": operator,
    }
    exec(compile(text, filename, "exec"), namespace)  # the printed expressions, and nothing else
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    return namespace["_stored"]


def _store_statement(result: ast.expr, index: int) -> str:
    """The statement storing one printed result into ``_costmodel_out[index]``."""
    out = f"_costmodel_out[{index}]"
    if isinstance(result, ast.BinOp) and type(result.op) in _UFUNCS:
        ufunc, python_operator = _UFUNCS[type(result.op)]
        left, right = ast.unparse(result.left), ast.unparse(result.right)
        return (
            f"_costmodel_store(_costmodel_numpy.{ufunc}, _costmodel_{python_operator}, "
            f"({left}), ({right}), {out})"
        )
    return f"{out}[...] = {ast.unparse(result)}"


def _copying_into(function: Any) -> Callable[..., None]:
    def stored(*args: Any) -> None:
        *inputs, out = args
        for row, value in zip(out, function(*inputs), strict=True):
            row[...] = value

    return stored


#: The nodes whose numpy code turns finite floats into an infinity or a NaN only through an
#: operation that raises a floating-point flag (overflow, division by zero, invalid): the
#: arithmetic ufuncs, rounding, and ``amax``/``amin``, which only pick among their arguments.
_FLAGGED_NODES = (
    sympy.Symbol,
    sympy.Rational,
    sympy.Add,
    sympy.Mul,
    sympy.Pow,
    sympy.ceiling,
    sympy.floor,
    sympy.Max,
    sympy.Min,
)


def flags_reveal_non_finite(exprs: Sequence[sympy.Expr]) -> bool:
    """Whether, on finite inputs, the numpy code of ``exprs`` can give an infinity or a NaN
    only through a numpy operation that raises a floating-point flag.

    True for arithmetic, powers, ceilings, floors, maxima and minima of symbols and exact
    rationals.  False as soon as a node could hide one: a float or an infinite constant (a
    literal ``inf``), a ``Piecewise`` (``select`` fills ``nan`` where no branch holds), the
    library's own vectorized functions (they set their own error states).

    >>> from costmodel.symbols import symbol
    >>> T = symbol("total_cycles")
    >>> flags_reveal_non_finite([3 * sympy.ceiling(T / 7) - 1])
    True
    >>> flags_reveal_non_finite([T * sympy.Float(1.5)]), flags_reveal_non_finite([T * sympy.oo])
    (False, False)
    """
    nodes = (node for expr in exprs for node in subexpressions(expr))
    return all(isinstance(node, _FLAGGED_NODES) for node in nodes)


class FloatFlags:
    """A numpy error callback (``numpy.errstate(call=...)``) remembering that an operation
    raised a floating-point flag since it was last cleared."""

    def __init__(self) -> None:
        self.raised = False

    def __call__(self, kind: str, flag: int) -> None:
        self.raised = True
