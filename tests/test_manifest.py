"""The sources manifest describes every raw file, with a checksum that matches."""

import pytest

from analysis import config
from analysis.manifest import read_manifest, sha256

FIELDS = {"file", "publisher", "title", "url", "licence", "retrieved", "derivation", "sha256"}


def test_every_raw_file_is_in_the_manifest():
    manifest = read_manifest(config.RAW_DIR)
    listed = {s["file"] for s in manifest["sources"]}
    on_disk = {
        p.relative_to(config.RAW_DIR).as_posix()
        for p in config.RAW_DIR.rglob("*")
        if p.is_file() and p.name != config.MANIFEST
    }
    assert listed == on_disk


@pytest.mark.parametrize(
    "source", read_manifest(config.RAW_DIR)["sources"], ids=lambda s: s["file"]
)
def test_manifest_entry(source):
    assert set(source) >= FIELDS, f"{source['file']} lacks {FIELDS - set(source)}"
    assert sha256(config.RAW_DIR / source["file"]) == source["sha256"], source["file"]
