"""Command line: python build.py [build|check|serve|lock|all|schema] [--content DIR] [--clinic FILE] [--out DIR] [--shard I/N]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# Only light modules at the top, so --help and usage errors answer at once; each command imports what it needs.
from sitegen.core.options import Options
from sitegen.core.paths import ROOT

if TYPE_CHECKING:
    from sitegen.core.findings import Findings

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build the patient-education site from YAML content.",
        epilog="Exit codes: 0 success, 1 content errors (all reported), 2 usage error.",
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="build",
        choices=["build", "check", "serve", "lock", "all", "schema", "review", "translations"],
        help="build (default): validate, lint and build site/; check: validate and lint only; serve: live preview; "
        "lock: record the current pages and FAQ ids as published (links that must keep working); "
        "all: build every clinic in --clinics DIR into --out DIR/<clinic>/; schema: write JSON Schemas for editors; "
        "review PAGE-OR-ANSWER --by REVIEWER-ID: record a medical sign-off of the text as it reads now; review --list: what awaits review; "
        "translations LANG --list: translated items missing, stale or unreviewed; translations LANG --stamp --by TRANSLATOR-ID "
        "[--reviewed-by REVIEWER-ID] [--item FILE#ITEM]: record which English each item was translated from",
    )
    parser.add_argument("target", nargs="?", metavar="PAGE-OR-ANSWER", help="with 'review': a page slug (e.g. side-effects) or faq/<id>")
    parser.add_argument("--by", metavar="REVIEWER-ID", help="with 'review': the id of the reviewer (clinic.yaml 'reviewers') signing off")
    parser.add_argument(
        "--stamp", action="store_true", help="with 'translations': record the items as translated from the English as it reads now"
    )
    parser.add_argument(
        "--reviewed-by", metavar="REVIEWER-ID", help="with 'translations --stamp': the reviewer (clinic.yaml) who read the translation"
    )
    parser.add_argument(
        "--item",
        action="append",
        default=[],
        metavar="FILE#ITEM",
        help="with 'translations --stamp': only this item, e.g. faq.yaml#items/is-it-addictive",
    )
    parser.add_argument("--list", action="store_true", help="with 'review': list what awaits sign-off, changed since it, is overdue or due")
    parser.add_argument("--content", type=Path, metavar="DIR", help="content folder (default: content_data/)")
    parser.add_argument("--clinic", type=Path, metavar="FILE", help="clinic profile (default: clinic.yaml in the content folder)")
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="where the site goes (default: site/; with 'all': sites/, one folder per clinic)"
    )
    parser.add_argument("--clinics", type=Path, metavar="DIR", help="with 'all': folder of clinic profiles (default: examples/clinics/)")
    parser.add_argument(
        "--docs", type=Path, metavar="DIR", help="where generated Markdown goes (default: docs/; with --clinic: build/<clinic>/)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="build: processes for MkDocs' page work (default: 1, the least CPU; 2 finishes one build sooner on an idle "
        "machine at about a fifth more CPU; 'all' builds clinics side by side instead)",
    )
    parser.add_argument(
        "--cms",
        action="store_true",
        help="with serve: also open the browser editor at /admin/ (forms for every content file; saves go to the YAML files)",
    )
    parser.add_argument(
        "--shard",
        metavar="I/N",
        help="with 'all': build only the I-th of N slices of the clinics (by file name; every N-th from the I-th), e.g. 2/4",
    )
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="address for serve (default: 127.0.0.1:8000)")
    parser.add_argument("--port", type=int, metavar="N", help="port for serve (default: 8000; or the one in --dev-addr)")
    return parser


def parse_shard(text: str) -> tuple[int, int] | None:
    """'2/4' -> (2, 4); None unless it is I/N with 1 <= I <= N."""
    index, slash, count = text.partition("/")
    if not (slash and index.isdigit() and count.isdigit()):
        return None
    i, n = int(index), int(count)
    return (i, n) if 1 <= i <= n else None


def options_from(args: argparse.Namespace) -> Options:
    options = Options()
    # Absolute paths: MkDocs would resolve a relative docs_dir against mkdocs.yml's folder, not the user's.
    if args.content:
        options.content_dir = args.content.absolute()
    if args.clinic:
        options.clinic_file = args.clinic.absolute()
    if args.out:
        options.out_dir = args.out.absolute()
    if args.docs:
        options.docs_dir = args.docs.absolute()
    elif args.clinic:  # another clinic's pages must not overwrite the default site's docs/
        options.docs_dir = ROOT / "build" / args.clinic.stem
    return options


def print_findings(findings: Findings, consequence: str) -> None:
    """Every finding as a file:line:col line on stderr, then the summary line saying what happened."""
    # Errors first: they stop the build; warnings (a draft's launch list among them) follow.
    for finding in sorted(findings.sorted(), key=lambda f: f.severity != "error"):
        print(finding.format(), file=sys.stderr)
    if findings.errors:
        print(findings.summary(consequence), file=sys.stderr)
    elif findings.warnings:
        print(findings.summary(), file=sys.stderr)


def _output_problem(command: str, options: Options) -> str | None:
    """Checked before anything starts: where this command would write, if it must not."""
    from sitegen.core.cache import cache_problem

    problem = cache_problem() if command in ("build", "check", "serve", "lock", "all") else None
    if problem or command not in ("build", "serve"):
        return problem
    from sitegen.site.output_folder import docs_problem, output_problem

    return output_problem(options) if command == "build" else docs_problem(options.docs_dir, options)


def describe_os_error(exc: OSError, options: Options) -> str:
    """One line for a file system failure: what the system said, and that nothing was replaced."""
    where = f" ({exc.filename})" if exc.filename else ""
    return (
        f"the build could not write its files: {exc.strerror or exc}{where}; {options.out_dir.name}/ and "
        f"{options.docs_dir.name}/ were left as they were (free some space, or check the folders can be written)"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # exits 2 on a usage error
    for label, path in (("--content", args.content), ("--clinic", args.clinic), ("--clinics", args.clinics)):
        if path is not None and not path.exists():
            print(f"build.py: error: {label} {path} does not exist", file=sys.stderr)
            return EXIT_USAGE
    if args.command == "all" and args.clinic:
        print(
            "build.py: error: 'all' builds every clinic profile in --clinics DIR; to build one clinic, "
            f"run: python build.py --clinic {args.clinic}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.clinics and args.command != "all":
        print("build.py: error: --clinics is for 'all'; to build one clinic, use --clinic FILE", file=sys.stderr)
        return EXIT_USAGE
    if (args.port is not None or args.dev_addr != "127.0.0.1:8000") and args.command != "serve":
        print("build.py: error: --port and --dev-addr are for serve: python build.py serve --port 8001", file=sys.stderr)
        return EXIT_USAGE
    if args.port is not None and not 0 < args.port < 65536:
        print(f"build.py: error: --port {args.port}: expected a port number from 1 to 65535, e.g. --port 8001", file=sys.stderr)
        return EXIT_USAGE
    if args.cms and args.command != "serve":
        print("build.py: error: --cms is for serve: python build.py serve --cms", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs < 1 or (args.jobs > 1 and args.command != "build"):
        print("build.py: error: --jobs N is for building one site, with N of 1 or more", file=sys.stderr)
        return EXIT_USAGE
    if args.command not in ("review", "translations") and (args.target or args.by or args.list):
        print("build.py: error: a page name, --by and --list are for 'review'", file=sys.stderr)
        return EXIT_USAGE
    if args.command != "translations" and (args.stamp or args.reviewed_by or args.item):
        print("build.py: error: --stamp, --reviewed-by and --item are for 'translations'", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "translations" and (not args.target or args.stamp == args.list):
        print(
            "build.py: error: translations needs a language and --list or --stamp: python build.py translations es --list", file=sys.stderr
        )
        return EXIT_USAGE
    if args.command == "review" and not args.list and not (args.target and args.by):
        print(
            "build.py: error: review needs a page or answer and a reviewer: python build.py review side-effects --by medical-director "
            "(or: python build.py review --list)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    shard = None
    if args.shard is not None:
        if args.command != "all":
            print("build.py: error: --shard is for 'all' (python build.py all --shard 1/4)", file=sys.stderr)
            return EXIT_USAGE
        shard = parse_shard(args.shard)
        if shard is None:
            print(
                f"build.py: error: --shard {args.shard}: expected I/N with 1 <= I <= N, e.g. --shard 1/4 (the first of four slices)",
                file=sys.stderr,
            )
            return EXIT_USAGE
    options = options_from(args)
    options.jobs = args.jobs
    problem = _output_problem(args.command, options)
    if problem:
        print(f"build.py: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from sitegen.commands.build import build
    from sitegen.commands.check import check
    from sitegen.commands.lock import write_lock
    from sitegen.core.paths import display_path

    if args.command == "check":
        result = check(options)
        for grade in result.grades:
            flag = "" if grade.checked else " (not enforced)"
            print(
                f"{grade.path}: reading grade {grade.grade.flesch_kincaid} (Flesch-Kincaid), SMOG {grade.grade.smog}, {grade.grade.words} words{flag}"
            )
        for ease in result.eases:
            flag = "" if ease.checked else " (not enforced)"
            print(
                f"{ease.path}: reading ease {ease.ease.score} ({ease.ease.label}, INFLESZ; Szigriszt-Pazos), {ease.ease.words} words{flag}"
            )
        print_findings(result.findings, "nothing was built.")
        if result.content is not None and not result.findings.errors:
            print("Content OK.")
        return EXIT_CONTENT if result.findings.errors or result.content is None else EXIT_OK
    if args.command == "review":
        from sitegen.commands.check import load_resolved
        from sitegen.commands.review import print_lines, review_list, sign_off

        loaded = load_resolved(options)
        if loaded.content is None or loaded.findings.errors:
            print_findings(loaded.findings, "no sign-off was recorded.")
            return EXIT_CONTENT
        if args.list:
            print_lines(review_list(loaded.content, options))
            return EXIT_OK
        from sitegen.check.claims import check_claims
        from sitegen.core.findings import Findings as ClaimFindings

        claims = ClaimFindings()
        check_claims(loaded.content, claims)
        code, lines = sign_off(loaded.content, options, args.target, args.by, claims.errors)
        print_lines(lines, error=code != EXIT_OK)
        return code
    if args.command == "translations":
        from sitegen.commands.check import load_resolved
        from sitegen.commands.translations import translations_command

        loaded = load_resolved(options)
        if loaded.content is None or loaded.findings.errors:
            print_findings(loaded.findings, "no stamp was recorded.")
            return EXIT_CONTENT
        return translations_command(loaded.content, options, args.target, args.stamp, args.by, args.reviewed_by, args.item)
    if args.command == "all":
        from sitegen.commands.build_all import build_all

        return build_all(options, args.clinics or ROOT / "examples" / "clinics", args.out or ROOT / "sites", args.docs, shard=shard)
    if args.command == "schema":
        from sitegen.load.schemas import EDITOR_SETTINGS, write_editor_settings, write_schemas

        for path in write_schemas(ROOT / "schemas"):
            print(f"wrote {display_path(path)}")
        folders = ["content_data"]
        if options.content_dir.resolve().is_relative_to(ROOT) and options.content_dir.resolve() != ROOT / "content_data":
            folders.append(options.content_dir.resolve().relative_to(ROOT).as_posix())
        from sitegen.commands.build_all import clinic_files

        examples = tuple(path.relative_to(ROOT).as_posix() for path in clinic_files(ROOT / "examples" / "clinics"))
        try:
            print(f"wrote {display_path(write_editor_settings(ROOT, folders, examples))} (yaml.schemas: which schema checks which file)")
        except ValueError:
            print(f"left {EDITOR_SETTINGS} alone: it is not plain JSON (comments?); add its yaml.schemas by hand", file=sys.stderr)
        return EXIT_OK
    if args.command == "lock":
        result = check(options, check_lock=False)
        print_findings(result.findings, "the lock was not changed.")
        if result.content is None or result.findings.errors:
            return EXIT_CONTENT
        path, pages, answers = write_lock(result.content, options)
        print(f"Locked {pages} page addresses and {answers} FAQ ids in {display_path(path)}.")
        return EXIT_OK
    if args.command == "serve":
        from sitegen.commands.serve import serve

        dev_addr = args.dev_addr if args.port is None else f"{args.dev_addr.rpartition(':')[0]}:{args.port}"
        return serve(options, dev_addr, cms=args.cms)
    from sitegen.site.output_folder import OutputRefused

    try:
        code, findings = build(options)
    except OutputRefused as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # a read-only or full disk: nothing was swapped in
        print(f"build.py: error: {describe_os_error(exc, options)}", file=sys.stderr)
        return EXIT_USAGE
    out = options.out_dir
    print_findings(findings, f"{out.name}/ was not changed." if code else "")
    return code
