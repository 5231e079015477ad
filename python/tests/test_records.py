"""The records of the bindings are the command line's records, field for field."""

import json

import pytest

import pagewash
from conftest import FIXTURES, ROOT, fixture_files, kind_by_name, rel, single_pages

CONTRACT_FIELDS = [
    "id", "url", "fetched", "http_status", "content_type", "truncated", "kind", "encoding",
    "repairs", "lang", "title", "author", "published", "site", "source", "breadcrumbs", "text",
    "spam", "fingerprint", "error",
]


@pytest.mark.parametrize("path", single_pages(), ids=rel)
def test_clean_gives_the_command_lines_record(path, cli_fixture_records):
    expected = cli_fixture_records[rel(path)]
    record = pagewash.clean(path.read_bytes(), id=rel(path), kind=kind_by_name(path))
    assert record == expected


def test_every_field_of_the_contract_in_its_order():
    record = pagewash.clean(b"<p>Hello</p>")
    assert list(record)[: len(CONTRACT_FIELDS)] == CONTRACT_FIELDS
    # Fields added since the contract was written come after, never in between.
    error = pagewash.clean(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(200))
    assert list(error) == list(record)


def test_read_gives_the_command_lines_records_of_every_fixture(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert list(pagewash.read("fixtures/", threads=2)) == cli("fixtures/", "-j", "2")


@pytest.mark.parametrize("path", fixture_files(), ids=rel)
def test_read_of_each_fixture_file(path, cli_fixture_records, monkeypatch):
    monkeypatch.chdir(ROOT)
    records = list(pagewash.read(rel(path), threads=1))
    assert records
    for record in records:
        assert record == cli_fixture_records[record["id"]]


def jsonl_fixtures():
    return [p for p in fixture_files() if p.suffix == ".jsonl"]


@pytest.mark.parametrize("path", jsonl_fixtures(), ids=rel)
def test_jsonl_rows_through_clean_many_and_clean(path, cli):
    """Rows as dicts give what the command line gives for the same JSONL lines."""
    expected = cli(rel(path))
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    # The command line's ids for rows without one are PATH:LINE; give the same.
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]
    for row, line in zip(rows, lines):
        row.setdefault("id", f"{rel(path)}:{line}")
    assert list(pagewash.clean_many(rows, threads=2)) == expected
    for row, record in zip(rows, expected):
        if "html" in row or "text" in row:
            content, kind = (row["html"], "html") if "html" in row else (row["text"], "text")
            assert pagewash.clean(content, id=str(row["id"]), url=row.get("url"), kind=kind) == record


@pytest.mark.parametrize(
    "options, flags",
    [
        ({"keep_spam": True}, ["--keep-spam"]),
        ({"script": "simplified"}, ["--script", "simplified"]),
        ({"no_repair": ["pinyin-annotation", "misaligned-gbk"]}, ["--no-repair", "pinyin-annotation", "--no-repair", "misaligned-gbk"]),
        ({"no_repair": "all"}, ["--no-repair", "all"]),
        ({"encoding": "windows-1252"}, ["--encoding", "windows-1252"]),
        ({"text_format": "markdown", "links": True}, ["--text-format", "markdown", "--links"]),
    ],
    ids=lambda value: json.dumps(value) if isinstance(value, dict) else None,
)
def test_options_mean_what_the_flags_mean(options, flags, cli, monkeypatch):
    """Each keyword changes the records as its flag does, and on these pages it changes them."""
    pages = [p for p in single_pages() if p.parent.name in ("spam", "encoding", "text")]
    names = [rel(p) for p in pages]
    expected = cli(*flags, *names)
    plain = cli(*names)
    assert expected != plain, f"{flags} changes nothing on the fixtures: pick pages it changes"
    got = [pagewash.clean(p.read_bytes(), id=rel(p), kind=kind_by_name(p), **options) for p in pages]
    assert got == expected
    monkeypatch.chdir(ROOT)
    assert list(pagewash.read(names, **options)) == expected
    # Dict items with bytes in the field of the page's kind: read as the file is.
    rows = [{"id": rel(p), kind_by_name(p): p.read_bytes()} for p in pages]
    assert list(pagewash.clean_many(rows, threads=2, **options)) == expected
