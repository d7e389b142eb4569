"""The peer's own venv (var/peer/venv by default): created and filled from bench/peer/requirements.txt.

Reinstalled only when the requirements change (their SHA-256 is kept in the venv). Never committed.
"""

import hashlib
import subprocess
import sys
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent / "requirements.txt"
INSTALL_TIMEOUT = 1800  # seconds: ~90 packages from PyPI on a cold cache


def ensure(venv, log):
    """Return the peer venv's python, installing it first if needed."""
    venv = Path(venv)
    python = venv / "bin" / "python"
    marker = venv / ".requirements-sha256"
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if python.exists() and marker.exists() and marker.read_text().strip() == digest:
        log(f"peer venv {venv}: up to date")
        return str(python)
    log(f"peer venv {venv}: installing {REQUIREMENTS.name} (at most {INSTALL_TIMEOUT} s)")
    try:
        if not python.exists():
            subprocess.run([_base_python(), "-m", "venv", str(venv)], check=True, timeout=300)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(REQUIREMENTS)],
            check=True,
            timeout=INSTALL_TIMEOUT,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        sys.exit(f"bench: installing the peer venv failed: {error}")
    marker.write_text(digest + "\n")
    return str(python)


def _base_python():
    """The interpreter our own venv was made from (a venv made from a venv's python works, but say what it is)."""
    return getattr(sys, "_base_executable", None) or sys.executable
