"""Packages whose public names are imported on first use (PEP 562).

A package lists where each public name lives (``_HOMES``: name -> module) and calls
:func:`import_on_first_use`; its submodules are attributes too (``costmodel.trees``).
Importing the package then costs nothing until a name is used: ``import costmodel`` and
``costmodel --help`` load neither sympy nor pint, ``costmodel eval`` loads no analysis and
no LaTeX.  The name keeps the object the eager import gave: where a function and a
submodule share a name (``costmodel.analysis.sweep``), the function wins, also after the
submodule is imported, as it did when the package imported everything at once.

>>> import costmodel.analysis
>>> callable(costmodel.analysis.sweep)
True
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Mapping
from types import ModuleType
from typing import Any

__all__ = ["LazyPackage", "import_on_first_use"]


class LazyPackage(ModuleType):
    """A package module that imports ``_HOMES[name]`` on the first access to ``name``."""

    def __getattr__(self, name: str) -> Any:
        namespace = self.__dict__
        home = namespace["_HOMES"].get(name)
        if home is not None:
            value = getattr(importlib.import_module(home), name)
        elif name in namespace["_SUBMODULES"]:
            value = importlib.import_module(f"{self.__name__}.{name}")
        else:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        namespace[name] = value
        return value

    def __dir__(self) -> list[str]:
        namespace = self.__dict__
        return sorted({*namespace, *namespace["_HOMES"], *namespace["_SUBMODULES"]})

    def __setattr__(self, name: str, value: Any) -> None:
        # Importing the submodule ``package.name`` sets the attribute ``name`` to it; where
        # ``name`` is a public name of another object (a function named like its module),
        # the public object stays: it is looked up from its home on first use.
        public = name in self.__dict__.get("_HOMES", ())
        submodule = isinstance(value, ModuleType) and value.__name__ == f"{self.__name__}.{name}"
        if public and submodule:
            return
        super().__setattr__(name, value)


def import_on_first_use(package: str, homes: Mapping[str, str]) -> None:
    """Make the (already imported) ``package`` a :class:`LazyPackage` over ``homes``; its
    submodules (but ``__main__`` and other private ones) are found in its folder."""
    module = sys.modules[package]
    found = pkgutil.iter_modules(module.__path__)
    module.__dict__["_HOMES"] = dict(homes)
    module.__dict__["_SUBMODULES"] = frozenset(
        info.name for info in found if not info.name.startswith("_")
    )
    module.__class__ = LazyPackage
