"""A restricted formula parser: arithmetic over known names and allowed functions, nothing else.

Formulas in model files are read with :func:`ast.parse` (which only parses) and then
rebuilt node by node into sympy.  Only numbers, the names given, ``+ - * / **``,
parentheses and the functions in :data:`FUNCTIONS` are accepted; attribute access,
subscripts, calls of anything else, keywords, comprehensions, lambdas, strings outside
``count_as`` and dunder names are refused with an error naming the offending token.
Nothing is ever evaluated: no ``eval``, no ``sympify`` of the text.

>>> from costmodel.symbols import VOCABULARY
>>> names = {p.name: p.symbol for p in VOCABULARY.values()}
>>> parse_formula("ceil(total_cycles / segment_cycles) * snapshot_size", names)
snapshot_size*ceiling(total_cycles/segment_cycles)
>>> parse_formula("0.5 * proof_size", names)
proof_size/2
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from typing import Any

import sympy

from costmodel.dimensions import check_bounded
from costmodel.errors import CostModelError, ExpressionError, ParameterValueError, did_you_mean
from costmodel.functions import CountAs, Log, count_target
from costmodel.numbers import exact_number
from costmodel.sympy_calls import rational, text_atom
from costmodel.trees import GroupJoins, TreeDepth, TreeJoins

__all__ = ["FUNCTIONS", "MAX_FORMULA_LENGTH", "FormulaError", "parse_formula"]

MAX_FORMULA_LENGTH = 4000
_MAX_DEPTH = 60
_MAX_EXPONENT = 256
_MAX_NUMBER_BITS = 4096


class FormulaError(ExpressionError):
    """A formula with a token outside the allowed arithmetic."""


#: name in a formula -> (builder, number of arguments)
FUNCTIONS: Mapping[str, tuple[Callable[..., sympy.Expr], tuple[int, ...]]] = {
    "ceil": (sympy.ceiling, (1,)),
    "floor": (sympy.floor, (1,)),
    "log": (lambda x, base=None: sympy.log(x) if base is None else Log(x, base), (1, 2)),
    "sqrt": (sympy.sqrt, (1,)),
    "max": (sympy.Max, (2, 3, 4, 5, 6, 7, 8)),
    "min": (sympy.Min, (2, 3, 4, 5, 6, 7, 8)),
    "joins": (TreeJoins, (2,)),
    "group_joins": (GroupJoins, (2,)),
    "depth": (TreeDepth, (2,)),
    "count_as": (lambda count, unit: CountAs(count, unit), (2,)),
}

_OPERATORS: Mapping[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}
#: Operators read as one level when chained (``a + b - c``): their family.
_CHAINED: Mapping[type, str] = {ast.Add: "+", ast.Sub: "+", ast.Mult: "*", ast.Div: "*"}


def _token(node: ast.AST, text: str) -> str:
    segment = ast.get_source_segment(text, node)
    return segment if segment else type(node).__name__


#: What no formula may hold: complex or signed infinity, an undefined value.
_NOT_FINITE = (sympy.zoo, sympy.oo, -sympy.oo, sympy.nan)


class _Builder:
    def __init__(self, text: str, names: Mapping[str, sympy.Symbol], where: str) -> None:
        self.text, self.names, self.where = text, names, where

    def refuse(self, node: ast.AST, why: str) -> FormulaError:
        return FormulaError(
            f"{self.where}: {why}: {_token(node, self.text)!r} "
            f"(formulas allow numbers, parameter names, + - * / ** and "
            f"{', '.join(FUNCTIONS)})"
        )

    def build(self, node: ast.AST, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH:
            raise self.refuse(node, "formula nested too deeply")
        if isinstance(node, ast.Expression):
            return self.build(node.body, depth + 1)
        if isinstance(node, ast.Constant):
            return self.number(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BinOp) and type(node.op) in _CHAINED:
            return self.chain(node, depth)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return self.binary(node, self.build(node.left, depth + 1), depth)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            operand = self.build(node.operand, depth + 1)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        kind = {
            ast.Attribute: "attribute access",
            ast.Subscript: "subscript",
            ast.Lambda: "lambda",
            ast.Compare: "comparison",
            ast.BoolOp: "boolean operator",
        }.get(type(node), "not allowed")
        raise self.refuse(node, kind)

    def chain(self, node: ast.BinOp, depth: int) -> Any:
        """``a + b - c + ...`` (or ``a * b / c ...``): Python nests it to the left, one
        level per operand; it is read as one level, so a long sum is not "nested deep"."""
        family = _CHAINED[type(node.op)]
        rights: list[ast.BinOp] = []
        while isinstance(node, ast.BinOp) and _CHAINED.get(type(node.op)) == family:
            rights.append(node)
            node = node.left  # type: ignore[assignment]
        value = self.build(node, depth + 1)
        for step in reversed(rights):
            value = self.binary(step, value, depth)
        return value

    def binary(self, node: ast.BinOp, left: Any, depth: int) -> Any:
        """``left <op> node.right``, with the checks on division and powers."""
        right = self.build(node.right, depth + 1)
        if isinstance(node.op, ast.Div) and right == 0:
            raise self.refuse(node, "division by zero")
        if isinstance(node.op, ast.Pow) and right.is_number and abs(right) > _MAX_EXPONENT:
            raise self.refuse(node, f"exponent above {_MAX_EXPONENT}")
        if isinstance(node.op, ast.Pow) and left.is_Rational and right.is_Rational:
            bits = max(int(left.p).bit_length(), int(left.q).bit_length())
            if bits * abs(right) > _MAX_NUMBER_BITS:
                raise self.refuse(node, f"a number of more than {_MAX_NUMBER_BITS} bits")
        value = _OPERATORS[type(node.op)](left, right)
        # sums and products of finite values are finite; a power may not be (0 ** -1)
        return self.finite(node, value) if isinstance(node.op, ast.Pow) else value

    def finite(self, node: ast.AST, value: sympy.Expr) -> sympy.Expr:
        """``value``, refused where it is infinite or undefined (``log(0)``, ``0 ** -1``):
        sympy would carry ``zoo`` on into every formula that uses it."""
        if value.has(*_NOT_FINITE):
            raise self.refuse(node, "not a finite value")
        return value

    def number(self, node: ast.Constant) -> sympy.Rational:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.refuse(node, "only numbers may appear as constants")
        try:  # the one number reader: integers and decimals alike are bounded
            exact = exact_number(value if isinstance(value, int) else _token(node, self.text))
        except ParameterValueError as exc:
            raise self.refuse(node, str(exc).removeprefix("value: ")) from None
        return rational(exact)

    def name(self, node: ast.Name) -> sympy.Symbol:
        if node.id.startswith("__") or node.id.endswith("__"):
            raise self.refuse(node, "dunder names are not allowed")
        try:
            return self.names[node.id]
        except KeyError:
            raise FormulaError(
                f"{self.where}: unknown name {node.id!r}{did_you_mean(node.id, self.names)}"
            ) from None

    def call(self, node: ast.Call, depth: int) -> sympy.Expr:
        if not isinstance(node.func, ast.Name):
            raise self.refuse(node.func, "only the allowed functions may be called")
        name = node.func.id
        if name not in FUNCTIONS:
            raise self.refuse(
                node.func, f"function {name!r} is not allowed{did_you_mean(name, FUNCTIONS)}"
            )
        if node.keywords:
            raise self.refuse(node.keywords[0], "keyword arguments are not allowed")
        builder, counts = FUNCTIONS[name]
        if len(node.args) not in counts:
            raise self.refuse(node, f"{name} takes {' or '.join(map(str, counts))} arguments")
        if name == "count_as":
            count, unit = node.args
            if not (isinstance(unit, ast.Constant) and isinstance(unit.value, str)):
                raise self.refuse(unit, "count_as takes a unit string as its second argument")
            try:
                count_target(unit.value)  # the API's checks: a counting unit, no prefix
            except CostModelError as exc:
                raise self.refuse(unit, str(exc)) from None
            return builder(self.build(count, depth + 1), text_atom(unit.value))
        for argument in node.args:
            if isinstance(argument, ast.Starred):
                raise self.refuse(argument, "starred arguments are not allowed")
        arguments = [self.build(a, depth + 1) for a in node.args]
        try:
            value: sympy.Expr = builder(*arguments)
        except (ValueError, TypeError) as exc:  # e.g. Max of a complex number
            raise self.refuse(node, f"cannot build {name}: {exc}") from None
        return self.finite(node, value)


def parse_formula(
    text: str, names: Mapping[str, sympy.Symbol], *, where: str = "formula"
) -> sympy.Expr:
    """The sympy expression of ``text``, using only ``names`` and :data:`FUNCTIONS`."""
    if not isinstance(text, str):
        raise FormulaError(f"{where}: a formula must be a string, got {type(text).__name__}")
    if not text.strip():
        raise FormulaError(f"{where}: empty formula")
    if len(text) > MAX_FORMULA_LENGTH:
        raise FormulaError(f"{where}: formula longer than {MAX_FORMULA_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"{where}: not a formula ({exc.msg}) in {text!r}") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise FormulaError(f"{where}: cannot read {text!r}: {exc}") from None
    try:
        expr: sympy.Expr = _Builder(text.strip(), names, where).build(tree)
    except (RecursionError, OverflowError) as exc:
        raise FormulaError(f"{where}: too large to build: {type(exc).__name__}") from None
    try:  # after it is built: sympy merges (x**200)**200 into x**40000
        return check_bounded(expr)
    except ExpressionError as exc:
        raise FormulaError(f"{where}: {exc}") from None
