"""Figures as `name value unit` lines, printed as they come and written to bench/results/."""

import datetime
import os
import platform
import subprocess
from pathlib import Path


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        memory_kb = 0
    return f"{os.cpu_count()} cores, {cpu}, {memory_kb / 1048576:.1f} GiB RAM, {platform.platform()}"


def _format(value):
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


class Report:
    def __init__(self, root, insurees):
        self.root = Path(root)
        self.started = datetime.datetime.now(datetime.UTC)
        self.lines = []
        self.values = {}
        self.header = [
            f"# openIMIS API bench, {self.started:%Y-%m-%d %H:%M} UTC, --insurees {insurees}",
            f"# machine: {machine()}",
            f"# commit: {self._commit()}",
        ]

    def _commit(self):
        try:
            return (
                subprocess.run(
                    ["git", "describe", "--always", "--dirty"],
                    cwd=self.root,
                    capture_output=True,
                    text=True,
                    timeout=10,
                ).stdout.strip()
                or "unknown"
            )
        except (OSError, subprocess.SubprocessError):
            return "unknown"

    def note(self, text):
        self.header.append(f"# {text}")
        print(f"# {text}", flush=True)

    def add(self, name, value, unit):
        self.values[name] = value
        self._emit(f"{name} {_format(value)} {unit}")

    def missing(self, name, reason):
        self._emit(f"{name} n/a ({reason})")

    def ratio(self, name, numerator, denominator):
        top, bottom = self.values.get(numerator), self.values.get(denominator)
        if top is None or bottom in (None, 0):
            absent = numerator if top is None else denominator
            self.missing(name, f"{absent} not measured")
        else:
            self.add(name, top / bottom, "x")

    def _emit(self, line):
        self.lines.append(line)
        print(line, flush=True)

    def write(self):
        directory = self.root / "bench" / "results"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.started:%Y-%m-%dT%H%M%SZ}.txt"
        path.write_text("\n".join(self.header + self.lines) + "\n")
        return path
