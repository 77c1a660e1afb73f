"""The ``idnews`` command: thin over the library.

    idnews extract INPUT... -o records.jsonl     articles -> records (+ errors file)
    idnews schema                                JSON Schema of the record
    idnews eval GOLD_DIR RECORDS.jsonl           P/R/F1 per field against gold files
    idnews load RECORDS.jsonl --db URL           records into SQLite/PostgreSQL
    idnews review INPUT... -o review.html        articles with their extractions highlighted
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import click

from . import __version__


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="idnews")
def cli() -> None:
    """Indonesian news articles to structured, validated event records."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Records, one JSON object a line (gzipped if it ends in .gz).")
@click.option("--errors", "errors_path", type=click.Path(path_type=Path), default=None, help="Error entries (default: OUTPUT with .errors.jsonl).")
@click.option("-w", "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes (models load once per process).")
@click.option("--resume", is_flag=True, help="Keep what an interrupted run wrote; process only the rest.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Run on this machine or on a Dask cluster.")
@click.option("--scheduler", default=None, help="Dask scheduler address (with --engine dask; default: a local cluster).")
@click.option("--db", default=None, help="Also store the records in this database: sqlite:///idnews.db, postgresql://user:password@host:5432/dbname, or a SQLite file path. Tables are created if missing; extracting an article again replaces its rows.")
@click.option("--max-chars", type=int, default=None, help="Longest article accepted, in characters (default 1,000,000).")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True, help="Articles sent to a worker at once.")
@click.option("--ner/--no-ner", default=None, help="Run the statistical NER model (default: on when the model is installed).")
@click.option("--backend", type=click.Choice(["spacy", "stanza"]), default=None, help="stanza: add lemmas, POS and parses (needs idnews[stanza]).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def extract(
    inputs: tuple[Path, ...], output: Path, errors_path: Optional[Path], workers: int, resume: bool, engine: str,
    scheduler: Optional[str], db: Optional[str], max_chars: Optional[int], batch_size: int,
    ner: Optional[bool], backend: Optional[str], quiet: bool, verbose: int,
) -> None:
    """Extract records from .txt, .html, .jsonl(.gz) files or folders of them (recursively).

    One record per article, one line each, in input order; inputs that fail go
    to the errors file with the reason. Exit status 1 when any input failed.

    Example: idnews extract corpus/articles -o records.jsonl --workers 2
    """
    _setup_logging(verbose, quiet)
    from .batch import run_batch

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if engine == "dask" and verbose < 1:
        # distributed sets its own loggers to INFO on import; keep a quiet run quiet.
        import distributed  # noqa: F401

        logging.getLogger("distributed").setLevel(logging.ERROR if quiet else logging.WARNING)
    progress = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(unit=" articles", file=sys.stderr, smoothing=0.1)
    try:
        summary = run_batch(
            inputs, output, errors_path=errors_path, workers=workers, resume=resume, engine=engine,
            scheduler=scheduler, db=db, max_chars=max_chars, batch_size=batch_size, ner=ner, backend=backend,
            on_progress=progress.update if progress is not None else None,
        )
    except (OSError, ValueError, RuntimeError) as e:
        raise click.ClickException(str(e)) from e
    finally:
        if progress is not None:
            progress.close()
    if not quiet:
        click.echo(summary.line(), err=True)
    if summary.errors:
        sys.exit(1)


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to a file instead of stdout.")
def schema(output: Optional[Path]) -> None:
    """Print the JSON Schema of the record (from the pydantic models).

    Example: idnews schema -o record.schema.json
    """
    from .schema import record_json_schema

    text = json.dumps(record_json_schema(), indent=2, ensure_ascii=False)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("records", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None, help="Also write the scores as JSON.")
@click.option("--details", is_flag=True, help="List each article's misses and false positives.")
@click.option("--fail-under", type=float, default=None, help="Exit 1 when the macro F1 is below this.")
def eval_cmd(gold_dir: Path, records: Path, json_out: Optional[Path], details: bool, fail_under: Optional[float]) -> None:
    """Score RECORDS (JSONL) against the *.gold.json files in GOLD_DIR.

    Example: idnews eval corpus/gold records.jsonl
    """
    from .evaluate import evaluate, format_details

    try:
        report = evaluate(gold_dir, records)
    except (OSError, ValueError) as e:
        raise click.ClickException(str(e)) from e
    if details:
        click.echo(format_details(report))
    click.echo(report.table())
    if json_out:
        json_out.write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
    if fail_under is not None and report.macro_f1 < fail_under:
        click.echo(f"macro F1 {report.macro_f1:.3f} is below {fail_under}", err=True)
        sys.exit(1)


# Commands that live beside their library code.
from .review import review_cmd  # noqa: E402
from .sinks.commands import load_cmd  # noqa: E402

cli.add_command(load_cmd)
cli.add_command(review_cmd)


class _LazyCommand(click.Command):
    """A command whose module is imported only when it runs (training code sets thread limits)."""

    def __init__(self, name: str, target: str, help: str) -> None:
        super().__init__(name, help=help, context_settings={"ignore_unknown_options": True, "help_option_names": []})
        self.target = target
        self.params = [click.Argument(["args"], nargs=-1, type=click.UNPROCESSED)]

    def invoke(self, ctx: click.Context) -> None:
        import importlib

        module, attr = self.target.split(":")
        command = getattr(importlib.import_module(module), attr)
        command.main(args=list(ctx.params["args"]), prog_name=f"idnews {self.name}", standalone_mode=True)


cli.add_command(_LazyCommand(
    "train-ner", "pipeline.ner.commands:train_ner",
    "Train the NER model from the shared corpora into models/id_news_ner (see models/README.md).\n\n"
    "Example: idnews train-ner --help",
))
cli.add_command(_LazyCommand(
    "eval-ner", "pipeline.ner.commands:eval_ner",
    "Evaluate the NER model on the test sets: P/R/F1 per label, micro and label-averaged F1, speed.\n\n"
    "Example: idnews eval-ner --help",
))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="idnews")


if __name__ == "__main__":
    main()
