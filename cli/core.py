"""Core commands: parse, load, doctor, parties."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ownergraph.cli import main
from ownergraph.cli.options import echo_json, json_option, open_store, store_option
from ownergraph.graph.errors import OwnergraphError, StoreError, UnsupportedFormatError

# The loaders, the model and rich are imported by the command that runs, not by
# ``ownergraph --help`` (tests/test_cli_startup.py).
if TYPE_CHECKING:
    from ownergraph.graph.model import ParsedDocument


@main.command()
@click.argument("file", type=click.Path(exists=False, path_type=Path))
@json_option
def parse(file: Path, as_json: bool) -> None:
    """Parse FILE and print what it states; touches no store.

    \b
    Example:
      ownergraph parse data/liquidmetal-wynnefield-sc13da2-2008-09-30.txt --json
    """
    from ownergraph.loaders import parse_path
    from ownergraph.loaders.contract import to_contract

    parsed = parse_path(file)
    data = to_contract(parsed)
    if as_json:
        echo_json(data)
        return
    click.echo(f"{data['source']['path']}: {data['source']['format']} {data.get('form') or ''}")
    issuer = data.get("issuer") or {}
    if issuer.get("name"):
        click.echo(
            f"issuer: {issuer['name']} (CIK {issuer.get('cik')}, CUSIP {issuer.get('cusip')})"
        )
    for rp in data["reporting_persons"]:
        click.echo(
            f"  {rp['name']}: sole vote {rp['sole_voting']}, shared vote {rp['shared_voting']},"
            f" aggregate {rp['aggregate']}, {rp['percent_of_class']}%"
        )
    click.echo(
        f"{len(data['holdings'])} holdings, {len(data['relationships'])} relationships,"
        f" {len(data['findings'])} findings"
    )


#: The two files that make a folder one tabular graph (loaders/tabular.py).
TABULAR_PAIR = ("entities.csv", "edges.csv")


@dataclass(frozen=True)
class Source:
    """One thing to load: a file, or a tabular folder; ``named`` when the user gave it
    (a file found by walking a folder that is in no format ownergraph reads is skipped)."""

    path: Path
    named: bool


def _is_tabular_dir(p: Path) -> bool:
    return all((p / name).is_file() for name in TABULAR_PAIR)


def collect_sources(paths: tuple[Path, ...]) -> list[Source]:
    """Files and folders to load, in a stable order: a folder is walked recursively (hidden
    files and folders left out) unless it holds ``entities.csv`` + ``edges.csv`` (then it is
    one tabular graph); each file or folder once.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("b/x.txt", "a.txt", ".hidden/y.txt", "t/entities.csv", "t/edges.csv"):
    ...     (d / name).parent.mkdir(parents=True, exist_ok=True); _ = (d / name).write_text("")
    >>> [(s.path.relative_to(d).as_posix(), s.named) for s in collect_sources((d, d / "a.txt"))]
    [('a.txt', True), ('b/x.txt', False), ('t', False)]
    """
    out: dict[Path, Source] = {}

    def add(p: Path, named: bool) -> None:
        key = p.resolve()
        if key not in out or named:
            out[key] = Source(p, named or (key in out and out[key].named))

    def walk(folder: Path) -> None:
        if _is_tabular_dir(folder):
            add(folder, False)
            return
        for child in sorted(folder.iterdir(), key=lambda c: c.name):
            if child.name.startswith("."):
                continue
            if child.is_dir():
                walk(child)
            elif child.is_file():
                add(child, False)

    for p in paths:
        if p.is_dir() and not _is_tabular_dir(p):
            walk(p)
        elif p.is_file() and p.name in TABULAR_PAIR and _is_tabular_dir(p.parent):
            add(p.parent, True)  # one file of a pair: its folder, once
        else:
            add(p, True)  # a tabular folder, a file, or a path that fails with its reason
    return sorted(out.values(), key=lambda s: (not s.named, str(s.path)))


@dataclass
class _Outcome:
    parsed: list[ParsedDocument] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def _parse_all(sources: list[Source], *, lenient: bool, keep_going: bool) -> _Outcome:
    """Parse every source (a progress bar on a terminal's stderr); without ``keep_going``
    the first bad file raises its typed error and nothing is loaded."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ownergraph.loaders import check_loadable, parse_path

    out = _Outcome()
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[file]}", style="dim"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("parsing", total=len(sources), file="")
        for src in sources:
            bar.update(task, file=src.path.name)
            try:
                parsed = parse_path(src.path)
                if not lenient:
                    check_loadable(parsed)
            except UnsupportedFormatError:
                if src.named:
                    if not keep_going:
                        raise
                    out.refused.append((src.path, "not a format ownergraph reads"))
                else:
                    out.skipped.append(src.path)
            except OwnergraphError as exc:
                if not keep_going:
                    raise
                out.refused.append((src.path, str(exc)))
            else:
                out.parsed.append(parsed)
            bar.advance(task)
    return out


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--lenient",
    is_flag=True,
    help="Load documents with broken references too (they stay as findings).",
)
@click.option(
    "--continue-on-error",
    "keep_going",
    is_flag=True,
    help="Load the good files and list the bad ones (exit 1 if any was refused).",
)
@store_option
@json_option
def load(
    paths: tuple[Path, ...],
    lenient: bool,
    keep_going: bool,
    store_path: Path | None,
    as_json: bool,
) -> None:
    """Load PATHS (files and folders, any supported format, detected from content).

    A folder is read recursively; a folder holding entities.csv + edges.csv is one tabular
    graph. Files inside folders that are in no format ownergraph reads (a README, notes)
    are skipped and listed; a file you name that is unreadable is an error. Every file is
    parsed first and, by default, if one fails nothing is loaded (exit 2); with
    --continue-on-error the good files are loaded in one transaction and the bad ones
    listed. A document whose references do not resolve (a BODS statement naming a missing
    party) is refused unless --lenient. Loading the same file twice changes nothing. A
    progress bar shows on stderr when it is a terminal. A UK PSC snapshot (JSON lines) is
    streamed in batches of 5,000 lines, one document each, in the same transaction (memory
    bounded by a batch; no size limit): a bad line refuses the whole load.

    \b
    Example:
      ownergraph load data/liquidmetal-wynnefield-sc13da2-2008-09-30.txt --store my.db
      ownergraph load tests/fixtures/sec13dg-legacy/ tests/fixtures/tabular/diamond
      ownergraph load ~/Downloads/filings --continue-on-error
    """
    from ownergraph.loaders import stream_path

    sources = collect_sources(paths)
    # a register snapshot (UK PSC JSON lines) is streamed into the store in batches
    streams = [(s, it) for s in sources if (it := stream_path(s.path)) is not None]
    streamed = {id(s) for s, _ in streams}
    sources = [s for s in sources if id(s) not in streamed]
    out = _parse_all(sources, lenient=lenient, keep_going=keep_going)
    results = []
    if out.parsed or streams:
        with open_store(store_path) as store:
            results = store.load_many(chain(out.parsed, *(it for _, it in streams)))
    if as_json:
        echo_json(
            [r.__dict__ for r in results]
            + [{"path": str(p), "status": "refused", "error": e} for p, e in out.refused]
            + [{"path": str(p), "status": "skipped"} for p in out.skipped]
        )
    else:
        for r in results:
            detail = ", ".join(f"{v} {k}" for k, v in r.counts.items() if v)
            click.echo(f"{r.path}: {r.status}" + (f" ({detail})" if detail else ""))
        for p in out.skipped:
            click.echo(f"{p}: skipped (not a format ownergraph reads)")
        for p, e in out.refused:
            click.echo(f"refused: {e}" if e.startswith(str(p)) else f"refused: {p}: {e}")
        loaded = sum(r.status == "loaded" for r in results)
        summary = f"{loaded} loaded, {len(results) - loaded} unchanged"
        if out.skipped:
            summary += f", {len(out.skipped)} skipped"
        if out.refused:
            summary += f", {len(out.refused)} refused"
        click.echo(summary, err=True)
    if out.refused:
        raise SystemExit(1)


