"""The sources manifest describes every raw file, with a checksum that matches."""

import json

import pytest

from analysis import config
from analysis.manifest import read_manifest
from analysis.memo import digest as sha256

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


def test_a_changed_file_loses_its_entry_and_a_bad_manifest_is_one_line(tmp_path, capsys):
    """A file edited since its checksum was recorded: its entry (release, provisional
    years) is no longer trusted, with a warning; a manifest that is not JSON: one error."""
    import shutil

    from analysis.errors import InputError

    raw = tmp_path / "raw"
    shutil.copytree(config.RAW_DIR, raw)
    idmc = raw / "unhcr" / "idmc.csv"
    idmc.write_text(idmc.read_text().replace("21200000", "1", 1))
    files = [s["file"] for s in read_manifest(raw)["sources"]]
    assert "unhcr/idmc.csv" not in files and "unhcr/population.csv.gz" in files
    assert "unhcr/idmc.csv has changed since its checksum was recorded" in capsys.readouterr().err
    # a checksum in capitals, as PowerShell's Get-FileHash prints it, is the same checksum
    manifest = json.loads((raw / "sources.json").read_text(encoding="utf-8"))
    for source in manifest["sources"]:
        source["sha256"] = source["sha256"].upper()
    (raw / "sources.json").write_text(json.dumps(manifest), encoding="utf-8")
    files = [s["file"] for s in read_manifest(raw)["sources"]]
    assert "unhcr/population.csv.gz" in files
    assert "population.csv.gz has changed" not in capsys.readouterr().err
    # a file the manifest names that is gone (renamed, or replaced by a new download)
    (raw / "unhcr" / "unrwa.csv").rename(raw / "unhcr" / "unrwa_old.csv")
    files = [s["file"] for s in read_manifest(raw)["sources"]]
    assert "unhcr/unrwa.csv" not in files and "unhcr/population.csv.gz" in files
    assert (
        f"warning: {raw / 'sources.json'}: names unhcr/unrwa.csv, which is not in the folder; "
        "its entry is not used"
    ) in capsys.readouterr().err
    # a new release dropped in: one line for the files changed, not one a file
    for name in ("countries.csv", "unrwa_old.csv"):
        path = raw / "unhcr" / name
        path.write_bytes(path.read_bytes() + b"\n")
    (raw / "unhcr" / "unrwa_old.csv").rename(raw / "unhcr" / "unrwa.csv")
    read_manifest(raw)
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1
        and (
            f"warning: {raw / 'sources.json'}: unhcr/countries.csv, unhcr/idmc.csv and "
            "unhcr/unrwa.csv have changed since their checksums were recorded; their entries "
            "(release, provisional years) are not used"
        )
        in err
    )
    (raw / "sources.json").write_text("{not json")
    with pytest.raises(InputError, match="sources.json: not a readable sources manifest"):
        read_manifest(raw)
    (raw / "sources.json").write_bytes(
        b"\xef\xbb\xbf" + (config.RAW_DIR / "sources.json").read_bytes()
    )
    assert read_manifest(raw)["sources"]  # a byte-order mark, as Windows' Notepad saves
    (raw / "sources.json").unlink()
    (raw / "sources.json").mkdir()
    with pytest.raises(InputError, match="sources.json: not a readable sources manifest"):
        read_manifest(raw)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"release": "x"}, "source 1, field 'file': expected a file path inside the folder"),
        ({"file": 5}, "field 'file': expected a file path inside the folder, found 5"),
        (  # a string read as a set gave the years {2, 0, 5}
            {"file": "unhcr/population.csv.gz", "provisional_years": "2025"},
            "field 'provisional_years': expected a list of years such as [2025], found \"2025\"",
        ),
        (
            {"file": "unhcr/population.csv.gz", "provisional_years": ["2025"]},
            "field 'provisional_years': expected a list of years such as [2025]",
        ),
        ({"file": "unhcr/idmc.csv", "provisional_years": None}, "found null"),
        (  # JSON's true is a Python int: it was taken for a year
            {"file": "unhcr/idmc.csv", "provisional_years": [True]},
            "field 'provisional_years': expected a list of years such as [2025], found [true]",
        ),
        (  # no such month
            {"file": "unhcr/idmc.csv", "release_date": "2025-13"},
            "field 'release_date': expected a date written YYYY-MM",
        ),
        (  # went into the PDF's creation date as it was
            {"file": "unhcr/idmc.csv", "release_date": "December 2025"},
            "field 'release_date': expected a date written YYYY-MM, such as \"2025-12\", "
            'found "December 2025"',
        ),
    ],
)
def test_a_manifest_entry_not_as_it_is_used_is_one_line(tmp_path, capsys, entry, expected):
    """An entry without "file", or with provisional years as text, gave "unexpected
    KeyError" or a wrong provisional flag."""
    import json
    import shutil

    from analysis.cli import main

    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    (raw / config.MANIFEST).write_text(json.dumps({"sources": [entry]}))
    assert main(["figures", "--year", "2024", "--raw-dir", str(raw)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {raw / config.MANIFEST}: ") and expected in err
    assert len(err.splitlines()) == 1
