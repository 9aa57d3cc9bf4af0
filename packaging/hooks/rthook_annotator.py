"""Runtime hook of the standalone app (runs before annotator's code).

Alembic loads migrations/env.py and versions/*.py by file path; the import system would then
try to write their bytecode beside them, inside the installed app (/opt/annotator is not the
user's to write, and stray caches would outlive an uninstall). Never write bytecode.
"""

import sys

sys.dont_write_bytecode = True
