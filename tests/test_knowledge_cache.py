"""The knowledge cache: rebuilt when the data changes, damaged files ignored, unwritable dirs tolerated."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from types import MappingProxyType

import pytest

from heron import knowledge_cache
from heron.gazetteer import CompactNames, Entry
from heron.model import Location


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    """An empty cache directory, and a package tree of our own whose data file a test may edit."""
    root = tmp_path / "pkg"
    (root / "data").mkdir(parents=True)
    (root / "loader.py").write_text("# builds the knowledge\n", encoding="utf-8")
    (root / "data" / "words.txt").write_text("alpha\nbeta\n", encoding="utf-8")
    monkeypatch.setattr(knowledge_cache, "PACKAGE_ROOT", root)
    knowledge_cache._digest.cache_clear()
    directory = tmp_path / "cache"
    monkeypatch.setenv(knowledge_cache.ENV_DIR, str(directory))
    yield directory
    knowledge_cache._digest.cache_clear()


class Builder:
    """Builds the knowledge from the package tree's data file and counts how often it did."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, tuple[str, ...]]:
        self.calls += 1
        text = (knowledge_cache.PACKAGE_ROOT / "data" / "words.txt").read_text(encoding="utf-8")
        return {"words": tuple(text.split())}


def test_built_once_then_loaded(cache):
    build = Builder()
    first = knowledge_cache.load_or_build("words", build)
    second = knowledge_cache.load_or_build("words", build)
    assert first == second == {"words": ("alpha", "beta")}
    assert build.calls == 1
    # Written under a temporary name, then renamed: nothing else is left behind.
    assert [p.name for p in cache.iterdir()] == [knowledge_cache.cache_path("words").name]


def test_a_changed_data_file_rebuilds(cache):
    build = Builder()
    knowledge_cache.load_or_build("words", build)
    old_path = knowledge_cache.cache_path("words")
    (knowledge_cache.PACKAGE_ROOT / "data" / "words.txt").write_text("alpha\ngamma\n", encoding="utf-8")
    knowledge_cache._digest.cache_clear()  # a new process computes the digest anew
    assert knowledge_cache.load_or_build("words", build) == {"words": ("alpha", "gamma")}
    assert build.calls == 2
    assert knowledge_cache.cache_path("words") != old_path


def test_changed_code_rebuilds(cache):
    build = Builder()
    knowledge_cache.load_or_build("words", build)
    (knowledge_cache.PACKAGE_ROOT / "loader.py").write_text("# builds it differently\n", encoding="utf-8")
    knowledge_cache._digest.cache_clear()
    knowledge_cache.load_or_build("words", build)
    assert build.calls == 2


