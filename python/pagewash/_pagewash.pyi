"""Type stubs of pagewash's native module (see README.md for the records and the options).

Keyword options are the command line's long flags with ``_`` for ``-``; the ones below are those
known when this file was written. The functions accept every flag of the command line's
headings they take (``pagewash --help``), including ones added later.
"""

from os import PathLike
from typing import Any, Iterable, Iterator, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union

class Encoding(TypedDict):
    name: Optional[str]
    source: Optional[Literal["bom", "transport", "meta", "detected", "default"]]
    declared: Optional[str]
    malformed: int

class Repair(TypedDict):
    kind: str
    count: int

class Spam(TypedDict):
    kind: Literal["place-list", "keyword-list", "link-farm", "hidden-text"]
    where: Literal["head", "tail", "inline", "hidden", "chrome"]
    items: int
    known: int
    confidence: float
    text: str

class Error(TypedDict):
    kind: Literal["io", "too-large", "binary", "malformed-container", "internal", "skipped"]
    message: str

class Record(TypedDict):
    """One JSONL record of the command line, as json.loads gives it (../shared/CONTRACT.md)."""

    id: str
    url: Optional[str]
    fetched: Optional[str]
    http_status: Optional[int]
    content_type: Optional[str]
    truncated: bool
    kind: Literal["html", "text"]
    encoding: Encoding
    repairs: list[Repair]
    lang: Optional[str]
    title: Optional[str]
    author: Optional[str]
    published: Optional[str]
    site: Optional[str]
    source: Optional[str]
    breadcrumbs: list[str]
    text: str
    spam: list[Spam]
    fingerprint: str
    error: Optional[Error]

Data = Union[bytes, bytearray, str]
Item = Union[Data, Tuple[Union[str, int], Data], Mapping[str, Any]]
Path = Union[str, bytes, PathLike[str], PathLike[bytes]]
Kind = Optional[Literal["html", "text"]]
Script = Optional[Literal["keep", "simplified"]]
Size = Union[int, str, None]

class RecordIterator(Iterator[Record]):
    """The records of clean_many or read, in input order."""

    def __iter__(self) -> RecordIterator: ...
    def __next__(self) -> Record: ...

def clean(
    data: Data,
    *,
    id: Optional[str] = None,
    url: Optional[str] = None,
    kind: Kind = None,
    charset: Optional[str] = None,
    keep_spam: bool = False,
    script: Script = None,
    text_format: Optional[Literal["plain", "markdown"]] = None,
    links: bool = False,
    encoding: Optional[str] = None,
    no_repair: Union[str, Sequence[str], None] = None,
    max_bytes: Size = None,
    **options: Any,
) -> Record:
    """One document's record: bytes decoded by pagewash's own detection, or str (read as UTF-8)."""

def clean_many(
    items: Iterable[Item],
    *,
    threads: Optional[int] = None,
    kind: Kind = None,
    keep_spam: bool = False,
    script: Script = None,
    text_format: Optional[Literal["plain", "markdown"]] = None,
    links: bool = False,
    encoding: Optional[str] = None,
    no_repair: Union[str, Sequence[str], None] = None,
    max_bytes: Size = None,
    html_field: Optional[str] = None,
    text_field: Optional[str] = None,
    id_field: Optional[str] = None,
    url_field: Optional[str] = None,
    charset_field: Optional[str] = None,
    **options: Any,
) -> RecordIterator:
    """Records of many documents, processed in parallel with the GIL released, in input order."""

def read(
    paths: Union[Path, Iterable[Path]],
    *,
    threads: Optional[int] = None,
    input_list: Optional[Path] = None,
    format: Optional[Literal["auto", "html", "text", "warc", "jsonl"]] = None,
    html_field: Optional[str] = None,
    text_field: Optional[str] = None,
    id_field: Optional[str] = None,
    url_field: Optional[str] = None,
    charset_field: Optional[str] = None,
    shard: Optional[str] = None,
    max_bytes: Size = None,
    all_records: bool = False,
    glob: Union[str, Sequence[str], None] = None,
    extension: Union[str, Sequence[str], None] = None,
    no_hidden: bool = False,
    hidden: bool = False,
    ignore: bool = False,
    no_ignore: bool = False,
    follow: bool = False,
    keep_spam: bool = False,
    script: Script = None,
    text_format: Optional[Literal["plain", "markdown"]] = None,
    links: bool = False,
    encoding: Optional[str] = None,
    no_repair: Union[str, Sequence[str], None] = None,
    **options: Any,
) -> RecordIterator:
    """Records of everything the command line reads: files, directories, WARC/ARC/WET, JSONL, compressed."""

__version__: str
PAGEWASH_VERSION: str
