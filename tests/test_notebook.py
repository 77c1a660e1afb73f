"""notebooks/quickstart.ipynb runs top to bottom and leaves its tables, figure and review page."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "quickstart.ipynb"
NEEDS = ("nbformat", "nbclient", "ipykernel", "pandas", "matplotlib")


def _missing() -> list[str]:
    import importlib.util

    return [name for name in NEEDS if importlib.util.find_spec(name) is None]


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(_missing()),
        reason=f"needs the notebook packages (pip install -e '.[notebook]'); missing: {', '.join(_missing())}",
    ),
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook after running it in a fresh kernel, and its output folder."""
    import nbclient
    import nbformat

    out = tmp_path_factory.mktemp("notebook_out")
    mp = pytest.MonkeyPatch()
    mp.setenv("IDNEWS_NOTEBOOK_OUT", str(out))  # the kernel inherits the environment
    try:
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
        )
        client.execute()
    finally:
        mp.undo()
    return nb, out


def _outputs(nb, kind: str) -> list[str]:
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if kind == "stream" and output.get("output_type") == "stream":
                texts.append(output.get("text", ""))
            elif kind in output.get("data", {}):
                data = output["data"][kind]
                texts.append(data if isinstance(data, str) else "".join(data))
    return texts


def test_notebook_runs_without_errors(executed):
    nb, _ = executed
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def test_notebook_extracts_every_corpus_article(executed):
    nb, _ = executed
    n = len(list((NOTEBOOK.parents[1] / "corpus" / "articles").glob("*.txt")))
    assert any(f"{n} records from corpus/articles" in t for t in _outputs(nb, "stream"))


@pytest.mark.parametrize("column", ["name", "title", "agency", "indicator", "year", "officials"])
def test_notebook_shows_record_tables(executed, column):
    nb, _ = executed
    tables = [t for t in _outputs(nb, "text/html") if "<table" in t]
    assert any(f"<th>{column}</th>" in t for t in tables)


@pytest.mark.parametrize("name,magic", [("idm_by_year.png", b"\x89PNG\r\n\x1a\n"), ("review.html", b"<!DOCTYPE html>")])
def test_notebook_saves_figure_and_review_page(executed, name, magic):
    _, out = executed
    assert (out / name).read_bytes().startswith(magic)
