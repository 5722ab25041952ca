"""Build safeguarding training sessions from a cited library of case-review learning points."""

import sys as _sys
import types as _types

__version__ = "0.1.0"

# reportlab runs ~/.reportlab_mods and ~/.reportlab_settings when first imported: that fails when
# HOME is not a folder, and a stray file there could change our output. Empty stand-ins keep it
# away from the home folder, whichever module imports reportlab first.
for _name in ("reportlab_mods", "reportlab_settings"):
    _sys.modules.setdefault(_name, _types.ModuleType(_name))
