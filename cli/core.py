"""Core commands: parse, load, doctor."""

from __future__ import annotations

from pathlib import Path

import click

from ownergraph.cli import main
from ownergraph.cli.options import echo_json, json_option, open_store, store_option
from ownergraph.graph.errors import StoreError
from ownergraph.graph.model import Party
from ownergraph.loaders import check_loadable, parse_path
from ownergraph.loaders.contract import to_contract


@main.command()
@click.argument("file", type=click.Path(exists=False, path_type=Path))
@json_option
def parse(file: Path, as_json: bool) -> None:
    """Parse FILE and print what it states; touches no store.

    \b
    Example:
      ownergraph parse data/liquidmetal-wynnefield-sc13da2-2008-09-30.txt --json
    """
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


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--lenient",
    is_flag=True,
    help="Load documents with broken references too (they stay as findings).",
)
@store_option
@json_option
def load(files: tuple[Path, ...], lenient: bool, store_path: Path | None, as_json: bool) -> None:
    """Load FILES (any supported format, detected from content) into the store.

    Every file is parsed first; if one fails nothing is loaded. A document whose references
    do not resolve (a BODS statement naming a missing party) is refused unless --lenient.
    Loading the same file twice changes nothing.

    \b
    Example:
      ownergraph load data/liquidmetal-wynnefield-sc13da2-2008-09-30.txt --store my.db
    """
    parsed = [parse_path(f) for f in files]
    if not lenient:
        for p in parsed:
            check_loadable(p)
    with open_store(store_path) as store:
        results = store.load_many(parsed)
    if as_json:
        echo_json([r.__dict__ for r in results])
        return
    for r in results:
        detail = ", ".join(f"{v} {k}" for k, v in r.counts.items() if v)
        click.echo(f"{r.path}: {r.status}" + (f" ({detail})" if detail else ""))


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
