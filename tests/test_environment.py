"""The two ways of installing (pip and conda) list the same dependencies."""

import re
import tomllib

import yaml

from analysis import config


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    """Names and versions alike; pip's extras (``dask[distributed]``) are no conda match
    spec, whose brackets hold keys: conda-forge's ``dask`` holds distributed."""
    project = tomllib.loads((config.PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    pip = project["dependencies"] + project["optional-dependencies"]["dev"]
    env = yaml.safe_load((config.PROJECT_ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    conda = [d.replace(" ", "") for d in conda if _name(d) not in {"python", "pip"}]
    assert not [spec for spec in conda if "[" in spec]
    assert sorted(conda) == sorted(re.sub(r"\[.*?\]", "", s.replace(" ", "")) for s in pip)
