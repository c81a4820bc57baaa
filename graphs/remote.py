"""Loading a built graph into another SPARQL 1.1 server.

Two standard ways, so any server will do (Oxigraph, Apache Jena Fuseki, Virtuoso,
GraphDB): the Graph Store HTTP Protocol (``PUT URL?graph=IRI`` for each named
graph; ``URL`` is the server's graph store endpoint) or SPARQL 1.1 Update
(``DROP SILENT GRAPH`` then ``INSERT DATA`` in chunks; ``URL`` is its update
endpoint). Each named graph is replaced whole, so pushing twice is harmless.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ontology import GraphError

PROTOCOLS = ("gsp", "update")
_CHUNK = 20_000  # triples per INSERT DATA request


@dataclass(frozen=True)
class PushResult:
    graphs: int
    triples: int


def _request(url: str, data: bytes, method: str, content_type: str,
             auth: tuple[str, str] | None, timeout: float) -> None:
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": content_type})
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:200].decode("utf-8", "replace").strip()
        raise GraphError(f"{url}: the server answered {exc.code} {exc.reason}"
                         f"{': ' + detail if detail else ''}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise GraphError(f"{url}: cannot reach the server ({reason})") from exc


def push(named: Mapping[str, list[str]], url: str, protocol: str = "gsp",
         auth: tuple[str, str] | None = None, timeout: float = 60.0,
         progress: Callable[[str, int, int], None] | None = None) -> PushResult:
    """Send each named graph (as N-Triples lines) to ``url``, replacing what it held.

    Raises
    ------
    GraphError
        The protocol is unknown, the server cannot be reached or refuses a request.
    """
    if protocol not in PROTOCOLS:
        raise GraphError(f"protocol {protocol!r}, expected one of {', '.join(PROTOCOLS)}")
    total = 0
    done: list[str] = []
    for index, (name, lines) in enumerate(sorted(named.items()), start=1):
        try:
            if protocol == "gsp":
                target = (f"{url}{'&' if '?' in url else '?'}graph="
                          f"{urllib.parse.quote(name, safe='')}")
                _request(target, "\n".join(lines).encode("utf-8") + b"\n", "PUT",
                         "application/n-triples", auth, timeout)
            else:
                _update(url, name, lines, auth, timeout)
        except GraphError as exc:
            raise GraphError(_partial(exc, done, name, len(named), protocol)) from exc
        done.append(name)
        total += len(lines)
        if progress:
            progress(name, index, len(named))
    return PushResult(len(named), total)


def _partial(exc: GraphError, done: list[str], failed: str, count: int, protocol: str) -> str:
    """The message of a push that stopped part way: what the server now holds."""
    if not done and protocol == "gsp":
        return f"{exc}; nothing was changed on the server"
    replaced = (f"{len(done)} of {count} graphs were replaced on the server "
                f"({done[0]} ... {done[-1]})" if done else "no graph was replaced whole")
    state = ("was left as it was" if protocol == "gsp"
             else "may be emptied or half loaded")
    return (f"{exc}; {replaced}, {failed} {state}; push again to finish (each graph is "
            f"replaced whole)")


def _update(url: str, name: str, lines: list[str], auth: tuple[str, str] | None,
            timeout: float) -> None:
    def send(text: str) -> None:
        body = urllib.parse.urlencode({"update": text}).encode()
        _request(url, body, "POST", "application/x-www-form-urlencoded", auth, timeout)

    send(f"DROP SILENT GRAPH <{name}>")
    for start in range(0, len(lines), _CHUNK):
        chunk = "\n".join(lines[start : start + _CHUNK])
        send(f"INSERT DATA {{ GRAPH <{name}> {{\n{chunk}\n}} }}")
