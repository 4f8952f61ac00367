"""User-defined architectures from TOML files: parameters, terms as formulas, a full Model.

::

    [model]
    name = "egress"
    unit = "GB"                      # the unit of every term (default: byte)
    description = "what each machine sends"

    [parameters.egress_per_machine]  # parameters outside the vocabulary
    unit = "GB/machine"
    latex = "E"
    meaning = "bytes each machine sends"

    [terms]                          # in order; formulas over vocabulary and declared names
    egress = "machines * egress_per_machine"

    [derived]                        # named values, reported and usable in terms
    segments = "ceil(total_cycles / segment_cycles)"

    [laws.snapshot_size]             # a parameter given as a formula of others
    formula = "fixed + touched * segment_cycles"
    coefficients = { fixed = "2 MB/segment", touched = "8 B/cycle" }
    source = "where the figures come from"

A derived value is written once and used by name in terms and in other derived values
(``snapshots = "segments * snapshot_size"``); derived values that refer to each other in a
circle are refused, naming the circle, and each is unit-checked.  A law replaces its
parameter everywhere (:func:`costmodel.laws.with_laws`).  Formulas go through
:func:`costmodel.formulas.parse_formula`: nothing in the file is run.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from costmodel.errors import (
    CostModelError,
    ExpressionError,
    PresetError,
    UnknownParameterError,
    did_you_mean,
    unknown_key,
)
from costmodel.formulas import parse_formula
from costmodel.laws import Law, law, with_laws
from costmodel.model import Model
from costmodel.symbols import VOCABULARY, Param
from costmodel.sympy_calls import dummy

__all__ = ["MAX_ENTRIES", "MAX_MODEL_FILE_SIZE", "ModelFileError", "load_model", "model_from_toml"]

_PARAMETER_KEYS = {"unit", "latex", "meaning", "allow_zero", "integral", "minimum"}
_TOP_KEYS = {"model", "parameters", "terms", "derived", "laws"}
_LAW_KEYS = {"formula", "coefficients", "source"}
_MODEL_KEYS = {"name", "unit", "description"}

#: The largest model file read, in bytes of text.
MAX_MODEL_FILE_SIZE = 256 * 1024
#: The most entries a table of a model file may hold (parameters, terms, derived values).
MAX_ENTRIES = 200


class ModelFileError(PresetError):
    """A model file that is not valid: bad TOML, a missing table, an unknown key."""


def _flag(entry: dict[str, Any], key: str, where: str) -> bool:
    """A TOML boolean (``true``/``false``); the string ``"false"`` is not one."""
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise ModelFileError(
            f"{where}: {key} must be true or false (a TOML boolean), got {value!r}"
        )
    return value


def _sized(table: dict[str, Any], section: str, where: str) -> None:
    if len(table) > MAX_ENTRIES:
        raise ModelFileError(
            f"{where}: [{section}] has {len(table)} entries; a model file holds at most "
            f"{MAX_ENTRIES} per table"
        )


def _declared(table: Any, where: str) -> list[Param]:
    if not isinstance(table, dict):
        raise ModelFileError(f"{where}: [parameters] must be a table of tables")
    _sized(table, "parameters", where)
    params = []
    for name, entry in table.items():
        if not isinstance(entry, dict):
            raise ModelFileError(f"{where}: parameters.{name} must be a table")
        if name in VOCABULARY:
            raise ModelFileError(
                f"{where}: parameters.{name} is in the vocabulary already; "
                f"use it without declaring it"
            )
        problem = unknown_key(f"parameters.{name}", entry, _PARAMETER_KEYS)
        if problem:
            raise ModelFileError(f"{where}: {problem}")
        if "unit" not in entry or not isinstance(entry["unit"], str):
            raise ModelFileError(f"{where}: parameters.{name} needs a unit string")
        for key in ("latex", "meaning"):
            if key in entry and not isinstance(entry[key], str):
                raise ModelFileError(f"{where}: parameters.{name}: {key} must be a string")
        if not name.isidentifier() or name.startswith("_"):
            raise ModelFileError(f"{where}: parameter name {name!r} must be a plain identifier")
        try:
            params.append(
                Param(
                    name=name,
                    unit=entry["unit"],
                    latex=str(entry.get("latex", name)),
                    meaning=str(entry.get("meaning", name.replace("_", " "))),
                    allow_zero=_flag(entry, "allow_zero", f"{where}: parameters.{name}"),
                    integral=_flag(entry, "integral", f"{where}: parameters.{name}"),
                    minimum=entry.get("minimum"),
                )
            )
        except CostModelError as exc:
            raise ModelFileError(f"{where}: parameters.{name}: {exc}") from None
    return params


def _formulas(table: Any, section: str, names: dict[str, Any], where: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ModelFileError(f"{where}: [{section}] must map names to formula strings")
    _sized(table, section, where)
    return {
        name: parse_formula(text, names, where=f"{where}: {section}.{name}")
        for name, text in table.items()
    }


def _derived(table: Any, names: dict[str, Any], where: str) -> dict[str, Any]:
    """Derived name -> its expression over parameters only, the others substituted in.

    Each derived name stands for a placeholder symbol while the formulas are read; they
    are then resolved in dependency order, a circle among them refused.
    """
    if not isinstance(table, dict):
        raise ModelFileError(f"{where}: [derived] must map names to formula strings")
    for name in table:
        if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
            raise ModelFileError(f"{where}: derived name {name!r} must be a plain identifier")
        if name in names:
            raise ModelFileError(
                f"{where}: derived.{name} is a parameter's name; name derived values apart"
            )
    placeholders = {name: dummy(name) for name in table}
    read = _formulas(table, "derived", names | placeholders, where)
    resolved: dict[str, Any] = {}

    def visit(name: str, path: tuple[str, ...]) -> Any:
        if name in resolved:
            return resolved[name]
        if name in path:
            circle = " -> ".join((*path[path.index(name) :], name))
            raise ModelFileError(f"{where}: derived values in a circle: {circle}")
        expr = read[name]
        subs = {
            placeholders[used]: visit(used, (*path, name))
            for used in placeholders
            if placeholders[used] in expr.free_symbols
        }
        resolved[name] = expr.xreplace(subs) if subs else expr
        return resolved[name]

    for name in read:
        visit(name, ())
    return resolved


def _terms(table: Any, names: dict[str, Any], derived: dict[str, Any], where: str) -> Any:
    """The terms, with derived names usable in them."""
    placeholders = {name: dummy(name) for name in derived}
    terms = _formulas(table, "terms", names | placeholders, where)
    subs = {placeholders[name]: expr for name, expr in derived.items()}
    return {name: expr.xreplace(subs) for name, expr in terms.items()}


def _laws(table: Any, declared: list[Param], where: str) -> list[Law]:
    if not isinstance(table, dict):
        raise ModelFileError(f"{where}: [laws] must map parameter names to laws")
    _sized(table, "laws", where)
    found = []
    for name, entry in table.items():
        if isinstance(entry, str):
            entry = {"formula": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("formula"), str):
            raise ModelFileError(f"{where}: laws.{name} must be a formula or a table with one")
        problem = unknown_key(f"laws.{name}", entry, _LAW_KEYS)
        if problem:
            raise ModelFileError(f"{where}: {problem}")
        coefficients = entry.get("coefficients", {})
        if not isinstance(coefficients, dict) or not all(
            isinstance(v, str) for v in coefficients.values()
        ):
            raise ModelFileError(
                f"{where}: laws.{name}: coefficients map names to quantity strings"
            )
        source = entry.get("source", "")
        if not isinstance(source, str):
            raise ModelFileError(f"{where}: laws.{name}: source must be a string")
        try:
            made = law(name, entry["formula"], coefficients, source=source, parameters=declared)
        except CostModelError as exc:
            raise type(exc)(f"{where}: {exc}") from None
        if made.unknown:
            raise ModelFileError(
                f"{where}: laws.{name}: coefficients {', '.join(made.unknown)} need values"
            )
        found.append(made)
    return found


def model_from_toml(text: str, *, where: str = "model file") -> Model:
    """A :class:`Model` from the text of a model file (see the module docstring)."""
    document = _document(text, where)
    header = _header(document, where)
    declared = _declared(document.get("parameters", {}), where)
    names = {p.name: p.symbol for p in VOCABULARY.values()} | {p.name: p.symbol for p in declared}
    if "terms" not in document or not document["terms"]:
        raise ModelFileError(f"{where}: a [terms] table with at least one formula is required")
    derived = _derived(document.get("derived", {}), names, where)
    terms = _terms(document["terms"], names, derived, where)
    laws = _laws(document.get("laws", {}), declared, where)
    unit = header.get("unit", "byte")
    if not isinstance(unit, str):
        raise ModelFileError(f"{where}: model.unit must be a string")
    try:
        model = Model.build(
            header["name"],
            terms,
            unit=unit,
            derived=derived,
            parameters=declared,
            description=str(header.get("description", "")),
        )
        return with_laws(model, laws) if laws else model
    except (ExpressionError, UnknownParameterError):
        raise
    except CostModelError as exc:
        raise type(exc)(f"{where}: {exc}") from None


def _document(text: str, where: str) -> dict[str, Any]:
    """The TOML document of a model file's text, its size and tables checked."""
    if not isinstance(text, str):
        raise ModelFileError(
            f"{where}: expected the text of a model file, got {type(text).__name__}"
        )
    if len(text) > MAX_MODEL_FILE_SIZE:
        raise ModelFileError(
            f"{where}: {len(text)} characters; a model file holds at most "
            f"{MAX_MODEL_FILE_SIZE} characters"
        )
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelFileError(f"{where}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ModelFileError(f"{where}: not valid TOML: nested too deeply") from None
    unknown = set(document) - _TOP_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ModelFileError(f"{where}: unknown table {key!r}{did_you_mean(key, _TOP_KEYS)}")
    return document


def _header(document: dict[str, Any], where: str) -> dict[str, Any]:
    """The [model] table: a name, known keys, a text description."""
    header = document.get("model", {})
    if not isinstance(header, dict) or not isinstance(header.get("name"), str):
        raise ModelFileError(f"{where}: a [model] table with a name is required")
    problem = unknown_key("model", header, _MODEL_KEYS)
    if problem:
        raise ModelFileError(f"{where}: {problem}")
    if not isinstance(header.get("description", ""), str):
        raise ModelFileError(f"{where}: model.description must be a string")
    return header


def load_model(path: str | Path) -> Model:
    """The model described by the TOML file at ``path``."""
    file = Path(path)
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_MODEL_FILE_SIZE + 1)
    except OSError as exc:
        raise ModelFileError(f"cannot read model file {str(file)!r}: {exc.strerror}") from None
    if len(data) > MAX_MODEL_FILE_SIZE:
        raise ModelFileError(
            f"{file}: larger than {MAX_MODEL_FILE_SIZE} bytes; a model file holds at most that"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelFileError(
            f"{file}: not UTF-8 text (byte {exc.start} cannot be read as UTF-8)"
        ) from None
    return model_from_toml(text, where=str(file))
