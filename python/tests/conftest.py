"""Shared helpers: the repository's fixtures and the command line to compare with."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"

# Containers and compressed files hold several documents: `read` covers them, `clean` covers
# the single pages.
CONTAINER_SUFFIXES = {".warc", ".wet", ".wat", ".arc", ".jsonl", ".ndjson", ".gz", ".zst", ".bz2", ".xz"}


def fixture_files():
    """Every fixture file, sorted (READMEs are not fixtures)."""
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.name != "README.md")


def single_pages():
    return [p for p in fixture_files() if not CONTAINER_SUFFIXES & set(p.suffixes)]


def kind_by_name(path):
    """The kind the command line gives a file by its extension (None: sniffed from content)."""
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm", ".xhtml", ".shtml", ".xht", ".php", ".asp", ".aspx", ".jsp"}:
        return "html"
    if suffix in {".txt", ".text", ".wet"}:
        return "text"
    return None


def rel(path):
    """A fixture's path as the command line's id gives it, run from the repository root."""
    return str(Path(path).relative_to(ROOT))


@pytest.fixture(scope="session")
def pagewash_bin():
    """The command line built from this checkout: $PAGEWASH_BIN (CI sets it to the binary
    `cargo test` built), else target/debug/pagewash, else built now."""
    given = os.environ.get("PAGEWASH_BIN")
    if given:
        assert Path(given).is_file(), f"PAGEWASH_BIN={given} does not exist"
        return given
    built = ROOT / "target" / "debug" / "pagewash"
    if not built.is_file():
        cargo = shutil.which("cargo")
        assert cargo, "no pagewash binary and no cargo to build one: set PAGEWASH_BIN"
        subprocess.run([cargo, "build", "--quiet", "--bin", "pagewash"], cwd=ROOT, check=True)
    return str(built)


@pytest.fixture(scope="session")
def cli(pagewash_bin):
    """Runs the command line from the repository root; returns its records."""

    def run(*args, stdin=None):
        done = subprocess.run(
            [pagewash_bin, "--quiet", *map(str, args)],
            cwd=ROOT,
            input=stdin,
            capture_output=True,
            check=False,
        )
        assert done.returncode in (0, 2), done.stderr.decode(errors="replace")
        return [json.loads(line) for line in done.stdout.splitlines()]

    return run


@pytest.fixture(scope="session")
def cli_fixture_records(cli):
    """The command line's records of the whole fixtures directory, by id."""
    records = cli("fixtures/")
    by_id = {record["id"]: record for record in records}
    assert len(by_id) == len(records)
    return by_id
