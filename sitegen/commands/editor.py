"""Set up /admin/ (the browser editor) for the live preview (local backend) or a production build (the clinic's Git host)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.core.options import Options
from sitegen.core.paths import ROOT
from sitegen.load.cms_config import IMAGES_FOLDER, ContentFile, cms_config, content_files
from sitegen.load.models.clinic import Clinic

# Where each hosted backend's API lives, for the editor's connect-src.
_API = {"github": ["https://api.github.com"], "gitlab": ["https://gitlab.com"]}


@dataclass
class Editor:
    """Everything /admin/ needs: the generated config, the origins it may connect to, the files it edits."""

    config: dict
    connect: list[str]
    files: list[ContentFile]
    repo_root: Path
    images: list[str] = field(default_factory=list)


def repo_root_of(options: Options) -> Path:
    """The folder the editor's paths are relative to: the Git repository holding the content, else the content's folder."""
    clinic_file = options.clinic_file or options.content_dir / "clinic.yaml"
    folders = [options.content_dir.resolve(), clinic_file.resolve().parent]
    if all(folder.is_relative_to(ROOT) for folder in folders):
        return ROOT
    common = Path(os.path.commonpath(folders))
    return next((folder for folder in (common, *common.parents) if (folder / ".git").exists()), common)


def _editor(options: Options, backend: dict, connect: list[str], site_url: str) -> Editor:
    clinic_file = options.clinic_file or options.content_dir / "clinic.yaml"
    root = repo_root_of(options)
    files = content_files(options.content_dir, clinic_file, root)
    media = (clinic_file.resolve().parent / IMAGES_FOLDER).relative_to(root.resolve()).as_posix()
    return Editor(cms_config(files, backend, media, site_url), connect, files, root)


def local_editor(options: Options, backend_url: str, preview_url: str) -> Editor:
    """The preview's editor: Decap's proxy backend, i.e. decap-server writing the files on this machine."""
    return _editor(options, {"name": "proxy", "proxy_url": f"{backend_url}/api/v1", "branch": "main"}, [backend_url], preview_url)


def production_editor(clinic: Clinic, options: Options) -> Editor | None:
    """The published site's editor, if clinic.yaml turns it on: GitHub or GitLab, signing in through the clinic's Git host."""
    settings = clinic.editor
    if settings is None or not settings.enabled:
        return None
    backend: dict = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch}
    connect = list(_API[settings.backend])
    if settings.base_url:
        backend["base_url"] = settings.base_url
        connect.append(settings.base_url.rstrip("/"))
    if settings.api_root:
        backend["api_root"] = settings.api_root
        connect.append(settings.api_root.rstrip("/"))
    if settings.backend == "gitlab" and settings.app_id:
        backend.update(auth_type="pkce", app_id=settings.app_id)
    editor = _editor(options, backend, connect, clinic.site_url)
    editor.images = ["https://raw.githubusercontent.com"] if settings.backend == "github" else []
    return editor
