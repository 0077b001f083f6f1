"""The command line leaves a process whose heap the last garbage collection at exit does not search."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import atexit, gc
from warmap import cli
assert gc.get_freeze_count() == 0
cli._skip_final_collection()
cli._skip_final_collection()  # once is enough: registered once
atexit._run_exitfuncs()
print(gc.get_freeze_count() > 0)
"""


def test_exit_handler_freezes_the_heap_before_the_final_collection():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
