"""``actorgraph serve``: a read-only SPARQL endpoint that is safe to share.

A real Oxigraph server (``oxigraph serve-read-only``) answers on a loopback port
nobody else sees; in front of it a small HTTP server takes every request and

* refuses ``SERVICE`` (it would make the server fetch from any host the query
  names) unless started with ``allow_service``;
* refuses anything that is not a read (updates, graph store writes);
* declares the project's prefixes (``ag:``, ``agr:``, ``rdfs:`` ...) as
  ``actorgraph query`` does, so the same query text answers the same rows;
* cancels a query at the timeout: when Oxigraph has not answered by then, the
  client gets an error and the server is restarted, so nothing runs on after
  its client has gone;
* follows the build folder: when a build switches in a new generation, the next
  request is answered from it (and says so on stderr and in a response header).

Examples
--------
>>> uses_service("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }")
True
>>> uses_service('SELECT ?service WHERE { ?service rdfs:label "SERVICE" } # service')
False
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import http.client
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from actorgraph.folder import BuildFolder, Generation
from graphs.sparql import with_prefixes
from ontology import GraphError

#: Headers passed from the client to Oxigraph, and back.
_REQUEST_HEADERS = ("Accept", "Content-Type", "Accept-Encoding")
_RESPONSE_HEADERS = ("Content-Type", "Content-Encoding", "Content-Disposition")

_STRINGS = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"",
                      re.DOTALL)
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_COMMENT = re.compile(r"#[^\n]*")
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)


def uses_service(sparql: str) -> bool:
    """True when ``sparql`` has the keyword SERVICE (outside strings, IRIs and comments)."""
    text = _STRINGS.sub('""', sparql)
    text = _IRI.sub("<>", text)
    text = _COMMENT.sub("", text)
    return bool(_SERVICE.search(text))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:
    """In the child: be killed when the thread that started it dies (Linux). Every server
    is started by the endpoint's one starter thread, which lives as long as the process,
    so a killed endpoint leaves no server behind."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class _Backend:
    """One Oxigraph server on a loopback port, serving one store."""

    def __init__(self, binary: str, store: Path, timeout: int) -> None:
        self.store = store
        self.port = _free_port()
        self.process = subprocess.Popen(
            [binary, "serve-read-only", "--location", str(store), "--bind",
             f"127.0.0.1:{self.port}", "--union-default-graph", "--timeout-s", str(timeout)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                message = self.process.stderr.read().decode("utf-8", "replace") if \
                    self.process.stderr else ""
                raise GraphError(f"{store}: the SPARQL server could not open the store "
                                 f"({message.strip().splitlines()[-1] if message.strip() else 'exited'})")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        self.stop()
        raise GraphError(f"{store}: the SPARQL server did not start within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)


class Endpoint:
    """The shared endpoint of one build folder (see the module's docstring).

    ``log`` receives one line per event worth telling the person who started it.
    """

    def __init__(self, folder: str | Path, binary: str, host: str = "127.0.0.1",
                 port: int = 7878, timeout: int = 30, allow_service: bool = False,
                 log: Callable[[str], None] | None = None) -> None:
        self.folder = BuildFolder(folder)
        self.binary = binary
        self.timeout = timeout
        self.allow_service = allow_service
        self.log = log or (lambda line: sys.stderr.write(line + "\n"))
        self._lock = threading.Lock()
        self._generation: Generation | None = None
        # one long-lived thread starts every server (see _die_with_parent): a request's
        # thread ends with its request, and would take the server it started with it
        self._starter = concurrent.futures.ThreadPoolExecutor(1, "oxigraph-starter")
        self._backend = self._start()
        endpoint = self

        class Handler(_Handler):
            server_endpoint = endpoint

        try:
            self.server = ThreadingHTTPServer((host, port), Handler)
        except OSError as exc:
            self._backend.stop()
            raise GraphError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                             f"choose another --port") from exc
        self.server.daemon_threads = True

    @property
    def generation(self) -> int:
        """The build number being served (0 for a folder made before generations)."""
        return self._generation.number if self._generation else 0

    def _start(self) -> _Backend:
        found = self.folder.store()
        if found is None:
            raise GraphError(f"{self.folder.root}: no store here; build one with "
                             f"`actorgraph build INPUT --out {self.folder.root}`")
        store, self._generation = found
        return self._starter.submit(_Backend, self.binary, store, self.timeout).result()

    def backend(self) -> _Backend:
        """The server of the current build: started anew when a build has switched in
        another generation, or when the last one was stopped at a timeout."""
        with self._lock:
            now = self.folder.current()
            changed = now is not None and (self._generation is None
                                           or now.number != self._generation.number)
            if changed or self._backend.process.poll() is not None:
                old = self._backend
                self._backend = self._start()
                timer = threading.Timer(self.timeout + 5, old.stop)  # let its answers finish
                timer.daemon = True
                timer.start()
                if changed:
                    built = (self._generation.manifest().get("built", "") if self._generation
                             else "")
                    self.log(f"data changed: now serving build {self.generation}"
                             + (f" of {built}" if built else ""))
            return self._backend

    def restart(self, stuck: _Backend) -> None:
        """Stop a server that is still working on a query past the timeout."""
        with self._lock:
            stuck.stop()
            if stuck is self._backend:
                self._backend = self._start()

    def serve_forever(self) -> None:
        """Answer until interrupted (Ctrl-C, or SIGTERM), then stop the Oxigraph server."""
        def stop(_signum: int, _frame: object) -> None:
            raise KeyboardInterrupt

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, stop)
        try:
            self.server.serve_forever()
        finally:
            self.server.server_close()
            self._backend.stop()

    def shutdown(self) -> None:
        self.server.shutdown()


class _Handler(BaseHTTPRequestHandler):
    server_endpoint: Endpoint
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: one line per refused or failed request only (see :meth:`_refuse`)."""

    def do_GET(self) -> None:
        self._handle(read_only=True)

    def do_HEAD(self) -> None:
        self._handle(read_only=True)

    def do_POST(self) -> None:
        self._handle(read_only=False)

    def do_PUT(self) -> None:
        self._refuse(403, "this endpoint is read-only; rebuild with `actorgraph build` instead")

    do_DELETE = do_PATCH = do_PUT

    def _refuse(self, status: int, message: str) -> None:
        self._drain()
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Actorgraph-Build", str(self.server_endpoint.generation))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _drain(self) -> bytes:
        if getattr(self, "_body", None) is not None:
            return self._body
        length = int(self.headers.get("Content-Length") or 0)
        self._body = self.rfile.read(length) if length > 0 else b""
        return self._body

    def _handle(self, read_only: bool) -> None:
        endpoint = self.server_endpoint
        url = urllib.parse.urlsplit(self.path)
        body = self._drain()
        if url.path.rstrip("/") != "/query" and not read_only:
            self._refuse(403, "this endpoint is read-only: only /query takes POST; rebuild "
                              "with `actorgraph build` to change the data")
            return
        path, content_type = self.path, self.headers.get("Content-Type", "")
        if url.path.rstrip("/") == "/query":
            sparql, path, body, content_type = self._query_parts(url, body, content_type)
            if sparql is None:
                self._refuse(400, "give a query: /query?query=SELECT... or POST one")
                return
            if uses_service(sparql) and not endpoint.allow_service:
                self._refuse(403, "SERVICE is disabled on this endpoint (it would make the "
                                  "server send requests to other hosts); start `actorgraph "
                                  "serve --allow-service` to allow it")
                return
        self._forward(path, body, content_type)

    def _query_parts(self, url: urllib.parse.SplitResult, body: bytes, content_type: str,
                     ) -> tuple[str | None, str, bytes, str]:
        """The query text, and the request that sends it with the prefixes declared."""
        if self.command == "POST" and content_type.startswith("application/sparql-query"):
            sparql = with_prefixes(body.decode("utf-8", "replace"))
            return sparql, self.path, sparql.encode("utf-8"), content_type
        fields = urllib.parse.parse_qsl(body.decode("utf-8", "replace") if self.command == "POST"
                                        else url.query, keep_blank_values=True)
        texts = [value for key, value in fields if key == "query"]
        if not texts:
            return None, self.path, body, content_type
        sparql = with_prefixes(texts[0])
        fields = [(k, sparql if k == "query" else v) for k, v in fields]
        encoded = urllib.parse.urlencode(fields)
        if self.command == "POST":
            return sparql, self.path, encoded.encode("utf-8"), "application/x-www-form-urlencoded"
        return sparql, urllib.parse.urlunsplit(url._replace(query=encoded)), b"", content_type

    def _forward(self, path: str, body: bytes, content_type: str) -> None:
        endpoint = self.server_endpoint
        backend = endpoint.backend()
        deadline = time.monotonic() + endpoint.timeout + 2
        connection = http.client.HTTPConnection("127.0.0.1", backend.port,
                                                timeout=endpoint.timeout + 2)
        headers = {k: self.headers[k] for k in _REQUEST_HEADERS if self.headers.get(k)}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            connection.request(self.command, path, body=body or None, headers=headers)
            response = connection.getresponse()
            chunks = []
            while chunk := response.read(65536):
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise TimeoutError
            data = b"".join(chunks)
        except TimeoutError:
            endpoint.restart(backend)
            endpoint.log(f"a query ran past {endpoint.timeout} s and was cancelled")
            self._refuse(503, f"query cancelled after {endpoint.timeout} s (the endpoint's "
                              f"timeout; `actorgraph serve --timeout` sets it)")
            return
        except (OSError, http.client.HTTPException) as exc:
            self._refuse(502, f"the SPARQL server failed to answer ({exc})")
            return
        finally:
            connection.close()
        self.send_response(response.status)
        for name in _RESPONSE_HEADERS:
            if response.getheader(name):
                self.send_header(name, response.getheader(name))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Actorgraph-Build", str(endpoint.generation))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
