"""pagewash: raw scraped web pages in, clean structured records out.

The records are the command line's JSONL records, as dicts, computed in-process by the same
Rust library:

- ``clean(data, ...)``: one document (``bytes`` or ``str``) to its record.
- ``clean_many(items, threads=None, ...)``: many documents, processed in parallel on
  pagewash's own threads with the GIL released, yielded in input order.
- ``read(paths, ...)``: everything the command line reads (files, directories, WARC/ARC/WET,
  JSONL, compressed), the same records.

Keyword options are the command line's long flags with ``_`` for ``-`` (``keep_spam=True``,
``script="simplified"``, ``no_repair=["pinyin-annotation"]``): see README.md.
"""

from ._pagewash import PAGEWASH_VERSION, RecordIterator, __version__, clean, clean_many, read

__all__ = ["clean", "clean_many", "read", "RecordIterator", "__version__", "PAGEWASH_VERSION"]
