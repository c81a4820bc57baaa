"""The extraction stage end to end: files in, :class:`DocumentResult` out."""

from __future__ import annotations

import dataclasses
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc

from extract.config import EXTRACTOR_NAME, ExtractConfig
from extract.coref import Timeline, entry_for
from extract.dates import find_date
from extract.documents import ReadDocument
from extract.events import (
    clause_date,
    merge_corpus_events,
    merge_same,
    named_event_class,
    relation_event,
)
from extract.lexicon import load_cues
from extract.model import Actor, Assertion, DocumentResult, Event, Evidence, Mention, Resolution
from extract.nlp import build_pipeline
from extract.readers import Skipped, read_inputs, unique
from extract.registry import Registry
from extract.relations import UNSTATED, ArgFinder, Found, RelationExtractor
from extract.resolve import ActorRecord, Candidate, DocumentResolver, find_candidates, short_forms
from extract.text import Bounded, bounded


class Extractor:
    """Loads the model and lexicons once, then extracts document after document.

    Examples
    --------
    >>> from extract.readers import read_document
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> _ = path.write_text("Soleimani was chosen by Khamenei to lead the Quds Force.")
    >>> result = Extractor().extract(read_document(path))
    >>> sorted((a.subject, a.predicate, a.object) for a in result.assertions)
    [('Ali_Khamenei', 'appointed', 'Qasem_Soleimani'), ('Qasem_Soleimani', 'leads', 'Quds_Force')]
    """

    def __init__(self, config: ExtractConfig | None = None) -> None:
        self.config = config or ExtractConfig()
        #: Seconds spent parsing (waiting on ``nlp.pipe``) and applying the rules.
        self.timings = {"parse": 0.0, "rules": 0.0}
        self.registry = Registry.load(self.config.aliases)
        load_cues(extra=self.config.cues)  # a broken cue file fails here, not mid-corpus
        self.nlp = build_pipeline(self.registry, self.config.model)
        self._known_people: set[str] = set()
        self._known_index: dict[str, set[str]] = {}  # short form -> known full names
        self._ids: set[str] = set()
        self._states = {e.id: e.affiliation for e in self.registry.entries.values()
                        if e.cls == "Person" and e.affiliation in self.registry.entries}
        self._entry_classes = {e.id: e.cls for e in self.registry.entries.values()}

    def _lookup(self, name: str) -> str | None:
        entry = self.registry.lookup(name)
        return entry.id if entry else None

    def extract(self, read: ReadDocument, where: str = "") -> DocumentResult:
        """Extract the nodes, relations and events of one read document.

        An id this extractor has already seen (``a/x.txt`` and ``b/x.txt``) is
        suffixed with a hash of ``where`` and the content, so both documents stay.
        """
        return self.extract_many([(read, where)])[0]

    def extract_many(self, reads: Sequence[tuple[ReadDocument, str]]) -> list[DocumentResult]:
        """:meth:`extract` each ``(document, where)`` in order (see :meth:`extract_stream`)."""
        return list(self.extract_stream(reads))

    def extract_stream(self, reads: Iterable[tuple[ReadDocument, str]],
                       parse: Callable[[Iterable[str]], Iterable[Doc]] | None = None,
                       ) -> Iterator[DocumentResult]:
        """The results of ``(document, where)`` pairs, in order, as they are done.

        The paragraphs of every document go through one ``nlp.pipe`` stream, batched
        across documents (short documents, such as the lines of a JSON-lines file, cost
        what their words cost) and parsed by ``config.workers`` processes; ``reads`` is
        consumed as the stream needs it, so memory holds a few batches, not the corpus.
        The rules run here, document after document, so the results do not depend on
        the number of workers. ``parse`` replaces the local stream: it maps paragraph
        texts to their parsed ``Doc`` objects in order (on a cluster, say:
        :func:`extract.distributed.dask_parser`).
        """
        pending: deque[tuple[ReadDocument, Bounded, list[Doc]]] = deque()

        def texts() -> Iterator[str]:
            for read, where in reads:
                read = unique(read, where, self._ids)
                fit = bounded(read.blocks)
                read = dataclasses.replace(read, blocks=fit.blocks)
                pending.append((read, fit, []))
                for block in read.blocks:
                    yield block.text

        def done() -> Iterator[DocumentResult]:
            while pending and len(pending[0][2]) == len(pending[0][0].blocks):
                read, fit, docs = pending.popleft()
                started = time.perf_counter()
                result = self._extract_parsed(read, docs, fit)
                self.timings["rules"] += time.perf_counter() - started
                yield result

        workers = max(1, self.config.workers)
        parsed = (parse(texts()) if parse is not None else
                  self.nlp.pipe(texts(), batch_size=self.config.batch_size, n_process=workers))
        started = time.perf_counter()
        for doc in parsed:
            self.timings["parse"] += time.perf_counter() - started
            for _read, _fit, docs in pending:  # the first document still waiting for one
                if len(docs) < len(_read.blocks):
                    docs.append(doc)
                    break
            yield from done()
            started = time.perf_counter()
        yield from done()

    def _extract_parsed(self, read: ReadDocument, docs: list[Doc], fit: Bounded,
                        ) -> DocumentResult:
        resolver = DocumentResolver(self.registry, docs, self._known_people,
                                    self._known_index)
        mentions = resolver.resolve(find_candidates(docs, self.registry))
        for record in resolver.records.values():
            if record.cls == "Person" and not record.registered and " " in record.key:
                name = record.key[len("~name:"):]
                if name not in self._known_people:
                    self._known_people.add(name)
                    for form in short_forms(name):
                        self._known_index.setdefault(form, set()).add(name)
        labels = _Labels(self.registry)
        labels.update((key, _label(record)) for key, record in resolver.records.items())
        classes = {key: record.cls for key, record in resolver.records.items()}
        timeline = Timeline([entry_for(docs[m.block][m.end - 1], m.block, m.key, m.cls)
                             for m in mentions])
        rel = RelationExtractor(classes, self._entry_classes, self.config.cues)
        assertions, events = self._relations(read, docs, mentions, timeline, rel, labels)
        implied = {a.object for a in assertions} - set(resolver.records)
        actors = [_actor(r) for r in resolver.records.values()]
        actors += [self._implied_actor(key) for key in sorted(implied)]
        events += self._named_events(read, mentions, resolver.records)
        result = DocumentResult(
            document=read.document,
            actors=tuple(sorted(actors, key=lambda a: a.key)),
            mentions=tuple(self._mention(read, docs, m) for m in mentions),
            assertions=tuple(assertions),
            events=tuple(sorted(merge_same(events), key=lambda e: e.key)),
            warnings=fit.notes(),
        )
        # an event told undated in one sentence and dated in another is one event
        return merge_corpus_events([result])[0]

    # -- pieces ---------------------------------------------------------------

    def _relations(self, read: ReadDocument, docs: list[Doc], mentions: list[Candidate],
                   timeline: Timeline, rel: RelationExtractor, labels: dict[str, str],
                   ) -> tuple[list[Assertion], list[Event]]:
        assertions: list[Assertion] = []
        events: list[Event] = []
        counts = Counter(m.key for m in mentions)
        by_block: dict[int, list[Candidate]] = {}
        for m in mentions:
            by_block.setdefault(m.block, []).append(m)
        unstated: list[tuple[int, object, dict[int, str], Found]] = []
        for block_index, doc in enumerate(docs):
            token_keys, texts = {}, {}
            for m in by_block.get(block_index, ()):
                for i in range(m.start, m.end):
                    token_keys[i], texts[i] = m.key, m.text
            finder = ArgFinder(block_index, token_keys, texts, timeline, self._states,
                               self._lookup, rel.classes, counts)
            for sent in doc.sents:
                found = [f for f in rel.sentence(sent, finder)
                         if f.confidence >= self.config.min_confidence]
                unstated += [(block_index, sent, token_keys, f) for f in found
                             if f.subject is UNSTATED]
                found = [f for f in found if f.subject is not UNSTATED]
                made = [self._assertion(read, block_index, sent, f) for f in found]
                assertions += made
                events += self._events(read, sent, found, made, labels, token_keys, rel.classes)
        # a dated event noun with no agent ("the withdrawal from the agreement on May 8,
        # 2018") takes the one agent the rest of the document gives that relation
        told = [(a.subject, a.predicate, a.object) for a in assertions]
        for block_index, sent, token_keys, item in unstated:
            agents = {s for s, p, o in told if p == item.predicate and o == item.object.key}
            filled = rel.attribute(item, agents.pop()) if len(agents) == 1 else None
            if filled is None:
                continue
            made = [self._assertion(read, block_index, sent, filled)]
            assertions += made
            events += self._events(read, sent, [filled], made, labels, token_keys, rel.classes)
        return assertions, events

    def _assertion(self, read: ReadDocument, block: int, sent: object, found: Found) -> Assertion:
        clean_start = read.blocks[block].start + sent.start_char  # type: ignore[attr-defined]
        clean_end = read.blocks[block].start + sent.end_char  # type: ignore[attr-defined]
        start, end = read.textmap.span_to_original(clean_start, clean_end)
        doc = read.document
        sentence = " ".join(read.textmap.text[clean_start:clean_end].split())
        date = clause_date(sent.doc[found.anchor], doc.date)  # type: ignore[attr-defined]
        return Assertion(
            subject=found.subject.key,
            predicate=found.predicate,
            object=found.object.key,
            confidence=found.confidence,
            extractor=f"{EXTRACTOR_NAME} {found.rule}",
            evidence=Evidence(doc.id, doc.source_file, sentence, start, end,
                              found.subject.text, found.object.text),
            date=date or doc.date,
            dated="text" if date else "publication" if doc.date else "",
            claimant=found.claimant, reporting=found.reporting, stance=found.stance,
        )

    def _events(self, read: ReadDocument, sent: object, found: list[Found],
                made: list[Assertion], labels: dict[str, str], token_keys: dict[int, str],
                classes: dict[str, str]) -> list[Event]:
        groups: dict[tuple[int, str, str], list[Assertion]] = {}
        for item, assertion in zip(found, made, strict=True):
            if item.stance == "denied":
                continue  # a denied relation tells of no event
            groups.setdefault((item.anchor, item.predicate, item.event or ""), []).append(assertion)
        events = []
        for (anchor, _predicate, event_class), group in sorted(groups.items()):
            token = sent.doc[anchor]  # type: ignore[attr-defined]
            places = [token_keys[t.i] for t in token.subtree if t.i in token_keys
                      and classes.get(token_keys[t.i]) == "Place"]
            event = relation_event(group, token, labels, read.document.date,
                                   places[0] if places else None, event_class or None)
            if event is not None:
                events.append(event)
        return events

    def _named_events(self, read: ReadDocument, mentions: list[Candidate],
                      records: dict[str, ActorRecord]) -> list[Event]:
        events: dict[str, Event] = {}
        for m in mentions:
            record = records[m.key]
            if record.cls != "Event" or m.key in events:
                continue
            found = find_date(m.text, read.document.date)
            label = _label(record)
            events[m.key] = Event(key=m.key, cls=named_event_class(label), label=label,
                                  date=found[0] if found else None)
        return list(events.values())

    def _mention(self, read: ReadDocument, docs: list[Doc], m: Candidate) -> Mention:
        span = docs[m.block][m.start : m.end]
        base = read.blocks[m.block].start
        start, end = read.textmap.span_to_original(base + span.start_char, base + span.end_char)
        return Mention(span.text, start, end, m.key, m.rule, m.confidence)

    def _implied_actor(self, key: str) -> Actor:
        entry = self.registry.entries[key]
        return Actor(key=key, label=entry.label, cls=entry.cls, qid=entry.qid,
                     surface_forms=(), mentions=0, rules=("implied",), registered=True)


