"""Presets: parameter values read from TOML files, each value with its unit and source.

>>> from costmodel import presets
>>> seed = presets.load("seed-note")
>>> seed["snapshot_size"]
<Quantity(50, 'MB/segment')>
>>> seed.sources["snapshot_size"].quote[-41:]
'We use 50MB for the analysis that follows'
>>> presets.load("seed-note", variant="cyclefold")["verifier_gates"]
<Quantity(1000, 'gate')>

A preset file has a ``[preset]`` table (name, title, source) and one
``[parameters.NAME]`` table per value with ``value`` (an integer or an exact decimal
string such as ``"1e9"``), ``unit``, ``source`` and ``quote``; ``[variants.V.NAME]``
tables override values for ``load(name, variant="V")``.  Loading never runs code.

A value that is not read in a source but worked out from one is marked
``estimate = true`` with its ``reasoning``; a value published as a range may carry
``low`` and/or ``high`` (exact numbers in the same unit, around ``value``):

>>> risc0 = presets.load("risc0")
>>> risc0.estimates["snapshot_size"][:38]
'The page gives a range; its upper end '
>>> [str(q) for q in risc0.ranges["snapshot_size"]]
['5 MB/segment', '10 MB/segment']
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from costmodel.errors import (
    CostModelError,
    InputError,
    PresetError,
    UnknownPresetError,
    did_you_mean,
)
from costmodel.laws import resolve_laws
from costmodel.model import RichDisplay
from costmodel.presets.entries import Source, read_entry

__all__ = ["Preset", "Source", "combine", "load", "names"]

#: The largest preset file read, in bytes.
MAX_PRESET_FILE_SIZE = 1024 * 1024


class Preset(Mapping[str, Any], RichDisplay):
    """An immutable mapping of parameter name to exact pint quantity, with sources.

    ``workload`` names the values that belong to the program and its VM (the cycles, the
    segment size, the snapshot per segment), not to the proof system: comparisons hold
    them fixed (:meth:`with_workload`).  ``borrowed`` maps the names a combined preset
    took from another preset to that preset's name.
    """

    def __init__(
        self,
        name: str,
        title: str,
        citation: str,
        values: Mapping[str, Any],
        sources: Mapping[str, Source],
        variant: str | None = None,
        variants: tuple[str, ...] = (),
        workload: tuple[str, ...] = (),
        borrowed: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self.title = title
        self.citation = citation
        self.variant = variant
        self.variants = variants
        self._values = MappingProxyType(dict(values))
        self.sources: Mapping[str, Source] = MappingProxyType(dict(sources))
        self.workload = workload
        self.borrowed: Mapping[str, str] = MappingProxyType(dict(borrowed or {}))

    @property
    def system(self) -> tuple[str, ...]:
        """The names of the values that belong to the proof system (not the workload)."""
        return tuple(name for name in self._values if name not in self.workload)

    def with_workload(self, workload: Preset | str) -> Preset:
        """This preset's system values with another preset's workload.

        Every workload value of ``workload`` replaces this preset's own (or is added);
        the result says what it borrowed (:attr:`borrowed`).

        >>> risc0 = load("risc0").with_workload("seed-note")
        >>> risc0["segment_cycles"], risc0.borrowed["snapshot_size"]
        (<Quantity(1000000, 'cycle/segment')>, 'seed-note')
        """
        other = load(workload) if isinstance(workload, str) else workload
        if not isinstance(other, Preset):
            raise InputError(f"a workload is a preset or a preset's name, got {workload!r}")
        if not other.workload:
            raise PresetError(f"preset {other.name!r} has no [workload] values to lend")
        if other.name == self.name and other.variant == self.variant:
            return self
        values = {name: q for name, q in self.items() if name not in self.workload}
        sources = {name: s for name, s in self.sources.items() if name in values}
        borrowed = {name: b for name, b in self.borrowed.items() if name in values}
        for name in other.workload:
            values[name], sources[name] = other[name], other.sources[name]
            borrowed[name] = other.borrowed.get(name, other.name)
        return Preset(
            name=f"{self.name} (workload of {other.name})",
            title=self.title,
            citation=self.citation,
            values=values,
            sources=sources,
            variant=self.variant,
            variants=self.variants,
            workload=other.workload,
            borrowed=borrowed,
        )

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    @property
    def estimates(self) -> Mapping[str, str]:
        """Name -> reasoning, for the values marked ``estimate = true``."""
        return MappingProxyType(
            {name: s.reasoning for name, s in self.sources.items() if s.estimate}
        )

    @property
    def ranges(self) -> Mapping[str, tuple[Any, Any]]:
        """Name -> ``(low, high)`` quantities (either may be ``None``), where given."""
        return MappingProxyType(
            {
                name: (s.low, s.high)
                for name, s in self.sources.items()
                if s.low is not None or s.high is not None
            }
        )

    @property
    def laws(self) -> Mapping[str, Any]:
        """Name -> :class:`~costmodel.laws.Law`, for the values the preset also gives as a law
        of other parameters (apply them with :func:`costmodel.with_laws`)."""
        return MappingProxyType(
            {name: s.law for name, s in self.sources.items() if s.law is not None}
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        label = self.name + (f":{self.variant}" if self.variant else "")
        return f"<Preset {label}: {', '.join(self._values)}>"


def _directory() -> Any:
    return resources.files("costmodel.presets")


def names() -> list[str]:
    """The names of the presets shipped with the library."""
    return sorted(
        p.name[: -len(".toml")] for p in _directory().iterdir() if p.name.endswith(".toml")
    )


_TABLES = ("preset", "parameters", "workload", "variants")


def _parse(document: Mapping[str, Any], where: str, variant: str | None) -> Preset:
    unknown = sorted(set(document) - set(_TABLES))
    if unknown:
        raise PresetError(
            f"{where}: unknown table {unknown[0]!r}{did_you_mean(unknown[0], _TABLES)}; "
            f"tables: {', '.join(_TABLES)}"
        )
    header = document.get("preset")
    if not isinstance(header, dict) or not isinstance(header.get("name"), str):
        raise PresetError(f"{where}: a [preset] table with a name is required")
    values, sources, workload = _read_tables(document, where)
    variants = document.get("variants", {})
    if not isinstance(variants, dict):
        raise PresetError(f"{where}: [variants] must be a table of variant tables")
    if variant is not None:
        entries = _variant_entries(variants, variant, header["name"], where)
        for name, entry in entries.items():
            values[name], sources[name] = read_entry(entry, name, f"{where} [{variant}]")
    laws = [s.law for s in sources.values() if s.law is not None]
    if laws:
        try:  # a circle of laws is the file's mistake: refused when it is read
            resolve_laws(laws)
        except CostModelError as exc:
            raise PresetError(f"{where}: {exc}") from None
    return Preset(
        name=header["name"],
        title=str(header.get("title", "")),
        citation=str(header.get("source", "")),
        values=values,
        sources=sources,
        variant=variant,
        variants=tuple(variants),
        workload=tuple(workload),
    )


def _read_tables(
    document: Mapping[str, Any], where: str
) -> tuple[dict[str, Any], dict[str, Source], list[str]]:
    """``(values, sources, workload names)`` from the [parameters] and [workload] tables."""
    values: dict[str, Any] = {}
    sources: dict[str, Source] = {}
    workload: list[str] = []
    for table in ("parameters", "workload"):
        entries = document.get(table, {})
        if not isinstance(entries, dict):
            raise PresetError(f"{where}: [{table}] must be a table of [{table}.NAME] tables")
        for name, entry in entries.items():
            if name in values:
                raise PresetError(f"{where}: {name} is given in both [parameters] and [workload]")
            values[name], sources[name] = read_entry(entry, name, where)
            if table == "workload":
                workload.append(name)
    if not values:
        raise PresetError(f"{where}: no [parameters.NAME] or [workload.NAME] tables")
    return values, sources, workload


def _variant_entries(
    variants: dict[str, Any], variant: str, preset: str, where: str
) -> dict[str, Any]:
    """The ``[variants.VARIANT]`` table of a preset, or an error naming the variants."""
    if variant not in variants:
        raise UnknownPresetError(
            f"preset {preset!r} has no variant {variant!r}"
            f"{did_you_mean(variant, variants)}; variants: {', '.join(variants) or 'none'}"
        )
    entries = variants[variant]
    if not isinstance(entries, dict):
        raise PresetError(f"{where}: [variants.{variant}] must be a table of values")
    return entries


def combine(*parts: Preset | str) -> Preset:
    """Several presets as one: a system, a cloud, a workload... later ones win a name.

    Each value keeps its source; :attr:`Preset.borrowed` names, for every value, the
    preset it came from when that is not the first.

    >>> both = combine("risc0", "aws-g6")
    >>> both.borrowed["machine_price"], both["proof_size"]
    ('aws-g6', <Quantity(223551, 'B/proof')>)
    """
    if not parts:
        raise InputError("combine: give at least one preset")
    loaded = [load(part) if isinstance(part, str | Path) else part for part in parts]
    for part in loaded:
        if not isinstance(part, Preset):
            raise InputError(f"combine: expected presets or preset names, got {part!r}")
    first = loaded[0]
    values: dict[str, Any] = {}
    sources: dict[str, Source] = {}
    borrowed: dict[str, str] = {}
    workload: list[str] = []
    for part in loaded:
        for name, quantity in part.items():
            values[name], sources[name] = quantity, part.sources[name]
            if part is first:
                borrowed.pop(name, None)
                if name in first.borrowed:
                    borrowed[name] = first.borrowed[name]
            else:
                borrowed[name] = part.borrowed.get(name, part.name)
            if name in part.workload and name not in workload:
                workload.append(name)
            elif name not in part.workload and name in workload:
                workload.remove(name)
    return Preset(
        name=" + ".join(part.name for part in loaded),
        title="; ".join(part.title for part in loaded if part.title),
        citation="; ".join(part.citation for part in loaded if part.citation),
        values=values,
        sources=sources,
        workload=tuple(workload),
        borrowed=borrowed,
    )


def load(name: str | Path, *, variant: str | None = None) -> Preset:
    """The preset called ``name`` (or read from a ``.toml`` path), optionally a variant of it."""
    if not isinstance(name, str | Path):
        raise InputError(f"a preset is named by a string or a path, got {name!r}")
    if variant is not None and not isinstance(variant, str):
        raise InputError(f"a variant is named by a string, got {variant!r}")
    path = Path(name)
    if path.suffix == ".toml":
        where = str(path)
        try:
            with path.open("rb") as stream:
                data = stream.read(MAX_PRESET_FILE_SIZE + 1)
        except OSError as exc:
            raise UnknownPresetError(
                f"cannot read preset file {str(path)!r}: {exc.strerror}"
            ) from None
        if len(data) > MAX_PRESET_FILE_SIZE:
            raise PresetError(f"{where}: larger than {MAX_PRESET_FILE_SIZE} bytes")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PresetError(
                f"{where}: not UTF-8 text (byte {exc.start} cannot be read as UTF-8)"
            ) from None
    else:
        if str(name) not in names():
            raise UnknownPresetError(
                f"unknown preset {str(name)!r}{did_you_mean(str(name), names())}; "
                f"presets: {', '.join(names())}"
            )
        return _fresh_copy(_shipped(str(name), variant))
    return _read_text(text, where, variant)


def _read_text(text: str, where: str, variant: str | None) -> Preset:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PresetError(f"{where}: not valid TOML: {exc}") from None
    except RecursionError:
        raise PresetError(f"{where}: not valid TOML: nested too deeply") from None
    return _parse(document, where, variant)


@functools.cache
def _shipped(name: str, variant: str | None) -> Preset:
    """A preset shipped with the library, read once (its file does not change while the
    library runs); :func:`load` hands out fresh copies of it."""
    where = f"{name}.toml"
    return _read_text(_directory().joinpath(where).read_text(encoding="utf-8"), where, variant)


def _fresh_copy(preset: Preset) -> Preset:
    """``preset`` with new quantity objects: a pint quantity can be changed in place
    (``ito``), and a change to one loaded preset must not reach the next one loaded
    (``copy.copy`` of a quantity is a new one; of ``None``, ``None``)."""
    return Preset(
        name=preset.name,
        title=preset.title,
        citation=preset.citation,
        values={name: copy.copy(quantity) for name, quantity in preset.items()},
        sources={
            name: dataclasses.replace(
                source,
                low=copy.copy(source.low),
                high=copy.copy(source.high),
                law=copy.deepcopy(source.law),  # a fitted law's coefficients are quantities
            )
            for name, source in preset.sources.items()
        },
        variant=preset.variant,
        variants=preset.variants,
        workload=preset.workload,
        borrowed=preset.borrowed,
    )
