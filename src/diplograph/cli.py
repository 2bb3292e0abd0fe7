"""The ``diplograph`` command line.

Each command parses its options, calls one library function and prints the
result; ``DiplographGroup.invoke`` turns a ``DiplographError`` into a short
message and its exit code. Heavy modules (rdflib, pyshacl, even pyoxigraph) are
imported inside the commands, so ``--help`` and ``query`` start fast.

Adding a command: write its library function, then a ``@cli.command()`` below
that calls it (reuse the option decorators).
"""

import sys
from contextlib import contextmanager

import click

from diplograph.errors import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    CheckFailed,
    DiplographError,
    InputError,
    InternalError,
    Terminated,
)

EPILOG_LINK = "Docs: README.md and docs/modelling.md."


class DiplographGroup(click.Group):
    """Turns every failure into a one- or two-line message and a documented exit code.

    A ``DiplographError`` exits with its own code, Ctrl-C with 130, and any other
    exception (a bug here or in rdflib, pySHACL, pyoxigraph) with 4, "internal
    error"; ``--debug`` adds the traceback. Libraries' log records (rdflib logs
    tracebacks as warnings) are shown only with ``--debug``.
    """

    def invoke(self, ctx: click.Context):
        debug = bool(ctx.params.get("debug"))
        with _library_logs(debug), _terminate_like_interrupt():
            try:
                return super().invoke(ctx)
            except DiplographError as exc:
                _report(exc, debug)
                ctx.exit(exc.exit_code)
            except KeyboardInterrupt:
                click.echo("diplograph: interrupted", err=True)
                ctx.exit(EXIT_INTERRUPTED)
            except Terminated:
                click.echo("diplograph: terminated", err=True)
                ctx.exit(EXIT_TERMINATED)
            except (click.exceptions.ClickException, click.exceptions.Exit,
                    click.exceptions.Abort):
                raise  # click prints usage errors itself (exit 2)
            except Exception as exc:
                first = next(iter(str(exc).strip().splitlines()), "")
                error = InternalError(
                    f"internal error: {type(exc).__name__}" + (f": {first}" if first else ""),
                    hint="this is a bug; run with --debug for the traceback and report it",
                )
                _report(error, debug)
                ctx.exit(error.exit_code)


_MAX_LINE = 400  # characters of one message line; values quoted in messages can be huge


def _printable(text: str) -> str:
    """One terminal-safe line: control characters escaped, long text cut."""
    from diplograph.display import escape_controls

    text = escape_controls(text)
    return text if len(text) <= _MAX_LINE else text[: _MAX_LINE - 1] + "…"


def _report(exc: DiplographError, debug: bool) -> None:
    if debug:
        import traceback

        traceback.print_exc()
    from diplograph.http import mask_environment_secrets  # stdlib only: light

    for number, line in enumerate(exc.lines()):
        line = _printable(mask_environment_secrets(line))
        click.echo(("diplograph: " if number == 0 else "  ") + line, err=True)


