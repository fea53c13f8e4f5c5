"""What the import preview says in words: the summary, the trust in the signer, each
record's heading.

Kept apart from the dialog's layout so that the sentences (and their plural forms)
read as a whole; they are built from the engine's plan only.
"""

from __future__ import annotations

from ccn_desktop.exchange.offices import SignerStatus
from ccn_desktop.exchange.plan import ImportPlan
from ccn_desktop.exchange.record_changes import ChangeKind, RecordChange, counted
from ccn_desktop.ui.exchange.preview_models import COUNT_KINDS
from ccn_desktop.ui.exchange.values import ntr, tr

# "3 new, 2 updated…": each kind counted with the language's plural rule.


def trust_text(status: SignerStatus) -> str:
    """How far this catalogue trusts the bundle's signer, and what to do about it."""
    if status == SignerStatus.REFERENCE:
        return tr(
            "Installed with this program: no trust step is needed. Your own edits and "
            "deletions are kept."
        )
    if status == SignerStatus.THIS_OFFICE:
        return tr("This office made the bundle.")
    if status == SignerStatus.TRUSTED:
        return tr("Trusted: bundles from this office have been imported here before.")
    if status == SignerStatus.NOT_TRUSTED:
        return tr(
            "Known but not trusted. Compare the fingerprint with the one the office "
            "reads out to you (by phone or in a letter) before importing."
        )
    return tr(
        "Unknown: no bundle from this office has been imported here yet. Compare the "
        "fingerprint with the one the office reads out to you (by phone or in a "
        "letter); if they differ, do not import the bundle."
    )


def summary_text(plan: ImportPlan) -> str:
    """The import in one paragraph: how many records of each change, and what to know."""
    if plan.nothing_to_do:
        return tr("Everything in this bundle is already here: importing it changes nothing.")
    if not plan.changes and not plan.new_aliases:
        return tr(
            "Every record in this bundle is already here. Importing it only notes what "
            "{office} has received, so that the next bundle for it can be smaller."
        ).format(office=plan.bundle.office_name)
    parts = []
    for kind in COUNT_KINDS:
        number = plan.total(kind)
        if number and kind != ChangeKind.UNCHANGED:
            parts.append(counted(kind, number))
    changed = ", ".join(parts) or tr("no record changes")
    unchanged = ntr(
        "{count} record unchanged", "{count} records unchanged",
        plan.total(ChangeKind.UNCHANGED),
    )  # fmt: skip
    text = tr("{changed}; {unchanged}.").format(changed=changed, unchanged=unchanged)
    if plan.new_aliases:
        text += " " + ntr(
            "{count} merge made elsewhere arrives.",
            "{count} merges made elsewhere arrive.",
            len(plan.new_aliases),
        )
    conflicts = plan.total(ChangeKind.CONFLICT)
    if conflicts:
        text += " " + tr(
            "Conflicts keep both versions and are flagged for review "
            "(Exchange ▸ Conflicts); nothing is lost."
        )
    return text[0].upper() + text[1:]


def change_heading(change: RecordChange) -> str:
    """The title over a record's differences: which record, and what happens to it."""
    what = {
        ChangeKind.NEW: tr("{title}: new here"),
        ChangeKind.UPDATED: tr("{title}: updated"),
        ChangeKind.DELETED: tr("{title}: deleted by the other office"),
        ChangeKind.RESTORED: tr("{title}: brought back by the other office"),
        ChangeKind.CONFLICT: tr(
            "{title}: changed here and in the other office at the same time; both "
            "versions are kept and the record is flagged for review"
        ),
    }.get(change.kind, "{title}")
    if change.kind == ChangeKind.UPDATED and change.mine is not None and not change.diffs:
        what = tr("{title}: no field changed; the other office deleted and restored it, or "
                  "changed it and back")  # fmt: skip
    return what.format(title=change.title)
