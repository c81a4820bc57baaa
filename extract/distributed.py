"""Parsing on a Dask cluster: paragraphs go out in chunks, parsed documents come back.

The language model is the costly part of extraction; it runs on the cluster's workers
(each loads the pipeline once, with the same registry), and the parsed paragraphs come
back as spaCy ``DocBin`` bytes. The rules then run in the building process, document
after document, exactly as in a local build, so the graph is the same byte for byte.

Examples
--------
>>> from distributed import Client, LocalCluster  # doctest: +SKIP
>>> cluster = LocalCluster(n_workers=2, threads_per_worker=1)  # doctest: +SKIP
>>> # actorgraph build corpus --executor dask --scheduler tcp://127.0.0.1:8786
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from extract.config import ExtractConfig
from ontology import InputError

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: Paragraphs per task, and tasks in flight at once (enough to keep every worker busy,
#: few enough that memory holds a handful of chunks).
CHUNK = 128
WINDOW = 16

_PIPELINES: dict[tuple, object] = {}  # one loaded pipeline per worker process and setting


def parse_chunk(texts: list[str], model: str | None, aliases: tuple[str, ...],
                batch_size: int) -> bytes:
    """Parse ``texts`` with the build's pipeline (loaded once per worker): ``DocBin`` bytes."""
    from spacy.tokens import DocBin

    key = (model, aliases)
    nlp = _PIPELINES.get(key)
    if nlp is None:
        from pathlib import Path

        from extract.nlp import build_pipeline
        from extract.registry import Registry

        nlp = _PIPELINES[key] = build_pipeline(Registry.load(tuple(map(Path, aliases))), model)
    docs = DocBin(store_user_data=True)
    for doc in nlp.pipe(texts, batch_size=batch_size):  # type: ignore[attr-defined]
        docs.add(doc)
    return docs.to_bytes()


def dask_parser(scheduler: str, config: ExtractConfig, vocab: Vocab,
                ) -> Callable[[Iterable[str]], Iterator[Doc]]:
    """A ``parse`` for :meth:`extract.Extractor.extract_stream` that sends the paragraphs
    to the Dask scheduler at ``scheduler`` (``tcp://host:8786``) in chunks, a window of
    them in flight, and yields the parsed documents in order.

    Raises
    ------
    InputError
        Dask's ``distributed`` is not installed, or no scheduler answers at ``scheduler``.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise InputError("--executor dask needs Dask: pip install 'distributed==2026.8.0'") from exc
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"no Dask scheduler answers at {scheduler} ({exc})") from exc
    aliases = tuple(str(p) for p in config.aliases)

    def parse(texts: Iterable[str]) -> Iterator[Doc]:
        from spacy.tokens import DocBin

        pending: deque = deque()

        def submit(chunk: list[str]) -> None:
            pending.append(client.submit(parse_chunk, chunk, config.model, aliases,
                                         config.batch_size, pure=False))

        def ready() -> Iterator[Doc]:
            yield from DocBin().from_bytes(pending.popleft().result()).get_docs(vocab)

        try:
            chunk: list[str] = []
            for text in texts:
                chunk.append(text)
                if len(chunk) == CHUNK:
                    submit(chunk)
                    chunk = []
                    if len(pending) >= WINDOW:
                        yield from ready()
            if chunk:
                submit(chunk)
            while pending:
                yield from ready()
        finally:
            client.close()

    return parse