@contextmanager
def _terminate_like_interrupt():
    """While a command runs, SIGTERM raises ``Terminated``: the clean-ups that run
    on Ctrl-C (``except BaseException`` in write_atomic and push) run on it too."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def terminate(_signum, _frame):
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _library_logs(debug: bool):
    import logging

    loggers = [logging.getLogger(name) for name in ("rdflib", "pyshacl")]
    levels = [logger.level for logger in loggers]
    if not debug:
        for logger in loggers:
            logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _version(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("diplograph")
    except PackageNotFoundError:
        number = "unknown (not installed)"
    click.echo(f"diplograph {number}")
    ctx.exit(0)


# ------------------------------------------------------------ shared options

def format_option(choices, default: str):
    return click.option(
        "--format", "-f", "fmt", type=click.Choice(choices), default=default,
        show_default=True, help="Output format.",
    )


def output_option(func):
    return click.option(
        "--output", "-o", type=click.Path(dir_okay=False, writable=False),
        help="Write to FILE (atomically) instead of standard output.",
    )(func)


def _tree(ctx: click.Context):
    from diplograph.paths import data_tree

    return data_tree(ctx.find_root().params.get("data"))


def _emit(text: str, output: str | None = None) -> None:
    if output:
        from diplograph.fileio import write_atomic

        write_atomic(output, text)
    else:
        try:
            click.echo(text, nl=False)  # click flushes, so a full disk shows here
        except OSError as exc:
            _silence_stdout()
            raise InputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """After a failed write, keep Python from failing again when it flushes stdout at exit."""
    import contextlib
    import os

    with contextlib.suppress(OSError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit


DEFAULT_TIMEOUT = 30.0  # seconds


def _remote_timeout(timeout: float | None, endpoint: str | None) -> float:
    """--timeout for an endpoint; refused, not ignored, for a local run."""
    if timeout is not None and not endpoint:
        raise InputError(
            "--timeout bounds requests to an --endpoint; a local query cannot be stopped "
            "part-way (the embedded engine holds the interpreter), so it is refused, not ignored",
            hint="leave --timeout out (Ctrl-C stops a local query), or give --endpoint",
        )
    return DEFAULT_TIMEOUT if timeout is None else timeout


def endpoint_options(func):
    """--endpoint, --timeout, --max-answer (see http.py; credentials come only from the env)."""
    func = click.option(
        "--max-answer", type=click.IntRange(1), default=256, show_default=True, metavar="MIB",
        help="With --endpoint: the largest answer accepted, in MiB.",
    )(func)
    func = click.option(
        "--timeout", type=float, default=None, metavar="SECONDS",
        help=f"With --endpoint: the deadline for each request, retries included "
             f"[default: {DEFAULT_TIMEOUT:g}]. Refused for local queries.",
    )(func)
    return click.option(
        "--endpoint", metavar="URL", envvar="DIPLOGRAPH_ENDPOINT",
        help="A SPARQL 1.1 endpoint. Env: DIPLOGRAPH_ENDPOINT. Credentials only from "
             "DIPLOGRAPH_USER/DIPLOGRAPH_PASSWORD or DIPLOGRAPH_TOKEN.",
    )(func)


def sources_option(func):
    """--sources: the folder of captured article texts (kept outside the repository)."""
    return click.option(
        "--sources", "sources_dir", metavar="DIR", envvar="DIPLOGRAPH_SOURCES",
        type=click.Path(file_okay=False),
        help="Folder of captured article texts. Env: DIPLOGRAPH_SOURCES.",
    )(func)


def occurrence_option(func):
    return click.option(
        "--occurrence", type=click.IntRange(1), metavar="N",
        help="Which occurrence of the words, when they occur more than once (1 = first).",
    )(func)


# Formats, spelled out here so that importing the CLI imports no RDF library.
QUERY_FORMATS = ("table", "records", "md", "csv", "tsv", "json", "xml", "jsonl", "objects")
EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml")
ENGINES = ("oxigraph", "rdflib")
JSONLD_FRAMES = ("events",)
DESCRIBE_FORMATS = ("turtle", "ntriples", "jsonld", "xml")


@click.group(cls=DiplographGroup, epilog=EPILOG_LINK,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--data", type=click.Path(file_okay=False),
              help="Data tree to use (ontology/, graph/, shapes/, queries/). Default: "
                   "$DIPLOGRAPH_DATA, else the nearest folder at or above the working "
                   "directory with ontology/ or graph/, else the bundled graph "
                   "(diplograph info says which).")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and exit.")
def cli(data, debug):
    """A knowledge graph of diplomatic summit facts, with the evidence for each.

    \b
    Example:
      diplograph validate && diplograph query timeline
    """


@cli.command()
@click.argument("name", required=False)
@click.option("--expression", "-e", "expression", metavar="TEXT",
              help="Run this query text instead of a stored query or file.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter declared in the query header (repeatable).")
@format_option(QUERY_FORMATS, "table")
@click.option("--labels/--iris", "labels", default=None,
              help="Show each IRI as its label (rdfs:label, schema:name, skos:prefLabel), "
                   "or as its compact IRI. Default: labels in table, records and md.")
@click.option("--max-width", type=click.IntRange(20), metavar="COLUMNS",
              help="Fit tables in this many columns. Default: the terminal's width "
                   "(COLUMNS); no limit when the output is not a terminal.")
@click.option("--engine", type=click.Choice(ENGINES), default="oxigraph", show_default=True,
              help="Local SPARQL engine.")
@endpoint_options
@click.option("--graph", metavar="IRI",
              help="With --endpoint: the graph the query sees as its default graph.")
@click.pass_context
def query(ctx, name, expression, params, fmt, labels, max_width, engine, endpoint, timeout,
          max_answer, graph):
    """Run a stored query, a query file, query text or standard input.

    NAME is a stored query's name, a file FILE.rq or FILE.sparql, or - to
    read the query from standard input; -e 'SELECT …' runs text instead.
    PREFIX lines may be left out for every known prefix (diplograph prefixes).
    SELECT and ASK print results (json and xml are the W3C SPARQL results
    formats; jsonl and objects plain JSON values); CONSTRUCT and DESCRIBE print
    Turtle. Updates are refused. Tables fit the terminal, wrapping long cells;
    rows too wide for it print as records (one field per line), as -f records
    always does.

    \b
    Example:
      diplograph query sources --format md
      diplograph query meetings-between -p leader2=person:xi-jinping
      echo 'SELECT * WHERE { ?s a schema:Person }' | diplograph query -
    """
    from diplograph.api import run_query
    from diplograph.display import terminal_width
    from diplograph.errors import ParameterError
    from diplograph.results import render, wants_labels

    if (name is None) == (expression is None):
        raise InputError("give one query: NAME, FILE.rq, - (standard input) or -e TEXT")
    text = expression
    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)
        try:
            text = stream.read().decode("utf-8-sig") if stream else sys.stdin.read()
        except UnicodeDecodeError as exc:
            raise InputError(f"standard input: the query is not UTF-8 ({exc.reason} at byte "
                             f"{exc.start})") from None
        name = "<stdin>"
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ParameterError(f"--param {item!r}: expected NAME=VALUE")
        values[key.strip().lstrip("?$")] = value
    show_labels = wants_labels(fmt, labels)
    result = run_query(_tree(ctx), name, values, engine, endpoint=endpoint, graph=graph,
                       timeout=_remote_timeout(timeout, endpoint), text=text,
                       labels=show_labels,
                       max_answer=max_answer * 2**20)
    for warning in result.warnings:
        click.echo(f"diplograph: {_printable(warning)}", err=True)
    width = terminal_width(max_width, sys.stdout)
    _emit(render(result, fmt, width=width, labels=show_labels))


@cli.command()
@format_option(("text", "turtle", "sparql", "json"), "text")
def prefixes(fmt):
    """List the known prefixes: usable in queries without PREFIX lines and in -p values.

    -f turtle prints the @prefix block, -f sparql the PREFIX block.

    \b
    Example:
      diplograph prefixes -f sparql > prefixes.rq
    """
    from diplograph.namespaces import prefix_block

    _emit(prefix_block(fmt))


@cli.command()
@format_option(("text", "json"), "text")
@click.pass_context
def queries(ctx, fmt):
    """List the stored queries with their title, description and parameters.

    \b
    Example:
      diplograph queries
    """
    from diplograph.api import catalogue

    _emit(catalogue(_tree(ctx), fmt))


@cli.command()
@format_option(("text", "turtle", "json", "github"), "text")
@click.option("--fail-on", type=click.Choice(("violation", "warning")), default="violation",
              show_default=True, help="Lowest severity that makes validation fail.")
@click.option("--quiet", "-q", is_flag=True,
              help="Only the summary and one line per violation (text, github).")
@click.option("--engine", type=click.Choice(("fast", "pyshacl")), default="fast",
              show_default=True,
              help="fast: the shapes compiled to SPARQL on Oxigraph; pyshacl: the reference "
                   "engine (same results, slower).")
@click.pass_context
def validate(ctx, fmt, fail_on, quiet, engine):
    """Check the data graph against the SHACL shapes and lint it.

    Lint finds what shapes cannot: undeclared dg: terms, dangling or untyped
    resources, IRIs off the {kind}/{slug} pattern, literals a parser rewrites;
    each is a violation with its file and line. Exit 0 when it conforms
    (warnings are printed but pass unless --fail-on warning), 1 when it does
    not, 2 on bad input. --format github writes ::error file=…,line=…::
    annotations for GitHub Actions.

    \b
    Example:
      diplograph validate --quiet
      diplograph validate --format github
    """
    from diplograph import validate as shacl

    report = shacl.validate(_tree(ctx), fail_on, engine)
    if report.note and sys.stderr.isatty():  # which engine ran: the results are the same
        click.echo(f"diplograph: {report.note}", err=True)
    _emit(shacl.render(report, fmt, quiet))
    if not report.conforms:
        raise CheckFailed(report.summary())


@cli.command()
@format_option(EXPORT_FORMATS, "turtle")
@click.option("--frame", type=click.Choice(JSONLD_FRAMES),
              help="With -f jsonld: a framed view (events: each event with its "
                   "participants, place, dates, statements and evidence nested).")
@output_option
@click.pass_context
def export(ctx, fmt, frame, output):
    """Write the whole data graph, deterministically (sorted, canonical blank nodes).

    TriG and N-Quads keep a named graph per article file, one for the shared
    entities and facts, one for the ontology and one for the dataset
    description; the other formats are the merged graph. JSON-LD is compacted
    with diplograph's context, inline (nothing is fetched).

    \b
    Example:
      diplograph export --format jsonld -o diplograph.jsonld
      diplograph export --format trig -o diplograph.trig
      diplograph export --format jsonld --frame events
    """
    from diplograph.publishing.dataset import export_dataset

    _emit(export_dataset(_tree(ctx), fmt, frame), output)


@cli.command()
@format_option(DESCRIBE_FORMATS, "turtle")
@click.option("--endpoint", metavar="URL",
              help="The public SPARQL endpoint to state (void:sparqlEndpoint, a dcat:DataService).")
@output_option
@click.pass_context
def describe(ctx, fmt, endpoint, output):
    """Describe the dataset in VoID and DCAT: counts, partitions, licence, distributions.

    Every figure is computed from the data (void:triples is stats' triples).

    \b
    Example:
      diplograph describe --endpoint https://example.org/sparql -o void.ttl
    """
    from diplograph.publishing.describe import describe as describe_dataset

    _emit(describe_dataset(_tree(ctx), fmt, endpoint), output)


@cli.command()
@format_option(("table", "json"), "table")
@click.pass_context
def stats(ctx, fmt):
    """Count triples, resources by class, facts per source and disagreements.

    \b
    Example:
      diplograph stats --format json
    """
    from diplograph import stats as figures

    _emit(figures.render(figures.stats(_tree(ctx)), fmt))


@cli.command()
@format_option(("text", "json"), "text")
@click.pass_context
def info(ctx, fmt):
    """Say which data tree commands read here, why, and how many files it holds.

    The tree is --data, else $DIPLOGRAPH_DATA, else the nearest folder at or
    above the working directory with ontology/ or graph/ holding *.ttl, else
    the bundled copy; ontology/, shapes/ or queries/ it lacks come from the
    bundled copy.

    \b
    Example:
      diplograph info
    """
    from diplograph.info import info as describe
    from diplograph.info import render

    _emit(render(describe(_tree(ctx)), fmt))


@cli.command()
@click.option("--sources", required=True, type=click.Path(),
              help="Folder of captured article texts (named as dg:fileName says).")
@click.pass_context
def evidence(ctx, sources):
    """Check captures' SHA-256 and that every quoted evidence is verbatim in its source.

    \b
    Example:
      diplograph evidence --sources ../shared/seeds
    """
    from diplograph.api import evidence_report

    text, problems = evidence_report(_tree(ctx), sources)
    _emit(text)
    if problems:
        raise CheckFailed(f"{problems} evidence problem{'s' if problems != 1 else ''} found")


@cli.command()
@endpoint_options
@click.option("--update-endpoint", metavar="URL", envvar="DIPLOGRAPH_UPDATE_ENDPOINT",
              help="Where updates go when not to --endpoint (Oxigraph …/update, Fuseki "
                   "…/DATASET/update, GraphDB …/repositories/REPO/statements). "
                   "Env: DIPLOGRAPH_UPDATE_ENDPOINT.")
@click.option("--graph", metavar="IRI", help="Named graph to load; default: the default graph.")
@click.option("--replace", is_flag=True,
              help="Make the graph hold exactly the data, swapped in by one update.")
@click.option("--batch-size", type=click.IntRange(1), default=2000, show_default=True,
              help="Triples per INSERT DATA request.")
@click.option("--per-source", is_flag=True,
              help="Replace graph by graph: one per article file, the shared facts, the "
                   "ontology, the dataset description (README: named graphs).")
@click.option("--graph-store", metavar="URL",
              help="With --per-source: a Graph Store Protocol URL (Oxigraph …/store) to PUT "
                   "each graph to; else SPARQL Update.")
@click.option("--source", "sources", multiple=True, metavar="SLUG",
              help="With --per-source: only this article's graph (repeatable).")
@click.pass_context
def push(ctx, endpoint, timeout, max_answer, update_endpoint, graph, replace, batch_size,
         per_source, graph_store, sources):
    """Load the data graph into a SPARQL store and check that it landed.

    Pushing the same data again adds nothing (blank nodes become skolem IRIs).
    --per-source replaces the dataset's named graphs one by one, each atomically.

    \b
    Example:
      diplograph push --endpoint http://127.0.0.1:7878/query \\
        --update-endpoint http://127.0.0.1:7878/update --graph https://example.org/g --replace
      diplograph push --endpoint http://127.0.0.1:7878/query --per-source \\
        --graph-store http://127.0.0.1:7878/store
    """
    if per_source:
        if graph or replace:
            raise InputError("--per-source replaces each graph of the dataset by its own "
                             "name; it takes neither --graph nor --replace")
        from diplograph.publishing.push import push_per_source

        _emit(push_per_source(
            _tree(ctx), endpoint, update_url=update_endpoint, graph_store=graph_store,
            only=sources, timeout=_remote_timeout(timeout, endpoint),
            max_answer=max_answer * 2**20, max_triples=batch_size,
            progress=lambda line: click.echo(line, err=True)) + "\n")
        return
    if graph_store or sources:
        raise InputError("--graph-store and --source go with --per-source")
    from diplograph.endpoint import push_tree

    summary = push_tree(
        _tree(ctx), endpoint, update_url=update_endpoint, graph=graph, replace=replace,
        timeout=_remote_timeout(timeout, endpoint), max_answer=max_answer * 2**20,
        max_triples=batch_size,
        progress=lambda line: click.echo(line, err=True),
    )
    _emit(summary + "\n")


@cli.command()
@click.option("--output", "-o", "output", required=True, type=click.Path(file_okay=False),
              help="Folder to write the site to (new, empty, or an earlier build: replaced).")
@click.option("--sources", type=click.Path(file_okay=False),
              help="Folder of captured article texts: show each article with its quotes "
                   "highlighted (the texts then are in the site; publish it only if you may).")
@click.pass_context
def site(ctx, output, sources):
    """Write a static linked-data site: pages, timeline, who met whom, Turtle and JSON-LD.

    \b
    Example:
      diplograph site -o build/site --sources ../shared/seeds && diplograph serve build/site
    """
    from diplograph.site import build_site

    summary = build_site(_tree(ctx), output, sources)
    click.echo(summary.line(), err=True)


@cli.command()
@click.argument("folder", default=".", required=False, type=click.Path(file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1 opens the site to others.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port (0: any free port).")
def serve(folder, host, port):
    """Serve a built site (FOLDER, default: here), read-only, with a SPARQL endpoint.

    /id/{kind}/{slug} answers HTML, Turtle or JSON-LD by the Accept header;
    /sparql takes SPARQL 1.1 Protocol queries (GET or POST). Ctrl-C stops it.

    \b
    Example:
      diplograph serve build/site --port 8000
    """
    from diplograph.site import serve_site

    serve_site(folder, host, port, announce=lambda line: click.echo(line, err=True))


@cli.command()
@click.argument("text")
@click.option("--limit", "-n", type=click.IntRange(1), default=10, show_default=True,
              help="Show at most N matches.")
@format_option(("table", "json"), "table")
@click.pass_context
def find(ctx, text, limit, fmt):
    """Find resources by name, label, alternate name or IRI (best first).

    Case, spaces, hyphens and diacritics are ignored; close misspellings
    match too. Prints IRI, class, label and the file that describes each.
    Exit 1 when nothing matches.

    \b
    Example:
      diplograph find "lee jae myung"
      diplograph find gyeongju -n 3
    """
    from diplograph.curation.find import find_resources, render

    tree = _tree(ctx)
    matches = find_resources(tree, text, limit=limit)
    if not matches:
        raise CheckFailed(f"no resource matches {text!r}")
    _emit(render(matches, tree.root, fmt))


def _interactive() -> bool:
    """Whether a person is at the keyboard to answer questions."""
    return sys.stdin.isatty()


_ARTICLE_PROMPTS = (("title", "Headline as printed"), ("outlet", "Outlet (IRI or name)"),
                    ("published", "Date published, ISO 8601"), ("byline", "Byline as printed"),
                    ("url", "URL"))


@cli.command("new-source")
@click.argument("capture", type=click.Path(dir_okay=False))
@click.option("--title", help="The headline, as printed.")
@click.option("--url", help="The article's URL.")
@click.option("--outlet", metavar="IRI-OR-NAME", help="The publisher, a news outlet in the graph.")
@click.option("--published", metavar="DATE", help="Date (time) published, ISO 8601, as printed.")
@click.option("--modified", metavar="DATE", help="Date (time) updated, ISO 8601, as printed.")
@click.option("--byline", help="The byline, as printed.")
@click.option("--author", "authors", multiple=True, metavar="IRI-OR-NAME",
              help="An author in the graph (repeatable).")
@click.option("--dateline", help="The dateline, as printed (e.g. 'SEOUL').")
@click.option("--dateline-place", metavar="IRI-OR-NAME", help="The dateline's place.")
@click.option("--wire", metavar="IRI-OR-NAME", help="The wire service the copy is from.")
@click.option("--language", default="en", show_default=True, help="The article's language.")
@click.option("--slug", help="The source's slug; default: DATE-first-words-of-the-title.")
@click.option("--curator", metavar="NAME",
              help="Who adds the source, for its provenance block; default: "
                   "$DIPLOGRAPH_CURATOR, else git's user.name.")
@click.pass_context
def new_source(ctx, capture, slug, curator, **given):
    """Write graph/sources/SLUG.ttl for a captured article text, CAPTURE.

    Records what the article prints and the capture's file name and SHA-256;
    the text itself stays outside the repository. On a terminal, missing
    headline, outlet, date, byline and URL are asked for (Enter leaves one
    out); nothing is guessed. The file ends with a provenance block naming
    the curator, the time and the diplograph version; what is cited into the
    file later goes before it. Prints the IRIs it minted. Never overwrites.

    Captures are UTF-8 text files named NNN_HHHHHHHHHHHHHHHH.txt, kept in a
    folder outside the repository; cite and add find them there by name
    (--sources DIR or DIPLOGRAPH_SOURCES).

    \b
    Example:
      diplograph new-source ~/captures/005_1a2b3c4d5e6f7a8b.txt \\
        --title "Leaders meet in Seoul" --outlet "The Japan News" --published 2026-02-03
    """
    from diplograph.curation.source import Article
    from diplograph.curation.source import new_source as write_source

    if _interactive():
        for name, prompt in _ARTICLE_PROMPTS:
            if not given[name]:
                given[name] = click.prompt(prompt, default="", show_default=False) or None
    given["authors"] = list(given["authors"])
    tree = _tree(ctx)
    made = write_source(tree, capture, Article(**given), slug=slug, curator=curator)
    _emit(_written(tree, [made.path], made.minted))


def _written(tree, paths, minted) -> str:
    """The minted IRIs for standard output; the files written are noted on standard error."""
    from diplograph.curation.common import compact

    for path in paths:
        shown = path.relative_to(tree.root) if path.is_relative_to(tree.root) else path
        click.echo(f"wrote {shown.as_posix()}", err=True)
    return "".join(f"{compact(iri)}\n" for iri in minted)


@cli.command()
@click.argument("source")
@click.argument("words")
@click.option("--about", multiple=True, metavar="IRI-OR-NAME",
              help="A resource the words are evidence for (repeatable).")
@click.option("--supports", multiple=True, metavar="PROPERTY",
              help="A property the words support, e.g. dg:onSidelinesOf (repeatable).")
@click.option("--quotation-of", metavar="STATEMENT",
              help="The words are the speaker's own: a dg:Quotation of this statement.")
@occurrence_option
@sources_option
@click.pass_context
def cite(ctx, source, words, about, supports, quotation_of, occurrence, sources_dir):
    """Add evidence: the exact WORDS of SOURCE support the --about resources.

    The words must occur verbatim in the capture (curly quotes matter); when
    they occur more than once, --occurrence picks one and the prefix and
    suffix that tell it apart are recorded. Appends one annotation, with the
    next free id, to the source's file.

    \b
    Example:
      diplograph cite source:2026-01-09-lee-to-visit-japan-next-week \\
        "Lee's Beijing trip" --about event:2026-01-lee-visit-to-china
    """
    from diplograph.curation.cite import cite as add_evidence

    tree = _tree(ctx)
    cited = add_evidence(tree, source, words, about=list(about), supports=list(supports),
                         quotation_of=quotation_of, occurrence=occurrence,
                         sources_dir=sources_dir)
    _emit(_written(tree, [cited.path], [cited.iri]))


@cli.group()
def add():
    """Add a fact with its evidence: an event, statement, person, place, organization, date.

    Each takes the SOURCE and the exact WORDS reporting the fact, writes the
    resource to its file (graph/events.ttl, statements.ttl, entities/) and
    the status report, date and evidence to the source's file, and prints
    the IRIs it minted. Names or IRIs of things already in the graph.

    \b
    Example:
      diplograph add person source:2026-02-03-seoul-talks "Foreign Minister Hana Moriyama" \\
        --name "Hana Moriyama" --office "Foreign Minister of Japan"
    """


def _fact_arguments(func):
    func = sources_option(occurrence_option(func))
    func = click.argument("words")(func)
    return click.argument("source")(func)


@add.command("event")
@_fact_arguments
@click.option("--kind", required=True, metavar="CLASS",
              help="The event class, e.g. SummitMeeting, Visit, PressBriefing.")
@click.option("--label", required=True, help="What the event is, in a few words.")
@click.option("--date", metavar="DATE-OR-WORDS",
              help="ISO 8601 (2026-02-03, 2026-02), or the article's words ('on Tuesday').")
@click.option("--place", metavar="IRI-OR-NAME", help="Where it took place.")
@click.option("--participant", "participants", multiple=True, metavar="WHO[=ROLE]",
              help="Who took part, and in what role (host, visitor, …); repeatable.")
@click.option("--status", metavar="STATUS", help="Its status as of the article: occurred, "
              "planned, announced, arranged, expected, possible.")
@click.option("--part-of", metavar="EVENT", help="The event it is part of (sem:subEventOf).")
@click.option("--sidelines-of", metavar="EVENT", help="The event it is on the sidelines of.")
@click.option("--meeting-kind", "meeting_kinds", multiple=True, metavar="KIND",
              help="A meeting kind (makeAVisit, hostAVisit, meetAtThirdLocation, …).")
@click.option("--about", multiple=True, metavar="IRI-OR-NAME",
              help="Something else the words are evidence for (repeatable).")
@click.option("--slug", help="The event's slug; default: its date and label.")
@click.pass_context
def add_event(ctx, source, words, occurrence, sources_dir, about, **facts):
    """An event with its participants and status as of the article.

    \b
    Example:
      diplograph add event source:2026-02-03-seoul-talks "met Lee in Seoul on Tuesday" \\
        --kind SummitMeeting --label "Takaichi meets Lee in Seoul" --date "on Tuesday" \\
        --place place:seoul --participant "Lee Jae-myung=host" \\
        --participant "Sanae Takaichi=visitor" --status occurred
    """
    from diplograph.curation.scaffold import EventFacts
    from diplograph.curation.scaffold import add_event as write_event

    facts["participants"] = list(facts["participants"])
    facts["meeting_kinds"] = list(facts["meeting_kinds"])
    tree = _tree(ctx)
    added = write_event(tree, source, words, EventFacts(**facts), occurrence=occurrence,
                        sources_dir=sources_dir, about=list(about))
    _emit(_written(tree, added.files, added.minted))


@add.command("statement")
@_fact_arguments
@click.option("--label", required=True, help="'Speaker: what was said', in a few words.")
@click.option("--speaker", "speakers", multiple=True, metavar="WHO", help="Who said it.")
@click.option("--occasion", metavar="EVENT", help="The event it was said at.")
@click.option("--kind", default="Statement", show_default=True, metavar="CLASS",
              help="Statement, Pledge, Proposal, Agreement, Hope, Intention, Assessment.")
@click.option("--verb", help="The reporting verb as printed ('said', 'told reporters').")
@click.option("--gist", help="A one-line English summary.")
@click.option("--topic", "topics", multiple=True, metavar="TOPIC", help="A topic (repeatable).")
@click.option("--recipient", "recipients", multiple=True, metavar="WHO",
              help="Whom it was addressed to (repeatable).")
@click.option("--about", multiple=True, metavar="IRI-OR-NAME",
              help="Something else the words are evidence for (repeatable).")
@click.option("--slug", help="The statement's slug; default: the occasion's date and label.")
@click.pass_context
def add_statement(ctx, source, words, occurrence, sources_dir, about, **facts):
    """A statement with speaker and occasion; WORDS are its quotation.

    \b
    Example:
      diplograph add statement source:2026-02-03-seoul-talks "a fresh step for our neighbours" \\
        --label "Takaichi: a fresh step" --speaker "Sanae Takaichi" \\
        --occasion event:2026-02-03-takaichi-meets-lee-in-seoul --verb said
    """
    from diplograph.curation.scaffold import StatementFacts
    from diplograph.curation.scaffold import add_statement as write_statement

    for name in ("speakers", "topics", "recipients"):
        facts[name] = list(facts[name])
    tree = _tree(ctx)
    added = write_statement(tree, source, words, StatementFacts(**facts), occurrence=occurrence,
                            sources_dir=sources_dir, about=list(about))
    _emit(_written(tree, added.files, added.minted))


@add.command("person")
@_fact_arguments
@click.option("--name", required=True, help="The name as printed.")
@click.option("--alternate-name", "alternate_names", multiple=True,
              help="Another spelling printed (repeatable).")
@click.option("--family-name", help="The family name.")
@click.option("--given-name", help="The given name.")
@click.option("--office", metavar="POST", help="The office held (an org:Post in the graph).")
@click.option("--job-title", help="A job title as printed, when there is no post for it.")
@click.option("--slug", help="The person's slug; default: the name.")
@click.pass_context
def add_person(ctx, source, words, occurrence, sources_dir, **facts):
    """A person, with the office they hold (an org:Membership).

    \b
    Example:
      diplograph add person source:2026-02-03-seoul-talks "Foreign Minister Hana Moriyama" \\
        --name "Hana Moriyama" --family-name Moriyama --office "Foreign Minister of Japan"
    """
    from diplograph.curation.scaffold import PersonFacts
    from diplograph.curation.scaffold import add_person as write_person

    facts["alternate_names"] = list(facts["alternate_names"])
    tree = _tree(ctx)
    added = write_person(tree, source, words, PersonFacts(**facts), occurrence=occurrence,
                         sources_dir=sources_dir)
    _emit(_written(tree, added.files, added.minted))


@add.command("place")
@_fact_arguments
@click.option("--name", required=True, help="The name as printed.")
@click.option("--kind", required=True, metavar="KIND",
              help="City, Country, EventVenue, AdministrativeArea, BodyOfWater, Continent, Place.")
@click.option("--in", "within", metavar="PLACE", help="The place it is in (a city's country).")
@click.option("--alternate-name", "alternate_names", multiple=True,
              help="Another name printed (repeatable).")
@click.option("--slug", help="The place's slug; default: the name.")
@click.pass_context
def add_place(ctx, source, words, occurrence, sources_dir, **facts):
    """A place, with the place it is in.

    \b
    Example:
      diplograph add place source:2026-02-03-seoul-talks "in the port city of Busan" \\
        --name Busan --kind City --in "South Korea"
    """
    from diplograph.curation.scaffold import EntityFacts
    from diplograph.curation.scaffold import add_place as write_place

    facts["alternate_names"] = list(facts["alternate_names"])
    tree = _tree(ctx)
    added = write_place(tree, source, words, EntityFacts(**facts), occurrence=occurrence,
                        sources_dir=sources_dir)
    _emit(_written(tree, added.files, added.minted))


@add.command("organization")
@_fact_arguments
@click.option("--name", required=True, help="The name as printed.")
@click.option("--kind", required=True, metavar="KIND",
              help="FormalOrganization, NewsMediaOrganization, Organization.")
@click.option("--part-of", "within", metavar="ORGANIZATION",
              help="The organization it is part of.")
@click.option("--area", metavar="PLACE", help="The country a government serves.")
@click.option("--alternate-name", "alternate_names", multiple=True,
              help="Another name printed (repeatable).")
@click.option("--slug", help="The organization's slug; default: the name.")
@click.pass_context
def add_organization(ctx, source, words, occurrence, sources_dir, **facts):
    """An organization, with the organization it is part of.

    \b
    Example:
      diplograph add organization source:2026-02-03-seoul-talks "Japan's Fisheries Agency" \\
        --name "Fisheries Agency" --kind FormalOrganization --part-of "Government of Japan"
    """
    from diplograph.curation.scaffold import EntityFacts
    from diplograph.curation.scaffold import add_organization as write_organization

    facts["alternate_names"] = list(facts["alternate_names"])
    tree = _tree(ctx)
    added = write_organization(tree, source, words, EntityFacts(**facts), occurrence=occurrence,
                               sources_dir=sources_dir)
    _emit(_written(tree, added.files, added.minted))


@add.command("date")
@click.argument("source")
@click.argument("expression")
@click.option("--dates", "dated", multiple=True, required=True, metavar="IRI-OR-NAME",
              help="The event or statement the words date (repeatable).")
@click.option("--quote", metavar="WORDS", help="Longer words to cite, holding EXPRESSION.")
@click.option("--future", is_flag=True, help="A bare weekday or month is the next one.")
@click.option("--anchor", metavar="DATE", help="Resolve against this date, not the article's.")
@click.option("--resolved", metavar="DATE", help="The date, when no rule resolves the words.")
@click.option("--earliest", metavar="DATE", help="The earliest date it can be.")
@click.option("--latest", metavar="DATE", help="The latest date it can be.")
@click.option("--method", help="How it was resolved (needed with --resolved/--earliest/--latest).")
@occurrence_option
@sources_option
@click.pass_context
def add_date(ctx, source, expression, dated, occurrence, sources_dir, **facts):
    """A relative date (EXPRESSION as printed) resolved against the article's date.

    \b
    Example:
      diplograph add date source:2026-02-03-seoul-talks "next month" \\
        --dates event:2026-03-follow-up-meeting --quote "will meet again next month"
    """
    from diplograph.curation.scaffold import DateFacts
    from diplograph.curation.scaffold import add_date as write_date

    tree = _tree(ctx)
    added = write_date(tree, source, DateFacts(expression, list(dated), **facts),
                       occurrence=occurrence, sources_dir=sources_dir)
    _emit(_written(tree, added.files, added.minted))


def main() -> None:
    cli(prog_name="diplograph")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
