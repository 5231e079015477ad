"""No memory grows with the number of calls: 100,000 of them."""

import gc
import os

import pytest

import pagewash

PAGE = (
    "<html><head><title>Neue Straßenbahnlinie eröffnet – Stadtkurier</title>"
    "<meta name='author' content='Anna Weber'></head><body><nav><a href='/'>Start</a></nav>"
    "<article><h1>Neue Straßenbahnlinie eröffnet</h1><p>Die Linie 7 fährt seit Montag im Zehn-Minuten-Takt "
    "zwischen Hauptbahnhof und Messe.</p><p>玛多县| 新郑市| 东安县| 华容县| 乐昌市| 明溪县</p></article>"
    "<footer>© Stadtkurier</footer></body></html>"
)
# CI sets fewer calls ($PAGEWASH_LEAK_CALLS) for its unoptimised build, where a call costs ~6x more.
CALLS = int(os.environ.get("PAGEWASH_LEAK_CALLS", "100000"))
# A leak of one record's dict (about 2 KB) per call would be 200 MB over 100,000 calls; of 64
# bytes, 6 MB.
ALLOWED_GROWTH = 6 << 20


def resident_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")


def grows(run, warm_up=2_000):
    run(warm_up)
    gc.collect()
    before = resident_bytes()
    run(CALLS)
    gc.collect()
    return resident_bytes() - before


def test_clean_does_not_leak():
    data = PAGE.encode("utf-8")

    def run(n):
        for i in range(n):
            # bytes and str, options and none, alternately.
            if i % 2:
                pagewash.clean(data, url="https://example.de/a")
            else:
                pagewash.clean(PAGE, keep_spam=True, id="x")

    assert grows(run) < ALLOWED_GROWTH


def test_clean_many_does_not_leak():
    data = PAGE.encode("utf-8")

    def run(n):
        items = ((str(i), data) if i % 2 else {"id": i, "html": PAGE} for i in range(n))
        count = sum(1 for _ in pagewash.clean_many(items, threads=2))
        assert count == n

    assert grows(run) < ALLOWED_GROWTH


def test_failing_calls_do_not_leak():
    def run(n):
        for i in range(n // 10):
            with pytest.raises(ValueError):
                pagewash.clean(b"<p>x</p>", script="klingon")
            with pytest.raises(TypeError):
                pagewash.clean(b"<p>x</p>", nonsense=1)
            assert pagewash.clean(b"\x89PNG\r\n\x1a\n" + bytes(64))["error"]["kind"] == "binary"

    assert grows(run, warm_up=1_000) < ALLOWED_GROWTH
