"""Keyword options: what each function takes, and what a wrong one raises."""

import pytest

import pagewash

PAGE = b"<html><head><title>A page</title></head><body><p>Some text of a page.</p></body></html>"


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: pagewash.clean(PAGE, script="traditional"), ValueError, r"invalid value 'traditional' for script.*keep, simplified"),
        (lambda: pagewash.clean(PAGE, no_repair=["nonsense"]), ValueError, r"unknown repair kind \"nonsense\" for no_repair"),
        (lambda: pagewash.clean(PAGE, encoding="klingon"), ValueError, r"unknown encoding label \"klingon\""),
        (lambda: pagewash.clean(PAGE, encoding="replacement"), ValueError, r"replacement encoding"),
        (lambda: pagewash.clean(PAGE, max_bytes="12 parsecs"), ValueError, r"max_bytes"),
        (lambda: pagewash.clean(PAGE, kind="xml"), ValueError, r"kind must be 'html', 'text' or None"),
        (lambda: pagewash.clean(PAGE, keep_spam="yes"), TypeError, r"keep_spam must be True or False, not str"),
        (lambda: pagewash.clean(PAGE, script=3.5), TypeError, r"script must be a string or an integer, not float"),
        (lambda: pagewash.clean(PAGE, threads=2), TypeError, r"clean\(\) got an unexpected keyword argument 'threads'"),
        (lambda: pagewash.clean(PAGE, output="x.jsonl"), TypeError, r"unexpected keyword argument 'output'"),
        (lambda: pagewash.clean(PAGE, quiet=True), TypeError, r"unexpected keyword argument 'quiet'"),
        (lambda: pagewash.clean(PAGE, glob="*.html"), TypeError, r"unexpected keyword argument 'glob'"),
        (lambda: pagewash.clean(PAGE, **{"keep-spam": True}), TypeError, r"unexpected keyword argument 'keep-spam'"),
        (lambda: pagewash.clean(12), TypeError, r"data must be bytes or str, not int"),
        (lambda: pagewash.clean(PAGE, url=3), TypeError, r"url"),
        (lambda: pagewash.clean_many([PAGE], threads=0), ValueError, r"threads must be at least 1"),
        (lambda: pagewash.clean_many([PAGE], threads="many"), ValueError, r"threads"),
        (lambda: pagewash.clean_many([PAGE], format="html"), TypeError, r"clean_many\(\) got an unexpected keyword argument 'format'"),
        (lambda: pagewash.clean_many(PAGE), TypeError, r"for one document, use clean\(\)"),
        (lambda: pagewash.clean_many(5), TypeError, r"items must be iterable, not int"),
        (lambda: pagewash.read("fixtures", stats="s.json"), TypeError, r"read\(\) got an unexpected keyword argument 'stats'"),
        (lambda: pagewash.read("fixtures", shard="3/2"), ValueError, r"shard"),
        (lambda: pagewash.read("fixtures", glob="[z-a]"), ValueError, r"invalid --glob|glob"),
        (lambda: pagewash.read("fixtures", format="pdf"), ValueError, r"invalid value 'pdf' for format"),
        (lambda: pagewash.read(5), TypeError, r"paths must be a path"),
        (lambda: pagewash.read([5]), TypeError, r"paths must be a path"),
    ],
)
def test_bad_options_raise(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_none_is_the_default():
    assert pagewash.clean(PAGE, script=None, encoding=None, keep_spam=False) == pagewash.clean(PAGE)
    assert list(pagewash.clean_many([PAGE], threads=None)) == [pagewash.clean(PAGE, id="0")]


def test_the_same_options_again_give_the_same_records():
    # Options are parsed once per distinct set and kept: the second call reuses them.
    first = pagewash.clean(PAGE, script="simplified", no_repair=("leaked-markup",))
    assert pagewash.clean(PAGE, no_repair=("leaked-markup",), script="simplified") == first
    assert pagewash.clean(PAGE, script="simplified") == first


def test_field_names_of_dict_items():
    rows = [{"doc_id": "a", "raw_html": PAGE, "link": "https://example.org/a", "cs": "windows-1252"}]
    [record] = pagewash.clean_many(rows, html_field="raw_html", id_field="doc_id", url_field="link", charset_field="cs")
    assert record["id"] == "a" and record["url"] == "https://example.org/a" and record["text"] == "Some text of a page."
    assert record["encoding"]["source"] == "transport" and record["encoding"]["declared"] == "windows-1252"


def test_versions():
    assert pagewash.__version__
    assert pagewash.PAGEWASH_VERSION.startswith(pagewash.__version__)


def stub_keywords():
    """The keyword-only parameters the type stubs give each function."""
    import ast
    from pathlib import Path

    stubs = Path(pagewash.__file__).with_name("_pagewash.pyi")
    tree = ast.parse(stubs.read_text(encoding="utf-8"))
    return {
        node.name: [arg.arg for arg in node.args.kwonlyargs]
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


def test_the_stubs_name_keywords_the_functions_take():
    keywords = stub_keywords()
    assert set(keywords) == {"clean", "clean_many", "read"}
    for name in keywords["clean"]:
        pagewash.clean(PAGE, **{name: None})
    for name in keywords["clean_many"]:
        list(pagewash.clean_many([PAGE], **{name: None}))
    for name in keywords["read"]:
        list(pagewash.read([], **{name: None}))
    assert "all_records" in keywords["read"] and "threads" in keywords["clean_many"]
