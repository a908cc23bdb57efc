"""Crash points for the fault tests: where a test may have this process killed outright.

Plenary promises that a crash at any moment loses nothing. A mock cannot show that; a real
process killed at the worst moment can. Code that writes what cannot be rebuilt marks its
steps with ``crash_point("restore:moved-aside")``; a test runs a child process with
``PLENARY_CRASH_AT=restore:moved-aside`` and the child dies there by SIGKILL, exactly as on a
power cut, leaving whatever the step had written. Without the variable a crash point costs one
dictionary lookup.
"""

from __future__ import annotations

import os
import signal

ENVIRONMENT = "PLENARY_CRASH_AT"


def crash_point(name: str) -> None:
    """Die here, at once and uncleanly, if the fault test asked for ``name``."""
    if os.environ.get(ENVIRONMENT) == name:
        os.kill(os.getpid(), signal.SIGKILL)
