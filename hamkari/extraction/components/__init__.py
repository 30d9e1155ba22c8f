"""The pipeline's components, one module per component family.

How the default pipeline finds them: importing this package imports every module in it, in the
order of their names (a walk of the package below), and a module puts each of its components
into the pipeline with the `@registered` class decorator (`hamkari.extraction.pipeline`).
`COMPONENTS` is the result; `extraction.default_pipeline()` orders them by what each requires,
provides and extends. So a new component is a new module here, with `@registered` on its class,
and no other file changes; a module of helpers (context, names) registers nothing.
"""

from __future__ import annotations

import importlib
import pkgutil

from hamkari.extraction.pipeline import Component, registered_components

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")

COMPONENTS: tuple[type[Component], ...] = registered_components()
