"""pagewash as a datatrove pipeline step, in place of datatrove's Trafilatura extractor.

    from datatrove.pipeline.readers import WarcReader
    from pagewash.datatrove import PagewashExtractor

    pipeline = [WarcReader("crawl/"), PagewashExtractor(threads=8), ...]

Each document's ``text`` (the page's HTML, or plain text) becomes pagewash's ``text`` and its
metadata gains the record's fields (``title``, ``author``, ``published``, ``lang``…). Documents
are processed in parallel on pagewash's own threads, in order; no subprocess sandbox is needed
(pagewash bounds its time and memory on any input, and a page that cannot be processed gets an
error record, counted and dropped here).

Importing this module needs datatrove; the rest of pagewash does not.
"""

from collections import deque
from typing import Any, Iterable, Optional

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.utils.typeshelper import StatHints

from . import _pagewash

#: Record fields copied into ``Document.metadata`` by default.
DEFAULT_METADATA = (
    "title",
    "author",
    "published",
    "site",
    "source",
    "breadcrumbs",
    "lang",
    "fingerprint",
    "spam",
    "repairs",
    "encoding",
)


class PagewashExtractor(BaseExtractor):
    """Extracts each document's main text and metadata with pagewash.

    Args:
        threads: pagewash's worker threads for this step (default: all cores).
        kind: what the documents' ``text`` holds: ``"html"`` (the default, as for datatrove's
            Trafilatura step) or ``"text"`` (WET records' plain text).
        metadata: record fields to copy into ``Document.metadata`` (``metadata_prefix`` before
            each name). A document without a ``url`` gets the page's canonical one.
        metadata_prefix: prefix of the metadata keys, e.g. ``"pagewash_"``.
        **options: pagewash's options (``keep_spam=True``, ``script="simplified"``,
            ``no_repair=[...]``…), as for ``pagewash.clean_many``.
    """

    name = "🧼 pagewash"

    def __init__(
        self,
        threads: Optional[int] = None,
        kind: str = "html",
        metadata: Iterable[str] = DEFAULT_METADATA,
        metadata_prefix: str = "",
        **options: Any,
    ):
        # The timeout of datatrove's sandbox does not apply: pagewash runs in-process.
        super().__init__(timeout=0)
        if kind not in ("html", "text"):
            raise ValueError(f"kind must be 'html' or 'text', not {kind!r}")
        self.threads = threads
        self.kind = kind
        self.metadata = tuple(metadata)
        self.metadata_prefix = metadata_prefix
        self.options = options
        # Bad options fail here, when the pipeline is built, not in its first task.
        _pagewash.clean(b"", kind=kind, **options)

    def extract(self, text: str) -> str:
        """One document's text (for callers of BaseExtractor's single-document interface)."""
        return _pagewash.clean(text, kind=self.kind, **self.options)["text"]

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        pending: deque = deque()
        field = self.kind

        def items():
            # pagewash reads a window of documents ahead; they wait here for their records.
            for doc in data:
                pending.append(doc)
                yield {"id": doc.id, "url": doc.metadata.get("url"), field: doc.text}

        records = _pagewash.clean_many(items(), threads=self.threads, **self.options)
        while True:
            with self.track_time():
                record = next(records, None)
            if record is None:
                return
            doc = pending.popleft()
            self.stat_update(StatHints.total)
            if record["error"] is not None:
                self.stat_update(f"error_{record['error']['kind']}")
                continue
            self.stat_update("extracted")
            self._fill(doc, record)
            if doc.text:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)

    def _fill(self, doc: Document, record: dict) -> None:
        doc.text = record["text"]
        for field in self.metadata:
            doc.metadata[self.metadata_prefix + field] = record[field]
        # A document without a URL gets the page's own (its canonical or og:url).
        if doc.metadata.get("url") is None and record["url"] is not None:
            doc.metadata["url"] = record["url"]