def test_the_digest_covers_heron_s_own_data_files(tmp_path, monkeypatch):
    copy = tmp_path / "heron"
    shutil.copytree(Path(knowledge_cache.__file__).parent, copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(knowledge_cache, "PACKAGE_ROOT", copy)
    knowledge_cache._digest.cache_clear()
    try:
        before = knowledge_cache.knowledge_digest()
        places = copy / "data" / "places.yaml"
        places.write_text(places.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
        knowledge_cache._digest.cache_clear()
        assert knowledge_cache.knowledge_digest() != before
    finally:
        knowledge_cache._digest.cache_clear()


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "not-a-pickle"])
def test_a_damaged_file_is_ignored_and_rebuilt(cache, damage):
    build = Builder()
    knowledge_cache.load_or_build("words", build)
    path = knowledge_cache.cache_path("words")
    data = path.read_bytes()
    damaged = {
        "truncate": data[: len(data) // 2],
        "flip": data[:-3] + bytes([data[-3] ^ 0xFF]) + data[-2:],
        "garbage": os.urandom(len(data)),
        "empty": b"",
        # A whole, checksummed file whose content is no pickle (e.g. from another program).
        "not-a-pickle": knowledge_cache._encode(b"this is not a pickle"),
    }[damage]
    path.write_bytes(damaged)
    assert knowledge_cache.load_or_build("words", build) == {"words": ("alpha", "beta")}
    assert build.calls == 2
    knowledge_cache.load_or_build("words", build)
    assert build.calls == 2  # the damaged file was replaced by a good one


def test_an_unwritable_cache_dir_still_works(tmp_path, monkeypatch, cache):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(knowledge_cache.ENV_DIR, str(blocker / "heron"))  # cannot be created, even by root
    build = Builder()
    assert knowledge_cache.load_or_build("words", build) == {"words": ("alpha", "beta")}
    assert knowledge_cache.load_or_build("words", build) == {"words": ("alpha", "beta")}
    assert build.calls == 2  # built in memory each time, no error


def test_no_home_directory_still_works(cache, monkeypatch):
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(knowledge_cache.ENV_DIR)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert knowledge_cache.load_or_build("words", Builder()) == {"words": ("alpha", "beta")}


def test_errors_of_the_build_propagate(cache):
    def broken() -> None:
        raise ValueError("words.txt: line 3: not a word")

    with pytest.raises(ValueError, match="not a word"):
        knowledge_cache.load_or_build("words", broken)
    assert not list(cache.glob("*.pickle"))


def test_variants_are_kept_apart(cache):
    a = knowledge_cache.load_or_build("words", lambda: "from file a", variant="aaaa")
    b = knowledge_cache.load_or_build("words", lambda: "from file b", variant="bbbb")
    assert (a, b) == ("from file a", "from file b")
    assert knowledge_cache.load_or_build("words", lambda: "rebuilt", variant="aaaa") == "from file a"


def test_old_digests_are_pruned(cache):
    cache.mkdir()
    for n in range(12):
        (cache / f"words-{n:032x}.pickle").write_bytes(b"old")
        os.utime(cache / f"words-{n:032x}.pickle", ns=(n * 10**9, n * 10**9))
    (cache / f"other-{0:032x}.pickle").write_bytes(b"another kind")
    (cache / f"words-{1:016x}-{0:032x}.pickle").write_bytes(b"a user file's variant, oldest of all")
    os.utime(cache / f"words-{1:016x}-{0:032x}.pickle", ns=(0, 0))
    knowledge_cache.load_or_build("words", Builder())
    kept = sorted(p.name for p in cache.glob("words-*.pickle"))
    assert len(kept) == knowledge_cache.KEEP_PER_KIND
    assert knowledge_cache.cache_path("words").name in kept
    assert f"words-{11:032x}.pickle" in kept and f"words-{0:032x}.pickle" not in kept  # newest kept
    assert (cache / f"other-{0:032x}.pickle").exists()
    assert not (cache / f"words-{1:016x}-{0:032x}.pickle").exists()  # variants count with their kind


def test_a_loaded_file_counts_as_recently_used(cache):
    build = Builder()
    knowledge_cache.load_or_build("words", build)
    path = knowledge_cache.cache_path("words")
    os.utime(path, ns=(10**9, 10**9))
    knowledge_cache.load_or_build("words", build)
    assert path.stat().st_mtime_ns > 10**9


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(knowledge_cache.ENV_DIR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert knowledge_cache.cache_dir() == tmp_path / "xdg" / "heron"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec: ignore a relative path
    assert knowledge_cache.cache_dir() == Path.home() / ".cache" / "heron"
    monkeypatch.setenv(knowledge_cache.ENV_DIR, str(tmp_path / "mine"))
    assert knowledge_cache.cache_dir() == tmp_path / "mine"


def test_read_only_mappings_stay_read_only():
    proxy = MappingProxyType({"a": MappingProxyType({"b": 1})})
    back = knowledge_cache.loads(knowledge_cache.dumps(proxy))
    assert back == {"a": {"b": 1}}
    assert isinstance(back, MappingProxyType) and isinstance(back["a"], MappingProxyType)
    with pytest.raises(TypeError):
        back["c"] = 2  # type: ignore[index]


def test_compact_names_equal_the_mapping_they_were_made_from():
    paris = Entry(Location("Paris", "FRA", 48.85, 2.35, "capital", 2988507), 2_138_551, True)
    texas = Entry(Location("Paris", "USA", 33.66, -95.55, "city", 4717560), 24_782, False, True, False, "TX")
    alias = Entry(Location("Paris", "FRA", 48.85, 2.35, "capital", 2988507), 2_138_551, True, False)
    names = {"paris": (paris, texas), "lutece": (alias,), "ville lumiere": (paris,)}
    compact = pickle.loads(pickle.dumps(CompactNames.of(names)))
    assert dict(compact) == names
    assert len(compact) == 3 and "lutece" in compact and "lyon" not in compact
    assert compact.get("lyon") is None
    assert compact["paris"] == (paris, texas)


@pytest.mark.slow
def test_heron_code_is_the_same_built_loaded_or_uncached(tmp_path):
    """A process that builds the knowledge, one that loads it and one that cannot store it code alike."""
    article = tmp_path / "talks.txt"
    article.write_text("The foreign minister of Chile met the president of Peru in Lima on Monday.\n"
                       "Police arrested dozens of protesters in Santiago, the interior ministry said.\n",
                       encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")

    def code(cache_dir: Path) -> list[dict]:
        env = {**os.environ, knowledge_cache.ENV_DIR: str(cache_dir)}
        proc = subprocess.run([sys.executable, "-m", "heron.cli", "code", str(article), "--format", "jsonl"],
                              capture_output=True, text=True, env=env, timeout=600)
        assert proc.returncode == 0, proc.stderr
        return [json.loads(line) for line in proc.stdout.splitlines()]

    built = code(tmp_path / "cache")
    assert {p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.pickle")} >= {"coder", "gazetteer"}
    loaded = code(tmp_path / "cache")
    uncached = code(blocker / "heron")
    assert built == loaded == uncached
    assert any(e["code"].startswith("04") for e in built)


CONCURRENT_SCRIPT = """
import sys
from heron import knowledge_cache
value = knowledge_cache.load_or_build("many", lambda: {str(n): list(range(n % 50)) for n in range(20000)})
print(len(value), sum(len(v) for v in value.values()))
"""


def test_concurrent_processes_build_and_read_safely(tmp_path):
    env = {**os.environ, knowledge_cache.ENV_DIR: str(tmp_path / "cache")}
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT_SCRIPT], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outs]
    assert {out for out, _ in outs} == {"20000 490000\n"}
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".pickle"]  # one file, no temp files
