r"""LaTeX documents: the preamble every export needs (:func:`preamble`), a complete article
around a body (:func:`document`), and everything about a model at once (:func:`export`, for
``costmodel latex ARCH``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from costmodel.model import Model
from costmodel.render.config import LatexConfig
from costmodel.render.equation_blocks import equations
from costmodel.render.escape import comment_text
from costmodel.render.tables import breakdown_table, parameter_table
from costmodel.render.units_latex import siunitx_declarations

__all__ = ["document", "export", "preamble"]


def preamble(config: LatexConfig | None = None, **options: Any) -> str:
    r"""The packages (and in siunitx mode the unit declarations) every export needs, once.

    ``costmodel latex --preamble`` prints it.  It loads amsmath, array, booktabs,
    longtable (parameter tables over pages) and url (sources' addresses); in siunitx
    mode also siunitx and a declaration for every unit of the library's registry that
    siunitx does not define (skipped for a unit the document declared first).  Loading a
    package your document already loads is harmless, with or without options.  The one
    siunitx setting it makes, ``per-mode = symbol`` (units read ``MB/segment``), sits on
    its own marked line: drop it to keep your own.

    >>> print(preamble(mode="plain"))
    \usepackage{amsmath}
    \usepackage{array}
    \usepackage{booktabs}
    \usepackage{longtable}
    \usepackage{url}
    """
    config = LatexConfig.make(config, **options)
    lines = [
        r"\usepackage{amsmath}",
        r"\usepackage{array}",
        r"\usepackage{booktabs}",
        r"\usepackage{longtable}",
        r"\usepackage{url}",
    ]
    if config.siunitx:
        lines += [
            r"\usepackage{siunitx}",
            "% the one siunitx setting costmodel's output assumes (units read MB/segment);",
            "% drop the next line to keep your document's own per-mode",
            r"\sisetup{per-mode = symbol}",
            siunitx_declarations(),
        ]
    return "\n".join(lines)


def document(body: str | Iterable[str], config: LatexConfig | None = None, **options: Any) -> str:
    r"""A complete ``article`` around ``body`` (one part, or several separated by blank lines).

    >>> print(document(r"\(x\)", mode="plain"))
    \documentclass{article}
    \usepackage{amsmath}
    \usepackage{array}
    \usepackage{booktabs}
    \usepackage{longtable}
    \usepackage{url}
    \begin{document}
    \(x\)
    \end{document}
    <BLANKLINE>
    """
    config = LatexConfig.make(config, **options)
    text = body if isinstance(body, str) else "\n\n".join(body)
    return (
        "\\documentclass{article}\n"
        + preamble(config)
        + "\n\\begin{document}\n"
        + text
        + "\n\\end{document}\n"
    )


def export(
    model: Model,
    values: Mapping[str, Any] | None = None,
    config: LatexConfig | None = None,
    **options: Any,
) -> str:
    """Everything about ``model`` at once, for ``costmodel latex ARCH``.

    The symbolic equations; with ``values`` also the equations with numbers (in
    ``form``, default three-step), the breakdown table and the parameter table (with
    sources when ``values`` is a preset).  Parts are separated by blank lines and
    preceded by a comment naming them; ``standalone=True`` gives a complete document.
    """
    config = LatexConfig.make(config, **options)
    symbolic = config.replace(form="symbolic")
    settings = ", ".join(f"{k}={v}" for k, v in model.options)
    title = comment_text(f"{model.name} ({settings})" if settings else model.name)
    parts = [f"% {title}: terms in {model.unit}\n" + equations(model, None, symbolic)]
    if values is not None:
        evaluation = model.evaluate(values)
        form = config.form or "three-step"
        if form != "symbolic":
            numbers = equations(model, evaluation, config.replace(form=form))
            parts.append(f"% {title}: with numbers\n{numbers}")
        parts.append(f"% {title}: breakdown\n{breakdown_table(evaluation, config)}")
        label = getattr(values, "name", None)
        where = f" (preset {comment_text(label)})" if isinstance(label, str) else ""
        parts.append(f"% parameters{where}\n{parameter_table(values, model, config)}")
    body = "\n\n".join(parts)
    return document(body, config) if config.standalone else body + "\n"
