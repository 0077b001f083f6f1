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


CALLER = """
import gc, sys
from warmap import cli
before = gc.get_threshold()
status = cli.main(["build", "--offline", "--out", sys.argv[1], sys.argv[2]])
assert status == 0, status
assert gc.get_threshold() == before, (gc.get_threshold(), before)
assert cli._FAST_EXIT == [], "main(argv) from Python registered the exit freeze"
print("ok")
"""


def test_main_called_from_python_leaves_the_process_as_it_found_it(tmp_path):
    """A notebook or script that calls cli.main(argv) keeps its collector settings and its finalizers."""
    text = tmp_path / "a.txt"
    text.write_text("On 15 September 1950 the Marines landed at Inchon.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", CALLER, str(tmp_path / "out"), str(text)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")
