"""The measurements of scripts/bench-python (run it through that script)."""

import gzip
import json
import os
import sys
import time
from pathlib import Path

import pagewash

REPEAT = int(os.environ.get("REPEAT", "3"))


def load(folder):
    pages = []
    for path in sorted(Path(folder).iterdir()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        pages.append((path.name, data))
    return pages


def best(run):
    """The least disturbed of REPEAT runs: (cpu seconds, wall seconds)."""
    results = []
    for _ in range(REPEAT):
        cpu, wall = time.process_time(), time.perf_counter()
        run()
        results.append((time.process_time() - cpu, time.perf_counter() - wall))
    return min(results)


def report(name, pages, cpu, wall, note=""):
    n = len(pages)
    print(f"{name:<44} {cpu / n * 1000:8.2f} ms CPU/page  {wall / n * 1000:8.2f} ms wall/page  "
          f"{n / wall:8.1f} pages/s wall  {n / cpu:8.1f} pages/CPU-s {note}")


def main():
    pages = load(sys.argv[1])
    megabytes = sum(len(d) for _, d in pages) / 1e6
    print(f"{len(pages)} pages, {megabytes:.1f} MB decompressed, in memory; load average {os.getloadavg()[0]:.1f}, "
          f"{os.cpu_count()} cores; best of {REPEAT} runs; pagewash {pagewash.PAGEWASH_VERSION}")
    datas = [d for _, d in pages]

    pagewash.clean(datas[0])  # loads the gazetteer and the keyword lists once
    cpu, wall = best(lambda: [pagewash.clean(d) for d in datas])
    report("pagewash.clean(bytes)", pages, cpu, wall)
    clean_cpu = cpu / len(pages)

    rates = {}
    for threads in (1, 2):
        cpu, wall = best(lambda: sum(1 for _ in pagewash.clean_many(datas, threads=threads)))
        rates[threads] = len(pages) / wall
        report(f"pagewash.clean_many(threads={threads})", pages, cpu, wall,
               f"(CPU/wall {cpu / wall:.2f})")
    print(f"{'clean_many threads=2 / threads=1 (wall rate)':<44} {rates[2] / rates[1]:8.2f}x")

    # What the dict costs: json.loads of the same record's JSONL line builds the same objects
    # (and parses the text besides); the bindings build them directly.
    lines = [json.dumps(pagewash.clean(d), ensure_ascii=False) for d in datas]
    cpu, wall = best(lambda: [json.loads(line) for line in lines])
    report("json.loads(the record's JSONL line)", pages, cpu, wall,
           f"({cpu / len(pages) / clean_cpu * 100:.1f}% of clean)")

    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    except ImportError:
        print("Resiliparse not installed: left out")
    else:
        texts = [bytes_to_str(d, detect_encoding(d)) for d in datas]
        cpu, wall = best(lambda: [extract_plain_text(t, main_content=True) for t in texts])
        report("resiliparse extract_plain_text(str, main)", pages, cpu, wall)
        ratio = clean_cpu / (cpu / len(pages))
        print(f"{'pagewash.clean / resiliparse (CPU per page)':<44} {ratio:8.2f}x")
        cpu, wall = best(lambda: [extract_plain_text(bytes_to_str(d, detect_encoding(d)), main_content=True) for d in datas])
        report("resiliparse decode + extract (bytes, main)", pages, cpu, wall)

    try:
        import trafilatura
    except ImportError:
        print("trafilatura not installed: left out")
    else:
        texts = [d.decode("utf-8", "replace") for d in datas]
        cpu, wall = best(lambda: [trafilatura.extract(t) for t in texts])
        report(f"trafilatura {trafilatura.__version__} extract(str)", pages, cpu, wall)


if __name__ == "__main__":
    main()