@main.command()
@store_option
def doctor(store_path: Path | None) -> None:
    """Check the store's integrity (SQLite and references); exit 2 if it fails.

    \b
    Example:
      ownergraph doctor --store my.db
    """
    with open_store(store_path) as store:
        problems = store.integrity_check()
        counts = store.counts()
    click.echo(", ".join(f"{v} {k}" for k, v in counts.items()))
    if problems:
        raise StoreError("integrity check failed: " + "; ".join(problems))
    click.echo("ok")


@main.command()
@click.option("--merges", "show_merges", is_flag=True, help="List entity-resolution merges.")
@click.option("--unmerge", nargs=2, metavar="ID ID", help="Undo (and forbid) the merge of two ids.")
@store_option
@json_option
def parties(
    show_merges: bool, unmerge: tuple[str, str] | None, store_path: Path | None, as_json: bool
) -> None:
    """List parties with their spellings, or the merges that made them one node.

    Parties that entity resolution merged are listed once, under the kept id, with the
    merged ids and every spelling (the nodes of the store's graph).

    \b
    Example:
      ownergraph parties --merges
      ownergraph parties --unmerge party:1234abcd party:5678ef90
    """
    from ownergraph.graph.model import Party

    with open_store(store_path) as store:
        if unmerge:
            store.unmerge(*unmerge)
            click.echo(f"unmerged {unmerge[0]} and {unmerge[1]}")
            return
        if show_merges:
            names = {p.id: p.name for p in store.parties()}
            rows = [
                {
                    "kept_id": m.kept_id,
                    "kept": names.get(m.kept_id),
                    "merged_id": m.merged_id,
                    "merged": names.get(m.merged_id),
                    "rule": m.rule,
                    "score": m.score,
                    "evidence": m.evidence,
                }
                for m in store.merges()
            ]
            if as_json:
                echo_json(rows)
                return
            for r in rows:
                click.echo(
                    f"{r['merged']} [{r['merged_id']}] -> {r['kept']} [{r['kept_id']}]"
                    f"  ({r['rule']}: {r['evidence']})"
                )
            click.echo(f"{len(rows)} merges")
            return
        G = store.graph()  # merges applied: one node per resolved party
    merged: dict[str, list[str]] = {}
    for merged_id, kept_id in G.graph.get("aliases", {}).items():
        if merged_id != kept_id:
            merged.setdefault(kept_id, []).append(merged_id)
    ps = sorted(
        (d["record"] for _, d in G.nodes(data=True) if isinstance(d.get("record"), Party)),
        key=lambda p: p.id,
    )
    if as_json:
        echo_json(
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "kind": p.kind.value,
                    "names": list(p.names),
                    "identifiers": [list(i) for i in p.identifiers],
                    "merged_ids": sorted(merged.get(p.id, [])),
                }
                for p in ps
            ]
        )
        return
    for p in ps:
        others = [n for n in p.names if n != p.name]
        ids = sorted(merged.get(p.id, []))
        click.echo(
            f"{p.id}  {p.kind.value:8} {p.name}"
            + (f"  (merged: {', '.join(ids)})" if ids else "")
            + (f"  (also: {'; '.join(others)})" if others else "")
        )
