r"""BibTeX for presets: one entry per distinct source, keys the LaTeX tables cite.

Every preset value carries a :class:`~costmodel.presets.entries.Source`; its ``source``
text names where the value was read.  :func:`bibtex` writes one ``@misc`` entry per
distinct source text over the presets given, and :func:`source_key` is the key the
parameter table cites (``cite=True``): the same text gives the same key in every
preset, so a bibliography built from several presets has no duplicates.

>>> import costmodel
>>> text = bibtex("seed-note")
>>> seed = costmodel.presets.load("seed-note")
>>> text.count("@misc{") == len({s.source for s in seed.sources.values()})
True
>>> key = source_key("Kothapalli, Setty, CycleFold, https://eprint.iacr.org/2023/1192, abstract")
>>> key.startswith("kothapalli-setty-cyclefold-"), len(key.rsplit("-", 1)[1])
(True, 6)
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from costmodel.errors import OptionError
from costmodel.render.escape import escape_text, one_line

__all__ = ["bibtex", "source_key", "source_latex", "split_urls"]

_URL = re.compile(r"https?://[^\s,;()]+")


def split_urls(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, is_url)`` parts, URLs found by their ``http(s)://``.

    >>> split_urls("docs, https://x.org/a, p. 3")
    [('docs, ', False), ('https://x.org/a', True), (', p. 3', False)]
    """
    parts: list[tuple[str, bool]] = []
    last = 0
    for match in _URL.finditer(text):
        if match.start() > last:
            parts.append((text[last : match.start()], False))
        parts.append((match.group(0).rstrip("."), True))
        last = match.start() + len(match.group(0).rstrip("."))
    if last < len(text):
        parts.append((text[last:], False))
    return parts


def _url_latex(url: str) -> str:
    # \url takes its argument verbatim, except braces, % and # inside other arguments
    if any(char in url for char in "{}%#\\"):
        return escape_text(url)
    return f"\\url{{{url}}}"


def source_latex(text: str) -> str:
    r"""A source's text for a table cell: escaped, with its URLs as ``\url{}``.

    >>> source_latex("RISC Zero docs, https://dev.risczero.com/api/recursion")
    'RISC Zero docs, \\url{https://dev.risczero.com/api/recursion}'
    """
    return "".join(
        _url_latex(piece) if is_url else _breakable_text(piece)
        for piece, is_url in split_urls(text)
    )


def _breakable_text(text: str) -> str:
    r"""Escaped text that may break after ``/`` and inside long CamelCase or dotted names.

    >>> _breakable_text("contracts/RiscZeroGroth16Verifier.sol")
    'contracts/\\allowbreak{}Risc\\allowbreak{}Zero\\allowbreak{}Groth16\\allowbreak{}Verifier.\\allowbreak{}sol'
    """
    words = []
    for word in re.split(r"(\s+)", text):
        if len(word) > 14 and not word.isspace():
            word = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Za-z]\.)(?=[A-Za-z])", "\ue000", word)
        words.append(word)
    escaped = escape_text("".join(words)).replace("/", "/\ue000")
    return escaped.replace("\ue000", "\\allowbreak{}")


def source_key(text: str) -> str:
    """A BibTeX key for a source text: its first three words and a short hash of the whole."""
    words = re.findall(r"[a-z0-9]+", text.split("http")[0].lower())[:3] or ["source"]
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    return "-".join([*words, digest])


def _presets(items: tuple[Any, ...]) -> list[Any]:
    from costmodel import presets

    if not items:
        raise OptionError("bibtex: name at least one preset (e.g. bibtex('seed-note'))")
    loaded = []
    for item in items:
        loaded.append(presets.load(item) if isinstance(item, str) else item)
        if not hasattr(loaded[-1], "sources"):
            raise OptionError(f"bibtex: expected a preset or its name, got {type(item).__name__}")
    return loaded


def bibtex(*presets: Any) -> str:
    """One ``@misc`` entry per distinct source over ``presets`` (names or loaded presets).

    Each entry's ``title`` is the source text (URLs moved to ``howpublished`` as
    ``\\url{}``) and its ``note`` names the presets and parameters it supports.
    Deterministic: entries sorted by key.
    """
    used: dict[str, tuple[str, list[str]]] = {}
    for preset in _presets(presets):
        for name, source in preset.sources.items():
            text = one_line(source.source)
            key = source_key(text)
            used.setdefault(key, (text, []))[1].append(f"{preset.name}: {name}")
    entries = []
    for key in sorted(used):
        text, where = used[key]
        pieces = split_urls(text)
        title = "".join(piece for piece, is_url in pieces if not is_url)
        title = re.sub(r"\s*,(\s*,)+", ",", title).strip(" ,;")
        urls = [piece for piece, is_url in pieces if is_url]
        fields = [f"  title = {{{{{escape_text(title or text)}}}}}"]
        if urls:
            fields.append("  howpublished = {" + ", ".join(_url_latex(u) for u in urls) + "}")
        fields.append(f"  note = {{{escape_text('; '.join(where))}}}")
        entries.append(f"@misc{{{key},\n" + ",\n".join(fields) + "\n}")
    return "\n\n".join(entries) + "\n"
