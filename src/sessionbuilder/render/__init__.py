"""Renderers: each turns a plan into file bytes; nothing else imports python-pptx or reportlab.

Importing this package keeps reportlab away from the user's home folder: by default it runs
~/.reportlab_mods and ~/.reportlab_settings, which fails when HOME is not a folder and would
let a stray file there change our output. Empty stand-ins are registered before reportlab is
first imported.
"""

import sys
import types

for _name in ("reportlab_mods", "reportlab_settings"):
    sys.modules.setdefault(_name, types.ModuleType(_name))
