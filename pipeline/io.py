"""Readers and writers: files and folders of articles in, JSONL out, streaming.

Readers turn paths into :class:`~pipeline.schema.ArticleInput` items, or into
:class:`~pipeline.schema.ErrorEntry` items that say why an input could not be
read; they never raise for a bad file, so a batch never dies of one.

Supported inputs: ``.txt`` (one article; UTF-8, UTF-8 with BOM, Windows-1252
or Latin-1), ``.html``/``.htm`` (a saved page: body, title, date and site name
through trafilatura, offline), ``.jsonl`` and ``.jsonl.gz`` (one article a
line: ``text`` or ``content`` required, ``article``/``id``, ``url``, ``title``,
``published``/``date`` used when present), and folders of these, recursively,
in sorted order.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Optional, Union

from .schema import ArticleInput, ErrorEntry, Record

LOGGER = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
#: Largest .txt file read at all (bytes); larger files become error entries unread.
MAX_FILE_BYTES = 4_000_000

Item = Union[ArticleInput, ErrorEntry]


def _kind(path: Path) -> Optional[str]:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(TEXT_SUFFIXES):
        return "txt"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    return None


def iter_paths(inputs: Iterable[Union[str, Path]]) -> Iterator[Union[Path, ErrorEntry]]:
    """Files named or found in folders (recursively, sorted); errors for missing paths."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _kind(p) and not p.name.startswith("."))
            if not found:
                LOGGER.warning("no .txt/.jsonl files under %s", path)
            yield from found
        elif path.is_file():
            if _kind(path) is None:
                yield ErrorEntry(
                    input=str(path), reason="unsupported file type (expected .txt, .html, .htm, .jsonl or .jsonl.gz)"
                )
            else:
                yield path
        else:
            yield ErrorEntry(input=str(path), reason="no such file or folder")


def decode_text(data: bytes) -> str:
    """Bytes of a text article to str. Raises ValueError for binary data.

    Tries UTF-8 (with or without BOM), then Windows-1252, then Latin-1.
    """
    if not data:
        return ""
    sample = data[:65536]
    if b"\x00" in sample:
        raise ValueError("binary file (NUL bytes), not text")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(sample) // 100):
        raise ValueError("binary file (control bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        LOGGER.debug("decoded as Windows-1252")
        return text
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_txt(path: Path) -> Item:
    """One ``.txt`` article (its file name is the article id)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ErrorEntry(
                input=str(path), article=path.name,
                reason=f"file too large for one article: {size:,} bytes (limit {MAX_FILE_BYTES:,})",
            )
        text = decode_text(path.read_bytes())
    except (OSError, ValueError) as e:
        return ErrorEntry(input=str(path), article=path.name, reason=str(e))
    if not text.strip():
        return ErrorEntry(input=str(path), article=path.name, reason="empty file: no text")
    return ArticleInput(article=path.name, text=text, path=str(path))


def read_html(path: Path) -> Item:
    """One saved web page: body, title, date and site name with trafilatura (offline)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES * 4:
            return ErrorEntry(input=str(path), article=path.name, reason=f"file too large for one page: {size:,} bytes")
        html = decode_text(path.read_bytes())
    except (OSError, ValueError) as e:
        return ErrorEntry(input=str(path), article=path.name, reason=str(e))
    return html_to_input(html, article=path.name, path=str(path))


def html_to_input(html: str, article: str, path: Optional[str] = None, line: Optional[int] = None,
                  url: Optional[str] = None) -> Item:
    """An HTML page to an :class:`ArticleInput` (its main text), or an error entry."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as e:  # trafilatura raises various parser errors on broken markup
        return ErrorEntry(input=path or article, line=line, article=article, reason=f"cannot parse HTML: {e}")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return ErrorEntry(input=path or article, line=line, article=article, reason="no article text found in the HTML page")
    return ArticleInput(
        article=article,
        text=text,
        url=url or getattr(doc, "url", None),
        title=getattr(doc, "title", None),
        source=getattr(doc, "sitename", None),
        published=getattr(doc, "date", None),
        path=path,
        line=line,
    )


def content_id(text: str) -> str:
    """A stable article id from its text (first 16 hex digits of SHA-1)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _open_lines(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def read_jsonl(path: Path) -> Iterator[Item]:
    """Articles of a JSONL file, one a line; a bad line becomes an error entry."""
    try:
        fh = _open_lines(path)
    except OSError as e:
        yield ErrorEntry(input=str(path), reason=str(e))
        return
    with fh:
        n = 0
        try:
            for n, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                yield _jsonl_item(path, n, raw)
        except (OSError, EOFError, gzip.BadGzipFile) as e:
            yield ErrorEntry(input=str(path), line=n + 1, reason=f"cannot read further: {e}")


def _jsonl_item(path: Path, n: int, raw: bytes) -> Item:
    try:
        data = json.loads(decode_text(raw.rstrip(b"\r\n")))
    except (ValueError, UnicodeDecodeError) as e:
        return ErrorEntry(input=str(path), line=n, reason=f"not valid JSON: {e}")
    if not isinstance(data, dict):
        return ErrorEntry(input=str(path), line=n, reason=f"not a JSON object but {type(data).__name__}")
    text = data.get("text")
    if text is None:
        text = data.get("content")
    article = data.get("article") or data.get("id")
    article = str(article) if article not in (None, "") else None
    if text is None:
        return ErrorEntry(input=str(path), line=n, article=article, reason="no 'text' field")
    if not isinstance(text, str):
        return ErrorEntry(input=str(path), line=n, article=article, reason=f"'text' is {type(text).__name__}, not a string")
    if not text.strip():
        return ErrorEntry(input=str(path), line=n, article=article, reason="empty 'text'")

    def _s(key: str) -> Optional[str]:
        v = data.get(key)
        return str(v) if v not in (None, "") else None

    return ArticleInput(
        article=article or content_id(text),
        text=text,
        url=_s("url"),
        title=_s("title"),
        source=_s("source"),
        published=_s("published") or _s("date"),
        path=str(path),
        line=n,
    )


def iter_inputs(inputs: Iterable[Union[str, Path]]) -> Iterator[Item]:
    """Every article (or error entry) of the given files and folders, in a stable order."""
    for entry in iter_paths(inputs):
        if isinstance(entry, ErrorEntry):
            yield entry
        elif _kind(entry) == "jsonl":
            yield from read_jsonl(entry)
        elif _kind(entry) == "html":
            yield read_html(entry)
        else:
            yield read_txt(entry)


class JsonlWriter:
    """Writes one JSON object a line; each line goes out in one write and is flushed."""

    def __init__(self, path: Union[str, Path, None]) -> None:
        self.path = Path(path) if path not in (None, "-") else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh: IO[str] = open(self.path, "w", encoding="utf-8")
        else:
            import sys

            self._fh = sys.stdout
        self.count = 0

    def write(self, item: Union[Record, ErrorEntry]) -> None:
        self._fh.write(item.model_dump_json(exclude_none=False) + "\n")
        self._fh.flush()
        self.count += 1

    def close(self) -> None:
        if self.path is not None:
            self._fh.close()

    def __enter__(self) -> "JsonlWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def errors_path_for(output: Union[str, Path, None]) -> Path:
    """Default errors file: the output path with ``.errors.jsonl``."""
    if output in (None, "-"):
        return Path("idnews.errors.jsonl")
    out = Path(output)
    name = out.name
    for suffix in (".jsonl.gz", ".jsonl", ".json"):
        if name.endswith(suffix):
            return out.with_name(name[: -len(suffix)] + ".errors.jsonl")
    return out.with_name(name + ".errors.jsonl")
