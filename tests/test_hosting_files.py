"""What the build writes for hosts that cannot be run here (Netlify, Cloudflare Pages) says what nginx does; sitemap,
security.txt, byte-stable builds, and `all --shard I/N`."""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from conftest import ROOT, build_args
from hosting_servers import EXPECTED_FORWARDS
from test_hosting_servers import get

from sitegen.commands.build_all import clinic_files, shard_of
from sitegen.core.security_policy import CACHE_HASHED, CACHE_REVALIDATE, HASHED_FILE


def parse_headers_file(text: str) -> list[tuple[str, dict[str, str]]]:
    """Netlify / Cloudflare `_headers`: a path pattern at the line start, then indented 'Name: value' lines."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line.strip(), {}))
            continue
        name, sep, value = line.strip().partition(":")
        assert sep and rules, f"not a header line under a path: {line!r}"
        assert name not in rules[-1][1], f"{name} twice for {rules[-1][0]}"
        rules[-1][1][name] = value.strip()
    return rules


def headers_for(rules: list[tuple[str, dict[str, str]]], path: str) -> dict[str, str]:
    """What the hosts send for a path: every matching rule's headers (a header named twice would be joined)."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(path, pattern):
            for name, value in headers.items():
                found[name] = f"{found[name]}, {value}" if name in found else value
    return found


def test_headers_and_redirects_files_say_what_nginx_does(hosted_site, web_server) -> None:
    site, hosting = hosted_site
    base = web_server("nginx")
    rules = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))
    hashed = sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*") if HASHED_FILE.search(p.name))
    assert [p for p, h in rules if "Cache-Control" in h] == hashed, "every hashed file, and only those, gets a year's caching"
    editor = ["/admin/", "/admin/config.yml"] if (site / "admin").is_dir() else []
    for path in ["/", "/faq/", "/assets/images/favicon.png", "/search/search_index.json", "/404.html", *editor, *hashed]:
        status, nginx, _ = get(base, path)
        assert status == 200
        promised = headers_for(rules, path)
        for name, value in promised.items():
            assert nginx.get_all(name) == [value], f"{path}: _headers says {name}: {value}, nginx sends {nginx.get_all(name)}"
        sent = {
            n
            for n in nginx
            if n not in ("Server", "Date", "Content-Type", "Content-Length", "Last-Modified", "Connection", "ETag", "Accept-Ranges")
        }
        assert sent - {"Cache-Control"} == set(promised) - {"Cache-Control"}, path
        # Unhashed files: the hosts' default Cache-Control (public, max-age=0, must-revalidate) revalidates like nginx's.
        assert promised.get("Cache-Control", CACHE_REVALIDATE) == (CACHE_HASHED if path in hashed else CACHE_REVALIDATE)

    lines = [line.split() for line in (site / "_redirects").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert {old: new for old, new, _code in lines} == EXPECTED_FORWARDS and {code for *_, code in lines} == {"301"}
    netlify = tomllib.loads((hosting / "netlify.toml").read_text(encoding="utf-8"))
    forwards = [r for r in netlify["redirects"] if r["status"] != 404]
    assert {r["from"]: r["to"] for r in forwards} == EXPECTED_FORWARDS
    assert all(r["status"] == 301 and r["force"] is True for r in forwards)  # over the meta-refresh pages
    # A missing Spanish address shows the Spanish 404 page (not forced: existing files are served first).
    not_found = [r for r in netlify["redirects"] if r["status"] == 404]
    assert not_found == [{"from": "/es/*", "to": "/es/404.html", "status": 404}]
    assert (site / "es/404.html").is_file()
    for old, new, _code in lines:
        status, nginx, _ = get(base, old)
        assert status == 301 and nginx["Location"].endswith(new), (old, status, nginx["Location"])


def test_sitemap_lastmod_is_each_pages_last_review_and_leaves_out_forwards(hosted_site) -> None:
    site, _ = hosted_site
    content = site.parent / "content"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {
        u.findtext("s:loc", namespaces=namespace): u.findtext("s:lastmod", namespaces=namespace)
        for u in ET.parse(site / "sitemap.xml").getroot()
    }
    reviewed = lambda name: str(yaml.safe_load((content / name).read_text(encoding="utf-8"))["review"]["last_reviewed"])  # noqa: E731
    assert entries["https://ketamine-clinic.example/side-effects/"] == reviewed("topics/side-effects.yaml")
    assert entries["https://ketamine-clinic.example/faq/is-it-addictive/"] == reviewed("faq.yaml")
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod or "") for lastmod in entries.values()), entries
    forwarded = [old for old in EXPECTED_FORWARDS if "https://ketamine-clinic.example" + old in entries]
    assert forwarded == [] and len(entries) >= 60, forwarded


