"""Translations: the .po catalogues in web/locale (and those an app keeps in its own `locale`
folder, like alerts/locale) are compiled to .mo with polib, so that no system gettext is needed.
Run at set-up, before the tests and when the server starts."""

from __future__ import annotations

import os
from pathlib import Path

LOCALE = Path(__file__).resolve().parent / "locale"
PACKAGE = LOCALE.parents[1]  # hamkari/: the apps' own catalogues are in hamkari/APP/locale


def compile_messages() -> list[Path]:
    """Compile every catalogue whose .mo is missing or older than its .po; return what was written."""
    import polib

    written = []
    for po_path in sorted(PACKAGE.glob("*/locale/*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            # written aside and moved in whole: another process (two test runs side by side, the
            # server and a command) may be reading the catalogue at that moment
            part = mo_path.with_name(f"{mo_path.name}.{os.getpid()}.part")
            polib.pofile(str(po_path)).save_as_mofile(str(part))
            os.replace(part, mo_path)
            written.append(mo_path)
    return written
