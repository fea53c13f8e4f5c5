"""`ccn-desktop spreadsheet export|import|template`: tables out to Excel or CSV, and back in.

`export ENTITY FILE [--field FIELD]` writes every live record, or the cities of one
creative field (format from the extension);
`import FILE [--dry-run]` shows what the sheet changes, then writes it after a
backup; `template ENTITY FILE` writes a blank sheet for a city to fill in.
"""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.i18n import _, number
from ccn_desktop.paths import DataPaths

ENTITY_WORDS = ("cities", "conferences", "projects")
SHOWN_CHANGES = 50


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "spreadsheet", help=_("export a table to .xlsx or .csv, import one back, or a template")
    )
    actions = parser.add_subparsers(dest="spreadsheet_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help=_("write every record of a table to FILE"))
    export.add_argument("entity", choices=ENTITY_WORDS, metavar="(cities|conferences|projects)")
    export.add_argument("file", metavar="FILE", help=_("FILE.xlsx or FILE.csv"))
    export.add_argument("--field", metavar="FIELD", help=_('cities of one creative field ("Film")'))
    export.set_defaults(handler=run_export)
    imported = actions.add_parser("import", help=_("bring a sheet's changes into the catalogue"))
    imported.add_argument("file", metavar="FILE", help=_("an .xlsx or .csv sheet"))
    imported.add_argument(
        "--dry-run", action="store_true", help=_("show what would change; write nothing")
    )
    imported.set_defaults(handler=run_import)
    template = actions.add_parser("template", help=_("write a blank sheet to fill in"))
    template.add_argument("entity", choices=ENTITY_WORDS, metavar="(cities|conferences|projects)")
    template.add_argument("file", metavar="FILE", help=_("FILE.xlsx or FILE.csv"))
    template.set_defaults(handler=run_template)


def run_export(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.read_only import ReadOnlyFolderError
    from ccn_desktop.exchange.spreadsheet import export_sheet
    from ccn_desktop.exchange.spreadsheet.columns import entity_of

    entity = entity_of(args.entity)
    field = _creative_field(entity, args.field)
    try:
        catalogue = Catalogue.open(paths)
    except ReadOnlyFolderError:  # a locked stick: a sheet can still be made from it
        catalogue = Catalogue.open(paths, read_only=True)
    with catalogue:
        uuids = _city_uuids_of_field(catalogue, field) if field is not None else None
        count = export_sheet(catalogue, entity, args.file, uuids=uuids)
    print(wrote_text(args.entity, count).format(count=number(count), file=args.file))
    return 0


def _creative_field(entity: str, name: str | None) -> str | None:
    """The creative field `--field` names, as stored (`film` → `Film`)."""
    from ccn_desktop.catalogue.vocabulary import CREATIVE_FIELDS
    from ccn_desktop.commands.base import CommandError
    from ccn_desktop.commands.network_args import _known

    if name is None:
        return None
    if entity != "city":
        raise CommandError(_("--field chooses cities: leave it out for conferences and projects."))
    return _known(name, tuple(CREATIVE_FIELDS), _("creative field"))


def _city_uuids_of_field(catalogue: Any, field: str) -> list[str]:
    """The cities of one creative field, in the table's order."""
    from ccn_desktop.catalogue.query_types import RecordQuery

    ids = catalogue.ids("city", RecordQuery(equals={"creative_field": field}))
    rows = catalogue.rows("city", ids, ())
    return [rows[row_id].uuid for row_id in ids if row_id in rows]


def wrote_text(entity_word: str, count: int) -> str:
    """'Wrote {count} cities to {file}.', one sentence per record type so that each
    language can agree its words with the noun and the number."""
    from ccn_desktop.i18n import ngettext

    if entity_word == "cities":
        return ngettext("Wrote {count} city to {file}.", "Wrote {count} cities to {file}.", count)
    if entity_word == "conferences":
        return ngettext(
            "Wrote {count} conference to {file}.", "Wrote {count} conferences to {file}.", count
        )
    return ngettext("Wrote {count} project to {file}.", "Wrote {count} projects to {file}.", count)


def run_template(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.entities import ENTITIES
    from ccn_desktop.exchange.spreadsheet import write_template
    from ccn_desktop.exchange.spreadsheet.columns import entity_of

    write_template(entity_of(args.entity), args.file)
    print(
        _("Wrote a blank sheet of {records} to {file}.").format(
            records=_(ENTITIES[entity_of(args.entity)].label_plural).lower(), file=args.file
        )
    )
    return 0


def run_import(args: argparse.Namespace, paths: DataPaths) -> int:
    from contextlib import nullcontext

    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.commands.locking import writing
    from ccn_desktop.exchange.spreadsheet import apply_sheet_plan, make_sheet_plan
    from ccn_desktop.exchange.spreadsheet.reader import read_sheet

    sheet = read_sheet(args.file)  # refused before the catalogue is even opened
    # One writer at a time in a data folder; a dry run writes nothing and takes no lock.
    lock = nullcontext() if args.dry_run else writing(
        paths.data_dir,
        waiting=_("another command is writing in this data folder; waiting…"),
        nothing_done=_("Nothing was imported."),
    )  # fmt: skip
    with lock, Catalogue.open(paths) as catalogue:
        plan = make_sheet_plan(catalogue, sheet)
        print_plan(plan)
        if args.dry_run:
            print(_("Dry run: nothing was imported."))
            return 0
        result = apply_sheet_plan(catalogue, plan)
    if result.nothing_new:
        print(
            _("Nothing to change: every row of {file} is already as in this catalogue.").format(
                file=plan.file_name
            )
        )
        return 0
    print(
        _("Imported {file}. Backup made before importing: {backup}").format(
            file=plan.file_name, backup=result.backup_path
        )
    )
    return 0


def summary(plan: Any) -> str:
    """'1 new, 3 updated, 2 unchanged' (the rows of one record type)."""
    from ccn_desktop.exchange.record_changes import ChangeKind, counted

    counts = plan.counts[plan.entity]
    kinds = (ChangeKind.NEW, ChangeKind.UPDATED, ChangeKind.UNCHANGED)
    return ", ".join(counted(kind, counts[kind]) for kind in kinds)


def _value(value: Any) -> str:
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def print_plan(plan: Any) -> None:
    from ccn_desktop.catalogue.entities import ENTITIES
    from ccn_desktop.commands.change_words import column, kind_word
    from ccn_desktop.exchange.record_changes import ChangeKind

    spec = ENTITIES[plan.entity]
    print(
        _("sheet:    {file} ({records})").format(
            file=plan.path, records=_(spec.label_plural).lower()
        )
    )
    print(_("changes:  {summary}").format(summary=summary(plan)))
    for duplicate in plan.duplicates:
        print(
            _('likely duplicate: "{new}" looks like "{old}" ({uuid}) already here').format(
                new=duplicate.incoming_title,
                old=duplicate.existing_title,
                uuid=duplicate.existing_uuid,
            )
        )
    for change in plan.changes[:SHOWN_CHANGES]:
        kind = column(kind_word(change.kind), 9)
        # A new row's record is made only when the import is applied, with an identifier
        # of its own: the plan's provisional one would mislead.
        named = change.title if change.kind == ChangeKind.NEW else f"{change.title} ({change.uuid})"
        print(f"  {kind} {column(change.where, 9)} {named}")
        for diff in change.diffs:
            print(f"      {diff.field}: {_value(diff.mine)} -> {_value(diff.theirs)}")
    hidden = len(plan.changes) - SHOWN_CHANGES
    if hidden > 0:
        print(_("  … and {count} more changed records").format(count=hidden))
