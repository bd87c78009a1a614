"""Which folders a build may replace: only ones it made itself (stamped), never content, the project or a file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sitegen.core.markup import GENERATED_MARK
from sitegen.core.options import Options
from sitegen.core.paths import ROOT, display_path

SITE_STAMP = ".sitegen-site"  # in every site folder a build writes
DOCS_STAMP = ".sitegen-docs"  # in every generated-docs folder
HOSTING_STAMP = ".sitegen-hosting"  # in every server-configuration folder (<site>-hosting/, beside the site)
WORK_STAMP = ".sitegen-work"  # in every .build-* staging folder, with the id of the process using it
STAMP_TEXT = f"{GENERATED_MARK}: this folder is replaced on every build; anything put in it is lost.\n"


class OutputRefused(Exception):
    """A place the build will not write to; the message is one line for the user (exit code 2)."""


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _protected(options: Options) -> list[tuple[Path, str]]:
    clinic_folder = (options.clinic_file or options.content_dir / "clinic.yaml").parent
    return [
        (_resolved(options.content_dir), "the content folder"),
        (_resolved(clinic_folder), "the clinic profile's folder"),
        (_resolved(ROOT), "the project folder"),
        (_resolved(options.templates_dir), "the templates folder"),
        (_resolved(Path.cwd()), "the folder you are working in"),
    ]


def _is_within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def _place_problem(option: str, given: Path, options: Options) -> str | None:
    """Why `given` can never be an output folder, whatever it holds."""
    target = _resolved(given)
    shown = f"{option} {display_path(given)}"
    example = f"e.g. {option} {'site' if option == '--out' else 'docs'}"
    if target == Path(target.anchor):
        return f"{shown} is the root of the file system; choose a folder of its own, {example}"
    for place, what in _protected(options):
        if _is_within(place, target):
            which = "is" if place == target else "holds"
            return f"{shown} {which} {what} ({display_path(place)}), which a build would replace; choose a folder of its own, {example}"
    if target.exists() and not target.is_dir():
        return f"{shown} is a file, not a folder; choose a folder (a new one is created)"
    return None


def _overlap_problem(out: Path, docs: Path) -> str | None:
    site, generated = _resolved(out), _resolved(docs)
    if _is_within(site, generated) or _is_within(generated, site):
        return f"--out {display_path(out)} overlaps --docs {display_path(docs)}; give them two separate folders"
    return None


def _stamped(folder: Path, name: str) -> bool:
    stamp = folder / name
    try:
        return stamp.is_file() and not stamp.is_symlink() and stamp.read_text(encoding="utf-8").startswith(GENERATED_MARK)
    except (OSError, UnicodeDecodeError):
        return False


def looks_like_old_site(folder: Path) -> bool:
    """A site built before sites were stamped: MkDocs wrote its home page and sitemap, and its theme files."""
    index = folder / "index.html"
    try:
        with index.open("rb") as handle:
            head = handle.read(8192)
    except OSError:
        return False
    return b'<meta name="generator" content="mkdocs-' in head and (folder / "sitemap.xml").is_file() and (folder / "assets").is_dir()


def is_our_site(folder: Path) -> bool:
    return _stamped(folder, SITE_STAMP) or looks_like_old_site(folder)


def is_our_docs(folder: Path) -> bool:
    """Stamped, or made before docs folders were stamped: its home page carries the generated mark."""
    if _stamped(folder, DOCS_STAMP):
        return True
    try:
        with (folder / "index.md").open("rb") as handle:
            return GENERATED_MARK.encode() in handle.read(400)
    except OSError:
        return False


def _empty(folder: Path) -> bool:
    return not any(folder.iterdir())


def hosting_dir_for(site_dir: Path) -> Path:
    """Server configurations go beside the site, never in it (a web server must not publish its own config)."""
    return site_dir.with_name(f"{site_dir.name}-hosting")


def is_our_hosting(folder: Path) -> bool:
    return _stamped(folder, HOSTING_STAMP)


def hosting_problem(out: Path) -> str | None:
    hosting = hosting_dir_for(out)
    if hosting.exists() and not hosting.is_dir():
        return f"{display_path(hosting)} (where the build puts the server configurations for --out {display_path(out)}) is a file; move it away first"
    if hosting.is_dir() and not _empty(hosting) and not is_our_hosting(hosting):
        return (
            f"{display_path(hosting)} (where the build puts the server configurations for --out {display_path(out)}) holds files "
            f"this tool did not write (no {HOSTING_STAMP} stamp) and a build replaces the whole folder; move those files away first"
        )
    return None


def site_problem(out: Path, options: Options) -> str | None:
    problem = _place_problem("--out", out, options)
    if problem is None and out.is_dir() and not _empty(out) and not is_our_site(out):
        problem = (
            f"--out {display_path(out)} holds files this tool did not build (no {SITE_STAMP} stamp) and a build replaces "
            "the whole folder; choose a new or empty folder, or move those files away first"
        )
    return problem


def docs_problem(docs: Path, options: Options) -> str | None:
    problem = _place_problem("--docs", docs, options)
    if problem is None and docs.is_dir() and not _empty(docs) and not is_our_docs(docs):
        problem = (
            f"--docs {display_path(docs)} holds files this tool did not generate (no {DOCS_STAMP} stamp); choose a new or "
            f"empty folder, or, to keep hand-written pages and images in it, create an empty-looking stamp with: "
            f"echo '{GENERATED_MARK}' > {display_path(docs / DOCS_STAMP)}"
        )
    return problem


def output_problem(options: Options) -> str | None:
    """Why this build must not write where it was told to, or None."""
    out, docs = options.out_dir, options.docs_dir
    return (
        _place_problem("--out", out, options)
        or _place_problem("--docs", docs, options)
        or _overlap_problem(out, docs)
        or site_problem(out, options)
        or docs_problem(docs, options)
        or hosting_problem(out)
    )


def check_no_clobber(docs: Path, generated: list[str], is_generated) -> None:
    """Refuse to overwrite a hand-written file in the docs folder with a generated one of the same name."""
    for rel in generated:
        existing = docs / rel
        if existing.is_file() and not is_generated(existing):
            raise OutputRefused(
                f"{display_path(existing)} was not written by this tool (it has no '{GENERATED_MARK}' line) and the build "
                "would replace it with a generated page; rename or move it"
            )


def write_stamp(folder: Path, name: str, text: str = STAMP_TEXT) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def new_work_folder(parent: Path) -> Path:
    """A fresh .build-* staging folder in `parent`, stamped with this process's id so a later build can tidy it."""
    import tempfile

    work = Path(tempfile.mkdtemp(prefix=".build-", dir=parent))
    write_stamp(work, WORK_STAMP, f"{GENERATED_MARK} {os.getpid()}\n")
    return work


