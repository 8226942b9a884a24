"""Command line: aiprinciples <command>. Run with --help for the list."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

from aiprinciples.checks import check
from aiprinciples.loader import load_corpus
from aiprinciples.problems import errors, workflow_command
from aiprinciples.status import format_silenced, format_table, silenced, statuses
from aiprinciples.text_rules import terminal_safe


def build_parser() -> argparse.ArgumentParser:
    """Every command and option; tests parse the documentation's command lines with it."""
    parser = argparse.ArgumentParser(prog="aiprinciples", description="Check and translate the corpus of principles.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (default: current folder)")
    # --root also after the command (`aiprinciples check --root .`); given there, it wins.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="project root (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", parents=[common], help="print every problem as path:line: what is wrong. How to fix it.")
    check_command.add_argument(
        "--format", choices=("plain", "github"), default=default_format(),
        help="plain: path:line: …; github: GitHub Actions annotations (the default when GITHUB_ACTIONS=true)",
    )
    commands.add_parser("status", parents=[common], help="coverage, outdated entries, provenance and review per language and source; silenced QA rules")
    scaffold = commands.add_parser("scaffold", parents=[common], help="create or complete a language as a draft: every file, with the English beside each entry; never changes a written text")
    scaffold.add_argument("lang", help="language code, e.g. de or pt-BR")
    scaffold.add_argument("--method", required=True, choices=("machine-assisted", "human"), help="how the texts are made: human if a person writes every text, machine-assisted if a machine drafts them")
    scaffold.add_argument("--name", help="for a new language: its name in itself, e.g. Deutsch (added to translations/languages.yaml)")
    outdated = commands.add_parser("outdated", parents=[common], help="entries whose English changed since translation, with a word diff")
    outdated.add_argument("lang", nargs="?")
    review = commands.add_parser("review", parents=[common], help="mark entries as reviewed by a person, with today's date and the text reviewed")
    review.add_argument("lang")
    review.add_argument("ids", nargs="+")
    review.add_argument("--by", required=True, help="the reviewer's name")
    refresh = commands.add_parser("refresh", parents=[common], help="record that entries now translate the current English")
    refresh.add_argument("lang")
    refresh.add_argument("ids", nargs="+")
    refresh.add_argument("--force", action="store_true", help="accept an outdated text unchanged: it still translates the new English")
    commands.add_parser("fmt", parents=[common], help="rewrite translation files in canonical form")
    for name, what in EXPORTS.items():
        export = commands.add_parser(name, parents=[common], help=f"write {what}")
        export.add_argument("lang")
        export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output); never replaced unless --force")
        export.add_argument("--force", action="store_true", help="replace the output file if it exists")
        if name == "export-tbx":
            export.add_argument(
                "--dialect", choices=("tbx-basic", "tbx-2008"), default="tbx-basic",
                help="tbx-basic: TBX-Basic, ISO 30042:2019 (the standard's termbase format); tbx-2008: TBX 2008/MARTIF, as Weblate and Translate Toolkit read it",
            )
    imp = commands.add_parser("import-po", parents=[common], help="read a gettext PO file back into translations/<lang>, or refuse and write nothing")
    imp.add_argument("lang")
    imp.add_argument("po_file", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except SystemExit as stop:  # a tool's refusal: its message, printed safely
        if isinstance(stop.code, str):
            echo(stop.code, file=sys.stderr)
            return 1
        raise


def cmd_check(args) -> int:
    problems = check(args.root)
    for problem in problems:
        echo(workflow_command(problem) if args.format == "github" else problem)
    failed = errors(problems)
    warnings = len(problems) - len(failed)
    if failed:
        also = f" and {counted(warnings, 'warning')}" if warnings else ""
        echo(f"{counted(len(failed), 'error')}{also}. Fix the errors, then run `aiprinciples check` again.", file=sys.stderr)
        return 1
    echo(f"corpus ok ({counted(warnings, 'warning')})" if warnings else "corpus ok")
    return 0


def default_format() -> str:
    """GitHub Actions sets GITHUB_ACTIONS=true: there, problems become annotations on the pull request."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "plain"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def cmd_status(args) -> int:
    loaded = _loaded(args.root)
    echo(format_table(statuses(loaded.corpus)))
    echo()
    echo(format_silenced(silenced(loaded.corpus)))
    return 0


def cmd_scaffold(args) -> int:
    from aiprinciples.translate import scaffold

    written = scaffold(args.root, args.lang, args.method, args.name)
    for path in written:
        echo(f"wrote {Path(path).resolve().relative_to(args.root.resolve()).as_posix()}")
    if not written:
        echo("nothing to add: every file and entry exists")
    corpus = load_corpus(args.root).corpus
    if corpus is not None and not corpus.is_draft(args.lang):
        echo(f"{args.lang} is published: fill in every empty `text:` the scaffold added, and run `aiprinciples check`.")
        return 0
    echo(
        f"{args.lang} is a draft: checked, previewed with `make serve`, not published. Fill in `text:` in translations/{args.lang}/*.yaml "
        f"and the terms of glossary.yaml, translate docs/{args.lang}/ (then delete `untranslated: true`), and run `aiprinciples check`."
    )
    return 0


def cmd_outdated(args) -> int:
    corpus = _loaded(args.root).corpus
    translated, official = 0, 0
    for (lang, source), translation in sorted(corpus.translations.items()):
        if args.lang and lang != args.lang:
            continue
        units = corpus.sources[source]
        for unit_id, entry in translation.entries.items():
            if unit_id in units and entry.is_outdated(units[unit_id]):
                if translation.is_official(unit_id):
                    official += 1
                    echo(f"{translation.path}:{entry.line}: {unit_id} is the issuer's own wording: it waits for the issuer's corrected text; do not edit it. The English changed:")
                    echo("    English: " + word_diff(entry.en, units[unit_id]))
                    echo("    official text: " + entry.text)
                else:
                    translated += 1
                    echo(f"{translation.path}:{entry.line}: {unit_id} is outdated; the English changed:")
                    echo("    English: " + word_diff(entry.en, units[unit_id]))
                    echo("    current translation: " + entry.text)
    summary = [f"{counted(translated, 'outdated entry', 'outdated entries')}" + (f". After updating a text, run `aiprinciples refresh {args.lang or '<lang>'} <id>`" if translated else "")]
    if official:
        summary.append(f"{counted(official, 'official entry', 'official entries')} awaiting the issuer's corrected text: nothing to translate or refresh until the issuer publishes it (CONTRIBUTING.md, \"When the English changes\")")
    echo("; ".join(summary))
    return 0


def cmd_review(args) -> int:
    from aiprinciples.translate import review

    unknown = review(args.root, args.lang, args.ids, args.by)
    done = len(args.ids) - len(unknown)
    return _report_unknown(unknown, f"marked {done} {'entry' if done == 1 else 'entries'} reviewed by {args.by}")


def cmd_refresh(args) -> int:
    from aiprinciples.translate import refresh

    unknown = refresh(args.root, args.lang, args.ids, force=args.force)
    done = len(args.ids) - len(unknown)
    return _report_unknown(unknown, f"refreshed {done} {'entry' if done == 1 else 'entries'}")


def cmd_fmt(args) -> int:
    from aiprinciples.translate import fmt

    for path in fmt(args.root):
        echo(f"reformatted {path}")
    return 0


def cmd_export(args) -> int:
    from aiprinciples.exchange import export_tbx, export_tmx
    from aiprinciples.po import export_po

    exporter = {"export-po": export_po, "export-tbx": export_tbx, "export-tmx": export_tmx}[args.command]
    if args.output:
        refuse_to_replace(args.output, args.force)  # before the work, so a refusal costs nothing
    text = exporter(args.root, args.lang, args.dialect) if args.command == "export-tbx" else exporter(args.root, args.lang)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        echo(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def refuse_to_replace(path: Path, force: bool) -> None:
    """Tools never destroy work: an existing output file is replaced only when asked."""
    from aiprinciples.translate import Refused

    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise Refused(f"{path}: is a link or not an ordinary file; nothing was written. Choose another output file.")
    if path.exists() and not force:
        raise Refused(f"{path} already exists; nothing was written. Choose another name, or add --force to replace it.")


def cmd_import_po(args) -> int:
    from aiprinciples.inputs import read_input
    from aiprinciples.po import import_po
    from aiprinciples.translate import Refused

    raw, problems = read_input(args.po_file, str(args.po_file), MAX_PO_BYTES)
    if raw is None:
        raise Refused(f"{problems[0]}" if problems else f"{args.po_file}: no such file. Give the path of the PO file to import.")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise Refused(f"{args.po_file}: not UTF-8. Save it as UTF-8 in your CAT tool (Poedit does by default), then import again.\nNothing was written.") from None
    for notice in import_po(args.root, args.lang, text, str(args.po_file)):
        echo(notice, file=sys.stderr)
    echo(f"imported {args.po_file}; now run `aiprinciples check`")
    return 0


def echo(*parts: object, file=None) -> None:
    """print(), with every invisible or control character of the corpus shown as \\uXXXX.

    Corpus text is untrusted: an ESC in a translation must not retitle or repaint the terminal.
    """
    print(*(terminal_safe(str(part)) for part in parts), file=file or sys.stdout)


def word_diff(old: str, new: str) -> str:
    """Git-style word diff: [-removed-]{+added+}."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _loaded(root: Path):
    loaded = load_corpus(root)
    if loaded.corpus is None:
        for problem in sorted(loaded.problems):
            echo(problem)
        raise SystemExit(1)
    return loaded


def _report_unknown(unknown: list[str], done: str) -> int:
    for unit_id in unknown:
        echo(f"unknown id: {unit_id}", file=sys.stderr)
    echo(done)
    return 1 if unknown else 0


# Constant data.
COMMANDS = {
    "check": cmd_check, "status": cmd_status, "scaffold": cmd_scaffold, "outdated": cmd_outdated, "review": cmd_review,
    "refresh": cmd_refresh, "fmt": cmd_fmt, "export-po": cmd_export, "export-tbx": cmd_export, "export-tmx": cmd_export,
    "import-po": cmd_import_po,
}
EXPORTS = {
    "export-po": "translations/<lang> as a gettext PO file, for Poedit, Weblate or any CAT tool",
    "export-tbx": "translations/<lang>/glossary.yaml as a TBX termbase (TBX-Basic, ISO 30042:2019; --dialect tbx-2008 for Weblate)",
    "export-tmx": "every translated unit of translations/<lang> beside its English, as a TMX translation memory",
}
MAX_PO_BYTES = 20_000_000  # a PO of the whole corpus is about 0.3 MB
