"""The README's architecture table names every module of each stage, so a newcomer finds any module in one hop."""

from __future__ import annotations

import re

from conftest import ROOT


def _stage_rows() -> dict[str, set[str]]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Architecture", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)/` \| [^|]+ \| (.+) \|$", section, re.M)
    return {stage: {name.rstrip("/") for name in re.findall(r"`([\w/]+)`", modules)} for stage, modules in rows}


def test_the_architecture_table_names_each_module_of_each_stage() -> None:
    rows = _stage_rows()
    stages = {p.name for p in (ROOT / "sitegen").iterdir() if (p / "__init__.py").is_file()}
    assert set(rows) == stages, "README.md Architecture: one row per folder of sitegen/"
    for stage, named in rows.items():
        folder = ROOT / "sitegen" / stage
        packages = {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}
        modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"} | packages
        assert named == modules, f"README.md Architecture, row {stage}/: add {sorted(modules - named)}, drop {sorted(named - modules)}"
