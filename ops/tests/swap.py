"""Point a database alias at another real server for the duration of a test, then restore it."""

import contextlib
import os
import socket
import threading

import dj_database_url
from django.db import connections

from config.databases import apply_operations

PG_SERVER = os.environ.get("TEST_PG_URL", "postgres://postgres@127.0.0.1:5432")


def closed_port():
    """A local TCP port nothing listens on: connecting is refused at once (a real attempt, no mock)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_config(port=None, *, statement_timeout_ms=0, read_only=False, conn_max_age=0):
    config = dj_database_url.parse(f"{PG_SERVER}/postgres")
    if port is not None:
        config.update(HOST="127.0.0.1", PORT=port)
    config["OPTIONS"] = {"connect_timeout": 2}
    apply_operations(config, statement_timeout_ms=statement_timeout_ms, conn_max_age=conn_max_age, read_only=read_only)
    return config


@contextlib.contextmanager
def swapped(alias, config):
    """`connections[alias]` is a fresh connection built from `config` inside the block."""
    original_settings, original = connections.settings[alias], connections[alias]
    connections.settings[alias] = {**original_settings, **config, "TEST": original_settings.get("TEST", {})}
    connections[alias] = connections.create_connection(alias)
    try:
        yield connections[alias]
    finally:
        connections[alias].close()
        connections.settings[alias] = original_settings
        connections[alias] = original


class TcpForwarder:
    """A local TCP relay to PostgreSQL that can be stopped and restarted: a database that goes away and
    comes back, as seen from the application (its open connections are cut, new ones are refused)."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = closed_port()
        self._server = None
        self._sockets = []

    def start(self):
        self._server = socket.create_server(("127.0.0.1", self.port))
        self._server.settimeout(0.05)  # so the accept loop notices stop()
        self._running = threading.Event()
        self._running.set()
        self._thread = threading.Thread(target=self._accept, args=(self._server, self._running), daemon=True)
        self._thread.start()

    def stop(self):
        self._running.clear()
        self._thread.join()  # the port is free once accept() has returned
        self._server.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self._sockets.clear()

    def _accept(self, server, running):
        while running.is_set():
            try:
                client, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
