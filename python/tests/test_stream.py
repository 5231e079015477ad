"""clean_many and read: order, threads, laziness, item types, errors."""

import gc
import itertools
import threading

import pytest

import pagewash
from conftest import ROOT, rel, single_pages


def pages():
    """The fixture pages as (id, bytes): pages of very different sizes and kinds."""
    return [(rel(p), p.read_bytes()) for p in single_pages()]


@pytest.fixture(scope="module")
def page_records():
    return [pagewash.clean(data, id=id) for id, data in pages()]


@pytest.mark.parametrize("threads", [1, 2, 3, 8])
def test_clean_many_keeps_input_order_whatever_the_threads(threads, page_records):
    # Three rounds of the pages: more documents than the window holds.
    items = pages() * 3
    records = list(pagewash.clean_many(items, threads=threads))
    assert records == page_records * 3


def test_default_threads(page_records):
    assert list(pagewash.clean_many(pages())) == page_records


def test_items_of_every_kind():
    html = "<html><head><title>Über uns</title></head><body><p>Grüße aus Köln, wo wir seit 1999 Seiten bauen.</p></body></html>"
    items = [
        html.encode("utf-8"),
        html,
        ("a", html.encode("utf-8")),
        (7, html),
        {"id": "d", "url": "https://example.de/ueber", "html": html},
        {"text": "Ein Text.\nZweite Zeile."},
        {"id": 12345678901234567890, "html": html.encode("utf-8")},
        bytearray(html.encode("utf-8")),
    ]
    records = list(pagewash.clean_many(items, threads=2))
    assert [r["id"] for r in records] == ["0", "1", "a", "7", "d", "5", "12345678901234567890", "7"]
    assert [r["kind"] for r in records] == ["html"] * 5 + ["text", "html", "html"]
    assert records[4]["url"] == "https://example.de/ueber"
    assert all(r["error"] is None for r in records)
    assert {r["text"] for r in records[:5]} == {records[0]["text"]}


def test_bytes_and_str_give_the_same_text():
    for id, data in pages():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        from_bytes = pagewash.clean(data, id=id)
        from_str = pagewash.clean(text, id=id)
        # A str is Unicode already: pagewash reads it as UTF-8 declared by its transport.
        assert from_str["encoding"]["name"] == "UTF-8"
        assert from_str["encoding"]["source"] in ("transport", "bom")
        if from_bytes["encoding"]["name"] == "UTF-8":
            assert {**from_str, "encoding": None} == {**from_bytes, "encoding": None}, id


def test_str_matches_the_command_lines_jsonl_string(cli, tmp_path):
    """A str is what a JSONL line's string field is: the same record."""
    import json

    page = "<html><head><meta charset='gbk'><title>新闻</title></head><body><p>今天天气很好，我们去公园散步了很久。</p></body></html>"
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "x", "html": page}) + "\n", encoding="utf-8")
    assert pagewash.clean(page, id="x") == cli(path)[0]


def test_surrogate_escaped_str_reads_as_its_bytes():
    raw = "<p>caf\xe9 au lait, s'il vous plaît, et vite</p>".encode("latin-1")
    text = raw.decode("utf-8", "surrogateescape")
    assert pagewash.clean(text)["text"] == pagewash.clean(raw, charset="utf-8")["text"]


def test_per_document_failures_are_error_records():
    png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(500)
    records = list(
        pagewash.clean_many(
            [b"<p>ok</p>", png, {"id": "no-content", "url": "https://x.org/"}, b"x" * 2000],
            max_bytes=1000,
        )
    )
    assert [r["error"] and r["error"]["kind"] for r in records] == [None, "binary", "malformed-container", "too-large"]
    assert records[2]["id"] == "no-content" and records[2]["url"] == "https://x.org/"
    assert pagewash.clean(png)["error"]["kind"] == "binary"
    assert pagewash.clean(b"x" * 2000, max_bytes="1K")["error"]["kind"] == "too-large"


def test_a_bad_item_raises_after_the_records_before_it():
    items = [b"<p>one</p>", b"<p>two</p>", 3.5, b"<p>never</p>"]
    it = pagewash.clean_many(items, threads=2)
    assert [next(it)["id"], next(it)["id"]] == ["0", "1"]
    with pytest.raises(TypeError, match="item 2 must be bytes, str, an .id, data. tuple or a dict, not float"):
        next(it)
    assert list(it) == []


def test_an_exception_of_the_items_comes_through_in_place():
    def items():
        yield b"<p>one</p>"
        yield b"<p>two</p>"
        raise KeyError("the source broke")

    it = pagewash.clean_many(items(), threads=2)
    assert [r["id"] for r in itertools.islice(it, 2)] == ["0", "1"]
    with pytest.raises(KeyError, match="the source broke"):
        next(it)


def test_items_are_pulled_as_the_window_has_room():
    pulled = 0

    def items():
        nonlocal pulled
        for n in range(100_000):
            pulled += 1
            yield b"<p>page %d</p>" % n

    it = pagewash.clean_many(items(), threads=2)
    assert next(it)["id"] == "0"
    # A learning window of 1,024 documents is read before any is processed, as in a command
    # line run; not the whole input.
    assert pulled == 1024
    assert [r["id"] for r in itertools.islice(it, 1100)][-1] == "1100"
    assert pulled == 2048
    del it
    gc.collect()


def test_an_abandoned_iterator_is_dropped_without_waiting_for_its_input():
    endless = (b"<p>page %d</p>" % n for n in itertools.count())
    it = pagewash.clean_many(endless, threads=2)
    assert next(it)["id"] == "0"
    del it
    it = pagewash.read(str(ROOT / "fixtures"), threads=2)
    assert next(it)["error"] is None
    del it
    gc.collect()
    # The worker threads are gone or going; new work runs as before.
    assert pagewash.clean(b"<p>still here</p>")["text"] == "still here"


def test_clean_from_many_python_threads(page_records):
    docs = pages()
    results = [None] * 4

    def work(slot):
        results[slot] = [pagewash.clean(data, id=id) for id, data in docs]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [page_records] * 4


def test_read_accepts_paths_of_every_kind(monkeypatch):
    import pathlib

    monkeypatch.chdir(ROOT)
    one = "fixtures/html"
    by_str = list(pagewash.read(one))
    assert by_str
    assert list(pagewash.read(pathlib.Path(one))) == by_str
    assert list(pagewash.read(one.encode())) == by_str
    assert list(pagewash.read([one, pathlib.Path(one)])) == by_str * 2
    assert list(pagewash.read([])) == []


def test_read_of_a_missing_file_is_an_io_error_record(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    [record] = pagewash.read("missing.html")
    assert record["id"] == "missing.html" and record["error"]["kind"] == "io"


def test_read_of_a_missing_input_list_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        pagewash.read([], input_list=tmp_path / "missing.txt")


def test_read_with_an_input_list_and_walk_options(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    manifest = tmp_path / "list.txt"
    manifest.write_text("# pages\nfixtures/html\n\nfixtures/text\n")
    expected = cli("--input-list", manifest, "-g", "*.html", "-g", "!*gov*")
    got = list(pagewash.read([], input_list=str(manifest), glob=["*.html", "!*gov*"]))
    assert got == expected
    assert any(r["id"].startswith("fixtures/html/") for r in got)
    assert not any("gov" in r["id"] for r in got)