class _Labels(dict[str, str]):
    """The labels of a document's nodes; a registry entry a role implies has its own."""

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry

    def __missing__(self, key: str) -> str:
        return self.registry.entries[key].label


def _label(record: ActorRecord) -> str:
    if record.label:
        return record.label
    declared = {form for (form, rule) in record.resolutions if rule != "alias"}
    forms = sorted(record.forms.items(),
                   key=lambda kv: (kv[0] not in declared, -kv[1], -len(kv[0]), kv[0]))
    return forms[0][0] if forms else record.key


#: Rules that link a description, not a name: their forms ("the country", "the
#: President") are no labels of the node.
_DESCRIPTIVE_RULES = frozenset({"nominal", "title"})


def _actor(record: ActorRecord) -> Actor:
    named = {form for (form, rule) in record.resolutions if rule not in _DESCRIPTIVE_RULES}
    return Actor(
        key=record.key,
        label=_label(record),
        cls=record.cls,
        qid=record.qid,
        surface_forms=tuple(sorted(f for f in record.forms if f and f in named)),
        mentions=sum(record.forms.values()),
        rules=tuple(sorted(record.rules)),
        registered=record.registered,
        resolutions=tuple(Resolution(form, rule, confidence, count) for (form, rule), (count, confidence)
                          in sorted(record.resolutions.items())),
    )


def extract_corpus(
    inputs: Iterable[str | Path], config: ExtractConfig | None = None,
    extractor: Extractor | None = None,
) -> Iterator[DocumentResult | Skipped]:
    """Extract every document under ``inputs``, in a stable order.

    Inputs that cannot be read are yielded as :class:`Skipped` (with a one-line
    reason naming the file) and the rest of the corpus goes on. Two documents
    with the same id (``a/x.txt`` and ``b/x.txt``) keep both, the later one under
    an id suffixed with a hash of its path.
    """
    extractor = extractor or Extractor(config)
    for where, item in read_inputs(inputs, extractor.config.max_bytes):
        yield item if isinstance(item, Skipped) else extractor.extract(item, where)
