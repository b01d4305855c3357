"""Settings for the test run: the project's settings with every runtime file in a fresh
temporary directory, so tests write nothing into the checkout.

safetyzone.settings puts its var directory (generated secret key, static root, media root,
the SQLite file) under the current directory unless SAFETYZONE_VAR is set; a test run started
from a subdirectory (say src/safetyzone/footage) used to leave a var/ there, and files tests
stored without their own MEDIA_ROOT went into ./var/media. pytest-django imports this module
(pyproject.toml) before any conftest.
"""

import atexit
import os
import shutil
import tempfile

os.environ["SAFETYZONE_VAR"] = _VAR = tempfile.mkdtemp(prefix="safetyzone-tests-")
atexit.register(shutil.rmtree, _VAR, ignore_errors=True)

from safetyzone.settings import *  # noqa: E402,F403
