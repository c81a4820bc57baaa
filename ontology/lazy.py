"""Doors that open on demand: a package's public names, imported when first used.

A stage's ``__init__`` names its whole API, but importing all of it costs what its
heaviest part costs (spaCy for :mod:`extract`, pyvis and pyshacl for :mod:`graphs`);
``actorgraph --help`` needs none of that. :func:`lazy_exports` gives a package the
module ``__getattr__`` and ``__dir__`` of PEP 562, so ``from extract import shown``
imports :mod:`extract.readers` only.

Examples
--------
>>> getattr_, dir_ = lazy_exports("json", {"json": ("loads",)})
>>> getattr_("loads")("[1]")
[1]
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_exports(package: str, modules: Mapping[str, tuple[str, ...]],
                 ) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``modules`` maps each module to the
    public names it defines."""
    names = {name: module for module, defined in modules.items() for name in defined}

    def getattr_(name: str) -> object:
        try:
            module = names[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        return getattr(importlib.import_module(module), name)

    def dir_() -> list[str]:
        return sorted(names)

    return getattr_, dir_