def test_security_txt_comes_from_clinic_yaml_and_only_when_it_names_a_contact(workdir: Path, run) -> None:
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    assert not (workdir / "site/.well-known/security.txt").exists()  # the fixture clinic names no security contact
    clinic = workdir / "content/clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "security_contact: https://clinic.example/report-a-problem/\n", encoding="utf-8")
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    text = (workdir / "site/.well-known/security.txt").read_text(encoding="utf-8")
    assert "Contact: https://clinic.example/report-a-problem/\n" in text
    expires = dt.datetime.fromisoformat(re.search(r"Expires: (\S+)", text).group(1))
    assert dt.timedelta(days=300) < expires.date() - dt.date(2026, 11, 22) <= dt.timedelta(days=365)  # SITEGEN_TODAY
    clinic.write_text(
        clinic.read_text(encoding="utf-8").replace("https://clinic.example/report-a-problem/", "not an address"), encoding="utf-8"
    )
    code, _, err = run("build", *build_args(workdir))
    assert code == 1 and "security_contact" in err, err


def test_two_builds_of_the_same_content_are_byte_for_byte_the_same(workdir: Path, run) -> None:
    trees = []
    for name in ("one", "two"):
        code, _, err = run("build", "--content", "content", "--out", f"{name}/site", "--docs", f"{name}/docs")
        assert code == 0, err
        root = workdir / name
        trees.append({p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    assert any(k.startswith("site-hosting/") for k in trees[0]) and "site/_headers" in trees[0]
    assert [k for k in trees[0] if trees[0][k] != trees[1][k]] == []


def test_shards_split_the_clinics_into_disjoint_slices_that_cover_them_all() -> None:
    files = [Path(f"{name}.yaml") for name in "abcdefg"]
    for count in (1, 2, 3, 7, 9):
        slices = [shard_of(files, i, count) for i in range(1, count + 1)]
        assert sorted(f for s in slices for f in s) == files
        assert max(map(len, slices)) - min(map(len, slices)) <= 1
    assert shard_of(files, 2, 3) == [Path("b.yaml"), Path("e.yaml")]


def test_all_with_a_shard_builds_only_that_slice(tmp_path: Path, run) -> None:
    names = [f.stem for f in clinic_files(ROOT / "examples/clinics")]
    code, out, err = run("all", "--shard", f"2/{len(names)}", "--out", str(tmp_path / "sites"), "--docs", str(tmp_path / "build"))
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "sites").iterdir()) == [names[1], f"{names[1]}-hosting"]
    assert f"Shard 2/{len(names)}: 1 of {len(names)} clinics ({names[1]})" in out


def test_bad_shards_are_usage_errors(tmp_path: Path, run) -> None:
    for bad in ("0/3", "4/3", "1/0", "two/3", "1", "1/3/5", "-1/3"):
        code, _, err = run("all", f"--shard={bad}", "--out", str(tmp_path))
        assert code == 2 and f"--shard {bad}: expected I/N with 1 <= I <= N" in err, (bad, err)
    code, _, err = run("build", "--shard", "1/2")
    assert code == 2 and "--shard is for 'all'" in err
    assert not any(tmp_path.iterdir())


def test_a_build_never_replaces_a_hosting_folder_it_did_not_write(workdir: Path, run) -> None:
    mine = workdir / "site-hosting" / "my-notes.txt"
    mine.parent.mkdir()
    mine.write_text("not the build's\n", encoding="utf-8")
    code, _, err = run("build", *build_args(workdir))
    assert code == 2 and "site-hosting (where the build puts the server configurations for --out site) holds files" in err, err
    assert mine.read_text(encoding="utf-8") == "not the build's\n" and not (workdir / "site").exists()
    mine.unlink()
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    assert (workdir / "site-hosting/.sitegen-hosting").is_file() and (workdir / "site-hosting/nginx.conf").is_file()
