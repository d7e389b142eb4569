"""gunicorn servers started by the bench, each in its own process group, always stopped by the bench."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

# The project's gunicorn config, first found wins; the bench overrides only --bind.
CONFIG_FILES = ("gunicorn.conf.py", "config/gunicorn.py")
# Used only when the project has no gunicorn config: threaded workers, one per core.
DEFAULT_FLAGS = [
    "--worker-class",
    "gthread",
    "--workers",
    "2",
    "--threads",
    "4",
    "--timeout",
    "300",
    "--graceful-timeout",
    "5",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerError(RuntimeError):
    pass


class Gunicorn:
    def __init__(self, name, app, env, root, log_dir):
        self.name, self.app, self.env, self.root = name, app, env, Path(root)
        self.log_path = Path(log_dir) / f"{name}.log"
        self.process = None
        self.port = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        configs = [self.root / name for name in CONFIG_FILES if (self.root / name).exists()]
        flags = ["--config", str(configs[0])] if configs else DEFAULT_FLAGS
        gunicorn = Path(sys.executable).with_name("gunicorn")
        return [str(gunicorn), *flags, "--bind", f"127.0.0.1:{self.port}", "--chdir", str(self.root), self.app]

    def start(self, ready_timeout=60):
        self.port = free_port()
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            self.command(), cwd=self.root, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                time.sleep(1)  # the other workers boot right after the first one accepts
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise ServerError(f"{self.name} did not listen on port {self.port} within {ready_timeout} s")

    def worker_pids(self):
        """The master's children (the workers), from /proc."""
        if self.process is None:
            return []
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)  # our own session: the master and its workers
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        except ProcessLookupError:
            pass

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def rss_kb(pid):
    """Resident set size of a process in kB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def database_pids():
    """The local PostgreSQL server's processes (its backends do the SQL work), from /proc."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == "postgres":
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid):
    """User + system CPU time of a process, in clock ticks (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0
