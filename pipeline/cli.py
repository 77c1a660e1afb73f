"""The ``idnews`` command: thin over the library.

    idnews extract INPUT... -o records.jsonl     articles -> records (+ errors file)
    idnews schema                                JSON Schema of the record
    idnews eval GOLD_DIR RECORDS.jsonl           P/R/F1 per field against gold files
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
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Records, one JSON object a line ('-' for stdout).")
@click.option("--errors", "errors_path", type=click.Path(path_type=Path), default=None, help="Error entries (default: OUTPUT with .errors.jsonl).")
@click.option("--max-chars", type=int, default=None, help="Longest article accepted, in characters (default 1,000,000).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def extract(inputs: tuple[Path, ...], output: Path, errors_path: Optional[Path], max_chars: Optional[int], quiet: bool, verbose: int) -> None:
    """Extract records from .txt files, .jsonl files, or folders of them (recursively).

    Example: idnews extract corpus/articles -o records.jsonl
    """
    _setup_logging(verbose, quiet)
    from .api import MAX_CHARS, load
    from .io import JsonlWriter, errors_path_for, iter_inputs
    from .schema import ErrorEntry

    extractor = load(max_chars=max_chars or MAX_CHARS)
    errors_path = errors_path or errors_path_for(output)
    items = iter_inputs(inputs)
    progress = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(unit=" articles", file=sys.stderr)
    n_err = 0
    with JsonlWriter(output) as out, JsonlWriter(errors_path) as err:
        for result in extractor.process(items):
            if isinstance(result, ErrorEntry):
                err.write(result)
                n_err += 1
            else:
                out.write(result)
            if progress is not None:
                progress.update(1)
        n_rec = out.count
    if progress is not None:
        progress.close()
    if not quiet:
        click.echo(f"{n_rec} records -> {output}; {n_err} errors -> {errors_path}", err=True)
    if n_err:
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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="idnews")


if __name__ == "__main__":
    main()
