"""Published links never break silently: the lock file names what must keep working, redirects forward renamed pages."""

from __future__ import annotations

from pathlib import Path

from conftest import build_args
from test_build import edit


def test_removing_a_published_answer_fails_the_build_and_names_it(workdir: Path, run) -> None:
    lock = (workdir / "content/published.lock.yaml").read_text()
    assert "- what-is-ketamine" in lock
    line = lock.splitlines().index("- what-is-ketamine") + 1
    edit(workdir / "content/faq.yaml", "  - id: what-is-ketamine\n", "  - id: about-ketamine\n")
    edit(workdir / "content/faq.yaml", "related: [does-it-work]", "related: [does-it-work]")
    code, _, err = run("build", *build_args(workdir))
    assert code == 1
    assert err.splitlines()[0] == (
        f"content/published.lock.yaml:{line}:3: published FAQ answer 'what-is-ketamine' (/faq/#what-is-ketamine and "
        "/faq/what-is-ketamine/) no longer exists; add 'what-is-ketamine' to the 'aliases' of the answer that replaces it, "
        "or run 'python build.py lock --content content' to unpublish it on purpose"
    )
    assert not (workdir / "site").exists()


def test_another_clinics_lock_error_suggests_the_command_that_fixes_it(workdir: Path, run) -> None:
    (workdir / "other.yaml").write_text((workdir / "content/clinic.yaml").read_text())
    clinic = ["--content", "content", "--clinic", "other.yaml"]
    assert run("lock", *clinic)[0] == 0
    assert "run: python build.py lock --content content --clinic other.yaml" in (workdir / "other.published.lock.yaml").read_text()
    edit(workdir / "content/faq.yaml", "  - id: what-is-ketamine\n", "  - id: about-ketamine\n")
    code, _, err = run("check", *clinic)
    assert code == 1
    suggested = err.split("or run '")[1].split("'")[0]
    assert suggested == "python build.py lock --content content --clinic other.yaml"
    assert run(*suggested.split()[2:])[0] == 0  # the suggested command, as the user would paste it
    assert run("check", *clinic)[0] == 0
    assert run("check", "--content", "content")[0] == 1, "the default clinic's own lock is untouched"


def test_an_alias_keeps_a_renamed_answer_published(workdir: Path, run) -> None:
    edit(workdir / "content/faq.yaml", "  - id: what-is-ketamine\n", "  - id: about-ketamine\n    aliases: [what-is-ketamine]\n")
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    assert 'id="what-is-ketamine"' in (workdir / "site/faq/index.html").read_text()
    assert 'url=../about-ketamine/"' in (workdir / "site/faq/what-is-ketamine/index.html").read_text()


def test_the_lock_command_unpublishes_on_purpose(workdir: Path, run) -> None:
    edit(workdir / "content/faq.yaml", "  - id: what-is-ketamine\n", "  - id: about-ketamine\n")
    assert run("check", "--content", "content")[0] == 1
    code, out, _ = run("lock", "--content", "content")
    assert code == 0 and "Locked 14 page addresses and 3 FAQ ids" in out
    lock = (workdir / "content/published.lock.yaml").read_text()
    assert "- about-ketamine" in lock and "- what-is-ketamine" not in lock
    assert run("check", "--content", "content")[0] == 0


def test_a_renamed_page_is_forwarded_and_must_be(workdir: Path, run) -> None:
    (workdir / "content/topics/team.yaml").write_text((workdir / "content/topics/how-it-works.yaml").read_text())
    assert run("lock", "--content", "content")[0] == 0
    (workdir / "content/topics/team.yaml").rename(workdir / "content/topics/our-team.yaml")
    code, _, err = run("check", "--content", "content")
    assert code == 1 and "published page '/team/' no longer exists; forward it with an entry in redirects.yaml" in err
    (workdir / "content/redirects.yaml").write_text("redirects:\n  - from: /team/\n    to: our-team\n")
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    old = (workdir / "site/team/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../our-team/">' in old and 'href="../our-team/"' in old
    (workdir / "content/redirects.yaml").write_text("redirects:\n  - from: /team/\n    to: our-teem\n")
    code, _, err = run("check", "--content", "content")
    assert "content/redirects.yaml:3:9: unknown page 'our-teem': it is not in the site's pages (did you mean 'our-team'?)" in err
