"""The datatrove step (run when datatrove is installed) and the datasets.map recipe (run when
datasets is)."""

import pytest

import pagewash
from conftest import rel, single_pages

ARTICLE = (
    "<html><head><title>Hafen bekommt neue Fähre – Nordkurier</title><meta name='author' content='Jens Ohm'>"
    "<meta property='article:published_time' content='2024-05-02T08:30:00+02:00'></head><body>"
    "<nav><a href='/'>Start</a> <a href='/lokal'>Lokal</a></nav><article><h1>Hafen bekommt neue Fähre</h1>"
    "<p>Die neue Fähre soll ab Juni zwischen Stralsund und Altefähr pendeln und bis zu 300 Fahrgäste befördern.</p>"
    "<p>Die Stadt hat dafür zwei Millionen Euro bereitgestellt, der Rest kommt vom Land.</p></article>"
    "<footer>© Nordkurier</footer></body></html>"
)


def test_the_extractor_fills_text_and_metadata_from_the_record():
    datatrove = pytest.importorskip("datatrove")
    from datatrove.data import Document
    from pagewash.datatrove import PagewashExtractor

    pages = [(rel(p), p.read_text(encoding="utf-8", errors="replace")) for p in single_pages() if p.suffix == ".html"]
    docs = [Document(text=ARTICLE, id="fähre", metadata={"url": "https://nordkurier.example/faehre"})]
    docs += [Document(text=html, id=id, metadata={}) for id, html in pages]
    docs.append(Document(text="", id="empty", metadata={}))
    expected = {d.id: pagewash.clean(d.text, id=d.id, url=d.metadata.get("url"), kind="html") for d in docs}

    step = PagewashExtractor(threads=2)
    out = list(step.run(iter(docs)))
    kept = [d for d in docs if expected[d.id]["text"]]
    assert [d.id for d in out] == [d.id for d in kept]
    for doc in out:
        record = expected[doc.id]
        assert doc.text == record["text"]
        for field in ("title", "author", "published", "lang", "site", "spam", "fingerprint"):
            assert doc.metadata[field] == record[field]
    first = out[0]
    assert first.metadata["url"] == "https://nordkurier.example/faehre"
    assert first.metadata["title"] == "Hafen bekommt neue Fähre"
    assert first.metadata["author"] == "Jens Ohm"
    assert first.text.startswith("Die neue Fähre")
    assert "Start" not in first.text and "©" not in first.text
    # The empty document, and any page whose text comes out empty, are dropped.
    assert "empty" not in [d.id for d in out]
    assert step.stats["dropped"].total == len(docs) - len(kept)
    assert step.stats["forwarded"].total == len(out)


def test_the_extractor_in_a_local_pipeline(tmp_path):
    pytest.importorskip("datatrove")
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from pagewash.datatrove import PagewashExtractor

    import json

    out = tmp_path / "out.jsonl"

    def write(data, rank=0, world_size=1):
        # A writer of the standard library's json (datatrove's JsonlWriter needs orjson).
        with open(out, "w", encoding="utf-8") as f:
            for doc in data:
                f.write(json.dumps({"id": doc.id, "text": doc.text, "metadata": doc.metadata}) + "\n")
                yield doc

    docs = [Document(text=ARTICLE, id=str(n), metadata={"url": f"https://nordkurier.example/{n}"}) for n in range(50)]
    executor = LocalPipelineExecutor(
        pipeline=[docs, PagewashExtractor(threads=2, metadata_prefix="pw_"), write],
        logging_dir=str(tmp_path / "logs"),
        tasks=1,
    )
    executor.run()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [str(n) for n in range(50)]
    assert {r["metadata"]["pw_title"] for r in rows} == {"Hafen bekommt neue Fähre"}
    assert {r["metadata"]["url"] for r in rows} == {f"https://nordkurier.example/{n}" for n in range(50)}
    assert rows[0]["text"] == pagewash.clean(ARTICLE, url="https://nordkurier.example/0")["text"]


def test_bad_extractor_options_fail_when_the_pipeline_is_built():
    pytest.importorskip("datatrove")
    from pagewash.datatrove import PagewashExtractor

    with pytest.raises(ValueError, match="script"):
        PagewashExtractor(script="cyrillic")
    with pytest.raises(ValueError, match="kind"):
        PagewashExtractor(kind="pdf")


def test_the_datasets_map_recipe():
    datasets = pytest.importorskip("datasets")
    import pagewash

    rows = {"id": [str(n) for n in range(40)], "html": [ARTICLE.replace("300", str(n)) for n in range(40)]}
    dataset = datasets.Dataset.from_dict(rows)

    # The recipe of python/README.md.
    def clean_batch(batch):
        records = pagewash.clean_many(zip(batch["id"], batch["html"]), threads=2)
        cleaned = {"text": [], "title": [], "lang": []}
        for record in records:
            for field in cleaned:
                cleaned[field].append(record[field])
        return cleaned

    cleaned = dataset.map(clean_batch, batched=True, batch_size=16, remove_columns=["html"])
    assert cleaned["id"] == rows["id"]
    assert cleaned["title"] == ["Hafen bekommt neue Fähre"] * 40
    assert cleaned["text"][7] == pagewash.clean(rows["html"][7])["text"]