def remove_work_folder(work: Path) -> None:
    """Delete a staging folder, its stamp last, so an interrupted removal still leaves a stamped folder behind."""
    if not work.is_dir():
        return
    for child in work.iterdir():
        if child.name != WORK_STAMP:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
    (work / WORK_STAMP).unlink(missing_ok=True)
    try:
        work.rmdir()
    except OSError:
        pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or a number we cannot judge: leave its folder alone
    return True


def _work_owner(work: Path) -> int | None:
    try:
        text = (work / WORK_STAMP).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    parts = text.split()
    return int(parts[-1]) if text.startswith(GENERATED_MARK) and parts and parts[-1].isdigit() else None


def tidy_leftovers(target: Path, is_ours) -> None:
    """Repair what an interrupted build left beside `target`: restore a folder moved aside, remove staging folders.

    Only folders carrying our stamps are touched, and only when the process that made them is gone.
    """
    target = _resolved(target)
    parent = target.parent
    if not parent.is_dir():
        return
    for entry in sorted(parent.iterdir()):
        if entry.is_symlink() or not entry.is_dir():
            continue
        if entry.name.startswith(".build-"):
            owner = _work_owner(entry)
            if owner is not None and not _alive(owner):
                remove_work_folder(entry)
            elif owner is None and _empty(entry):
                entry.rmdir()  # made, then interrupted before its stamp was written
        elif entry.name.startswith(f".{target.name}.old-"):
            pid = entry.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or _alive(int(pid)) or not is_ours(entry):
                continue
            if not target.exists():
                os.rename(entry, target)  # the build stopped between its two renames: the old folder comes back
            else:
                shutil.rmtree(entry, ignore_errors=True)
