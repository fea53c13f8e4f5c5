"""`ccn-desktop import FILE [--dry-run] [--trust]`: plan, then apply, a bundle."""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.i18n import _, ngettext, number
from ccn_desktop.paths import DataPaths

SHOWN_CHANGES = 50


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import", help=_("import a bundle from another office (shows what changes with --dry-run)")
    )
    parser.add_argument("file", metavar="FILE", help=_("the bundle (*.ccnbundle.json)"))
    parser.add_argument(
        "--dry-run", action="store_true", help=_("show what would change; write nothing")
    )
    parser.add_argument(
        "--trust",
        action="store_true",
        help=_("trust the signing office (after comparing its key fingerprint with the office)"),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.exchange.verify import read_bundle

    bundle = read_bundle(args.file)
    if args.dry_run:
        return _dry_run(args, paths, bundle)
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.commands.locking import writing
    from ccn_desktop.commands.progress import Interrupted, TerminalProgress
    from ccn_desktop.exchange.apply import apply_plan
    from ccn_desktop.exchange.errors import ExchangeCancelled
    from ccn_desktop.exchange.plan import make_plan

    progress = TerminalProgress()  # a line on a terminal's stderr; Ctrl+C stops cleanly
    # The plan is made once the lock is held, on what another import may just have written.
    with (
        writing(
            paths.data_dir,
            waiting=_("another import is running in this data folder; waiting…"),
            nothing_done=_("Nothing was imported."),
        ),
        progress.watching(),
        Catalogue.open(paths) as catalogue,
    ):
        plan = make_plan(catalogue, bundle, progress=progress)
        if progress.interrupted:
            raise Interrupted
        try:
            result = apply_plan(
                catalogue, plan, trust=args.trust, progress=progress, cancel=progress.cancel
            )
        except ExchangeCancelled:
            raise Interrupted from None
    if result.nothing_new:
        print(
            _("Nothing new from {office} in {file}: everything in it is already here.").format(
                office=bundle.office_name, file=args.file
            )
        )
        return 0
    print(
        _("Imported {file} from {office_name}: {value}.").format(
            file=args.file, office_name=bundle.office_name, value=_summary(plan)
        )
    )
    for duplicate in result.duplicates:
        print(_("  likely duplicate: {value}").format(value=_duplicate_text(duplicate)))
    print(_("Backup made before importing: {backup_path}").format(backup_path=result.backup_path))
    return 0


def _dry_run(args: argparse.Namespace, paths: DataPaths, bundle: Any) -> int:
    """Show the plan; writes nothing, so it works on a read-only folder (a locked stick)."""
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.read_only import ReadOnlyFolderError
    from ccn_desktop.commands.progress import Interrupted, TerminalProgress
    from ccn_desktop.exchange.plan import make_plan

    try:
        catalogue = Catalogue.open(paths)
    except ReadOnlyFolderError:
        catalogue = Catalogue.open(paths, read_only=True)
    progress = TerminalProgress()  # a line on a terminal's stderr; Ctrl+C stops cleanly
    with progress.watching(), catalogue:
        plan = make_plan(catalogue, bundle, progress=progress)
        if progress.interrupted:
            raise Interrupted
        progress.finish()
    _print_plan(plan)
    if not plan.trusted and not args.trust:
        print(
            _(
                "The signer is not trusted here: compare the fingerprint with that "
                "office's, then import with --trust."
            )
        )
    print(_("Dry run: nothing was imported."))
    return 0


def _summary(plan: Any) -> str:
    return counts_text(plan.counts)


def counts_text(counts: dict[str, dict[str, int]]) -> str:
    """'cities 3 new, 1 updated; 12 unchanged' from an import's counts."""
    from ccn_desktop.catalogue.entities import ENTITIES
    from ccn_desktop.exchange.record_changes import KINDS, ChangeKind, counted

    parts = []
    for entity, spec in ENTITIES.items():
        per_kind = counts[entity]
        shown = [counted(kind, per_kind[kind]) for kind in KINDS
                 if per_kind.get(kind) and kind != ChangeKind.UNCHANGED]  # fmt: skip
        if shown:
            parts.append(f"{_(spec.label_plural).lower()} {', '.join(shown)}")
    unchanged = sum(per_kind.get(ChangeKind.UNCHANGED, 0) for per_kind in counts.values())
    parts.append(counted(ChangeKind.UNCHANGED, unchanged))
    return "; ".join(parts)


def _value(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "…"


def _duplicate_text(duplicate: Any) -> str:
    from ccn_desktop.commands.change_words import entity_word

    return _(
        '{record_type} "{new}" ({new_uuid}) looks like "{old}" ({old_uuid}) already here'
    ).format(
        record_type=entity_word(duplicate.entity),
        new=duplicate.incoming_title,
        new_uuid=duplicate.incoming_uuid,
        old=duplicate.existing_title,
        old_uuid=duplicate.existing_uuid,
    )


def _print_plan(plan: Any) -> None:
    from ccn_desktop.commands.change_words import column, entity_word, kind_word
    from ccn_desktop.exchange.format import describe_counts

    bundle = plan.bundle
    print(
        _("bundle:   {path} ({value})").format(
            path=bundle.path, value=describe_counts(bundle.counts)
        )
    )
    print(_("signed:   {value}").format(value=plan.signer.describe()))
    print(
        _("made:     {value} UTC").format(value=bundle.manifest.created_at[:19].replace("T", " "))
    )
    print(_("changes:  {value}").format(value=_summary(plan)))
    for duplicate in plan.duplicates:
        print(_("likely duplicate: {value}").format(value=_duplicate_text(duplicate)))
    for change in plan.changes[:SHOWN_CHANGES]:
        kind, entity = kind_word(change.kind), entity_word(change.entity)
        print(f"  {column(kind, 9)} {column(entity, 10)} {change.title} ({change.uuid})")
        for diff in change.diffs:
            print(f"      {diff.field}: {_value(diff.mine)} -> {_value(diff.theirs)}")
    hidden = len(plan.changes) - SHOWN_CHANGES
    if hidden > 0:
        print(
            "  "
            + ngettext(
                "… and {count} more changed record", "… and {count} more changed records", hidden
            ).format(count=number(hidden))
        )
