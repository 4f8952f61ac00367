"""A Griffe extension for the API reference: the library's reST-flavoured docstrings as Markdown.

The docstrings are written for ``help()`` and doctest: roles such as ``:func:`latex```,
doctest sessions (``>>>``) and ``::`` before a literal block.  mkdocstrings renders
docstrings as Markdown, so this rewrites, at load time and for the docs only:

- a role into inline code that links to the object when the reference renders it
  (``~a.b.c`` shows ``c``; a bare name is looked up in the enclosing class, then among
  the names of the module, imports included);
- each doctest session into a fenced ``pycon`` block;
- a reST simple table (columns under ``=====  =====`` borders) into a Markdown table;
- a paragraph ending in ``::`` into one ending in ``:`` (the indented block after it is
  already a Markdown code block);
- the ``#:`` comment lines above a module attribute (``#: CLI name -> architecture
  function.``) into that attribute's docstring, so constants such as ``VOCABULARY`` and
  the option tuples are documented.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|data|exc|obj):`(~?)([^`<>]+)`")


def _scopes(obj: griffe.Object) -> list[griffe.Object]:
    """Where a bare name in ``obj``'s docstring is looked up: ``obj`` if it is a class or a
    module, its enclosing class, then its module."""
    scopes = []
    current: griffe.Object | None = obj if obj.is_class or obj.is_module else obj.parent
    while current is not None:
        scopes.append(current)
        if current.is_module:
            break
        current = current.parent
    return scopes


def _resolve(target: str, scopes: list[griffe.Object], index: dict[str, list[str]]) -> str:
    """The full path of ``target`` as the docstring's scopes see it, else the one object of
    the package with that name."""
    if target.startswith("costmodel"):
        return target
    first, _, rest = target.partition(".")
    for scope in scopes:
        member = scope.members.get(first)
        if member is not None:
            base = member.target_path if member.is_alias else member.path
            return f"{base}.{rest}" if rest else base
    found = index.get(first, [])
    if len(found) == 1:
        return f"{found[0]}.{rest}" if rest else found[0]
    return target


def _roles(text: str, scopes: list[griffe.Object], index: dict[str, list[str]]) -> str:
    def link(match: re.Match[str]) -> str:
        short, target = match.group(1) == "~", match.group(2).strip()
        shown = target.rsplit(".", 1)[-1] if short else target
        identifier = _resolve(target, scopes, index)
        return f'<autoref identifier="{identifier}" optional><code>{shown}</code></autoref>'

    return _ROLE.sub(link, text)


def _doctests(text: str) -> str:
    lines, out, index = text.splitlines(), [], 0
    while index < len(lines):
        line = lines[index]
        if line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while index < len(lines) and lines[index].strip():
                block.append(lines[index].removeprefix(indent))
                index += 1
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        out.append(line)
        index += 1
    return "\n".join(out)


_BORDER = re.compile(r"^=+(?: +=+)+$")


def _simple_tables(text: str) -> str:
    """reST simple tables (columns under ``=====  =====`` borders) as Markdown tables."""
    lines, out, index = text.splitlines(), [], 0
    while index < len(lines):
        if not _BORDER.match(lines[index]):
            out.append(lines[index])
            index += 1
            continue
        border = lines[index]
        starts = [m.start() for m in re.finditer(r"=+", border)]
        rows: list[list[str]] = []
        header: list[str] | None = None
        index += 1
        while index < len(lines):
            line = lines[index]
            index += 1
            if _BORDER.match(line):
                if index < len(lines) and lines[index].strip() and header is None:
                    header, rows = rows[0] if rows else [], []
                    continue
                break
            cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], None], strict=True)]
            if rows and not cells[0]:  # a continuation line
                pairs = zip(rows[-1], cells, strict=True)
                rows[-1] = [f"{old} {new}".strip() for old, new in pairs]
            else:
                rows.append(cells)
        head = header if header is not None else [""] * len(starts)
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + " --- |" * len(starts))
        out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out)


def _literal_blocks(text: str) -> str:
    return re.sub(r"(?m)(\S)::$", r"\1:", re.sub(r"(?m)^::$", "", text))


def markdown_docstring(text: str, scopes: list[griffe.Object], index: dict[str, list[str]]) -> str:
    """``text`` rewritten as Markdown, names looked up in ``scopes`` then ``index`` (name ->
    paths of the package's objects); see the module docstring."""
    return _literal_blocks(_simple_tables(_doctests(_roles(text, scopes, index))))


class MarkdownDocstrings(griffe.Extension):
    """Rewrites every docstring of the loaded package (see the module docstring)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        objects = _objects(pkg)
        for obj in objects:
            if obj.is_attribute and obj.docstring is None:
                comment = _comment_above(obj)
                if comment:
                    obj.docstring = griffe.Docstring(comment, parent=obj)
        index: dict[str, list[str]] = {}
        for obj in objects:
            index.setdefault(obj.name, []).append(obj.path)
        for obj in objects:
            if obj.docstring is not None:
                obj.docstring.value = markdown_docstring(obj.docstring.value, _scopes(obj), index)


def _comment_above(obj: griffe.Object) -> str:
    """The ``#:`` comment lines right above ``obj``'s assignment, joined (``""`` if none)."""
    if obj.lineno is None or not obj.parent or not obj.parent.is_module:
        return ""
    try:
        lines = obj.lines_collection[obj.filepath]
    except (KeyError, TypeError, AttributeError):
        return ""
    found: list[str] = []
    index = obj.lineno - 2
    while index >= 0 and lines[index].lstrip().startswith("#:"):
        found.insert(0, lines[index].lstrip()[2:].strip())
        index -= 1
    return "\n".join(found)


def _objects(root: griffe.Object) -> list[griffe.Object]:
    """``root`` and every object defined under it (imports left out), each once."""
    found: dict[str, griffe.Object] = {}
    pending = [root]
    while pending:
        obj = pending.pop()
        if obj.path in found:
            continue
        found[obj.path] = obj
        pending += [m for m in obj.members.values() if not m.is_alias]
    return [found[path] for path in sorted(found)]
