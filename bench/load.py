"""Closed-loop load at N concurrent clients: wrk (Debian package) when installed, else a Python driver.

Every request carries `Connection: close`: gunicorn's gthread workers keep a keep-alive connection on
the worker that accepted it, so 4 persistent connections can all land on one of 2 workers.
"""

import http.client
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class LoadResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx responses plus socket errors


class LoadError(RuntimeError):
    pass


def driver_name(wanted):
    if wanted == "wrk" and not shutil.which("wrk"):
        raise LoadError("wrk is not installed (apt-get install -y wrk), or use --driver python")
    if wanted == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    return wanted


def run(url, headers, duration, clients, driver, body=None, timeout=10):
    """GET `url`, or POST `body` (bytes) to it when given (the peer's GraphQL query); `timeout` s per request."""
    headers = {**headers, "Connection": "close"}
    if driver == "wrk":
        return _wrk(url, headers, duration, clients, body, timeout)
    return _python(url, headers, duration, clients, body, timeout)


def _ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if not match:
        raise LoadError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _wrk(url, headers, duration, clients, body=None, timeout=10):
    command = ["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{duration}s", "--latency", "--timeout", f"{timeout}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if body is not None:  # a POST: wrk takes the method and body from a Lua script
            script.write(f'wrk.method = "POST"\nwrk.body = [==[{body.decode()}]==]\n')
            script.flush()
            command += ["--script", script.name]
        try:
            out = subprocess.run(
                command + [url], capture_output=True, text=True, timeout=duration + timeout + 20, check=True
            ).stdout
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise LoadError(f"wrk failed: {error}") from None
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    requests = re.search(r"^\s+(\d+) requests in", out, re.M)
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", out, re.M)
    if not (requests and rps and len(percentiles) == 2):
        raise LoadError(f"cannot read wrk output:\n{out}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    # wrk counts the normal close of a `Connection: close` response as a read error: leave those out.
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if sockets:
        errors += int(sockets.group(1)) + int(sockets.group(3)) + int(sockets.group(4))
    return LoadResult(
        float(rps.group(1)), _ms(percentiles["50"]), _ms(percentiles["99"]), int(requests.group(1)), errors
    )


def _python(url, headers, duration, clients, body=None, timeout=10):
    parts = urlsplit(url)
    target = parts.path + ("?" + parts.query if parts.query else "")
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + duration

    def client():
        mine, failed = [], 0
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
                conn.request("GET" if body is None else "POST", target, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                ok = response.status < 400
            except OSError:
                ok = False
            if ok:
                mine.append((time.monotonic() - started) * 1000)
            else:
                failed += 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + timeout + 20)
    elapsed = time.monotonic() - started
    if not latencies:
        raise LoadError(f"no successful response from {url}")
    latencies.sort()

    def pick(quantile):
        return latencies[min(len(latencies) - 1, int(quantile * len(latencies)))]

    return LoadResult(len(latencies) / elapsed, pick(0.50), pick(0.99), len(latencies), errors[0])
