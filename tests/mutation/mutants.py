"""The mutations: one deliberate break of one merge rule each, as a text patch.

Each patch must match its file exactly once; when the code moves on and a patch no
longer matches, the check says so instead of quietly testing the unbroken code.
"""

from __future__ import annotations

from dataclasses import dataclass

FIELD_MERGE = "ccn_desktop/catalogue/field_merge.py"


@dataclass(frozen=True)
class Mutation:
    key: str
    rule: str  # the rule the patch breaks, as the docs name it
    mutation: str  # what the patch does, in a few words
    path: str
    patches: tuple[tuple[str, str], ...]  # (text in the file, text put instead)


_MUTATIONS = (
    Mutation(
        "dominance-flipped", "per-field dominance",
        "`saw` answers ≤ instead of ≥ (a context 'has seen' the writes it has not)",
        FIELD_MERGE,
        (("return dot is None or includes(vector, dot[0], dot[1])",
          "return dot is None or includes({dot[0]: dot[1]}, dot[0], vector.get(dot[0], 0))"),),
    ),
    Mutation(
        "dominance-off-by-one", "per-field dominance",
        "`saw` answers > instead of ≥ (a context has not seen its own last write)",
        FIELD_MERGE,
        (("return dot is None or includes(vector, dot[0], dot[1])",
          "return dot is None or includes(vector, dot[0], dot[1] + 1)"),),
    ),
    Mutation(
        "vector-dominance-flipped", "record-level dominance (version vectors)",
        "`versions.covers` answers ≤ instead of ≥ (new, newer and concurrent versions, "
        "stale forms, knowledge)",
        "ccn_desktop/catalogue/versions.py",
        (("all(includes(a, office, counter) for",
          "all(includes({office: counter}, office, a.get(office, 0)) for"),),
    ),
    Mutation(
        "join-drops-pending", "keep concurrent values of a field (pending sides)",
        "a join keeps only the value shown of each field",
        FIELD_MERGE,
        (("b.fields[name], b.context)\n"
          "        fields[name] = tuple(sorted(siblings, key=lambda item: _order(item[0]), "
          "reverse=True))",
          "b.fields[name], b.context)\n"
          "        fields[name] = tuple(sorted(siblings, key=lambda item: _order(item[0]), "
          "reverse=True))[:1]"),),
    ),
    Mutation(
        "encode-drops-pending", "keep concurrent values of a field (pending sides)",
        "`field_versions` leaves the other values out, so the row and the bundle lose them",
        FIELD_MERGE,
        (('        encoded["conflicts"] = conflicts', "        pass"),),
    ),
    Mutation(
        "edit-drops-pending", "keep concurrent values of a field (pending sides)",
        "a local edit keeps only the value shown of every field",
        FIELD_MERGE,
        (("    fields = dict(state.fields)\n",
          "    fields = {name: siblings[:1] for name, siblings in state.fields.items()}\n"),),
    ),
    Mutation(
        "stale-save-overwrites", "keep concurrent values of a field (pending sides)",
        "a stale form's save replaces the record instead of merging with what came meanwhile",
        "ccn_desktop/catalogue/editing.py",
        (("    state = field_merge.join(field_merge.state_of(edit.entity, current), mine)",
          "    state = mine"),),
    ),
    Mutation(
        "join-keeps-overwritten", "drop values a newer context includes (old sides)",
        "a join keeps every value, also those the other side has seen and overwritten",
        FIELD_MERGE,
        (("    kept = [item for item in mine if item[0] in their_dots or "
          "not saw(their_context, item[0])]",
          "    kept = list(mine)"),
         ("    kept += [item for item in theirs if item[0] not in my_dots and "
          "not saw(my_context, item[0])]",
          "    kept += [item for item in theirs if item[0] not in my_dots]")),
    ),
    Mutation(
        "review-leaves-sides", "drop values a newer context includes (old sides)",
        "a review writes only the fields whose value it changes, so a field kept as shown "
        "keeps its other values",
        FIELD_MERGE,
        (("(conflicting_settled and name in conflicting)", "(conflicting_settled and False)"),),
    ),
    Mutation(
        "shows-earliest", "the value shown is the one written last",
        "concurrent values sorted earliest first",
        FIELD_MERGE,
        (("b.fields[name], b.context)\n"
          "        fields[name] = tuple(sorted(siblings, key=lambda item: _order(item[0]), "
          "reverse=True))",
          "b.fields[name], b.context)\n"
          "        fields[name] = tuple(sorted(siblings, key=lambda item: _order(item[0]), "
          "reverse=False))"),),
    ),
    Mutation(
        "record-level-lww", "different fields of one record merge without conflict",
        "a join takes every field from the later version (record-level last writer wins)",
        FIELD_MERGE,
        (("        siblings = _join_siblings(a.fields[name], a.context, b.fields[name], "
          "b.context)",
          "        siblings = list(max(a, b, key=lambda s: (s.modified_at, s.modified_by))"
          ".fields[name])"),),
    ),
    Mutation(
        "record-level-review", "different fields of one record merge without conflict",
        "an import flags every concurrent version for review (record-level conflicts)",
        "ccn_desktop/exchange/record_merge.py",
        (("    review = result.needs_review or _breaks_form_rules(entity, winner)",
          "    review = result.needs_review or _breaks_form_rules(entity, winner) or (\n"
          "        mine is not None\n"
          "        and not covers(merged(s['version'] for s in checked), mine['version'])\n"
          "    )"),),
    ),
    Mutation(
        "equal-values-conflict", "equal values are not a conflict",
        "two writes of the same value count as two values",
        FIELD_MERGE,
        (("        if value not in values:\n            values.append(value)",
          "        values.append(value)"),),
    ),
    Mutation(
        "delete-beats-edit", "edit against delete (record level)",
        "a deletion hides an edit it had not seen (no review)",
        FIELD_MERGE,
        (("        return any(not saw(seen, dot)",
          "        return False and any(not saw(seen, dot)"),),
    ),
    Mutation(
        "delete-forgets-context", "edit against delete (record level)",
        "a deletion is taken to have seen nothing, so every deletion of an edited record "
        "is flagged",
        FIELD_MERGE,
        (("        seen = merged(deletions)", "        seen = {}"),),
    ),
    Mutation(
        "join-context-one-side", "knowledge / causal context advance",
        "a join keeps one side's context only",
        FIELD_MERGE,
        (("        context=merged([a.context, b.context]),",
          "        context=dict(a.context),"),),
    ),
    Mutation(
        "write-context-stays", "knowledge / causal context advance",
        "a local write does not add its own dot to the record's context",
        FIELD_MERGE,
        (("    context = merged([state.context, {office: counter}])",
          "    context = dict(state.context)"),),
    ),
    Mutation(
        "import-knowledge-stays", "knowledge / causal context advance",
        "an import does not add what the bundle brought to the office's knowledge",
        "ccn_desktop/exchange/apply.py",
        (("office.knowledge = merged([office.knowledge, plan.knowledge_after])",
          "office.knowledge = dict(office.knowledge)"),),
    ),
    Mutation(
        "search-without-links", "host names in imported search text",
        "the search text leaves out the titles of linked records (imports and edits share it)",
        "ccn_desktop/catalogue/derived.py",
        (("    parts.extend(link_parts)\n", ""),),
    ),
    Mutation(
        "import-cities-last", "host names in imported search text",
        "an import writes conferences and projects before the cities they link to",
        "ccn_desktop/exchange/apply.py",
        (("    for entity in ENTITIES:\n        writes = [_record_write(",
          "    for entity in reversed(list(ENTITIES)):\n        writes = [_record_write("),),
    ),
    Mutation(
        "tie-break-lost", "the value shown is the one written last",
        "two values written at the same time are not ordered by office UUID (the order of "
        "arrival decides)",
        FIELD_MERGE,
        (("else (dot[2], dot[0], dot[1])", 'else (dot[2], "", dot[1])'),),
    ),
    Mutation(
        "save-writes-every-field", "different fields of one record merge without conflict",
        "a save writes every field it is given, also those it leaves as they were",
        FIELD_MERGE,
        (("if value != state.value(name) or (conflicting_settled and name in conflicting):",
          "if True:"),),
    ),
    Mutation(
        "brought-all", "different fields of one record merge without conflict",
        "the plan says each side brought every field (not only those it changed)",
        FIELD_MERGE,
        (("if any(not saw(other_context, dot) for dot, _ in siblings)", "if siblings"),),
    ),
    Mutation(
        "merged-called-updated", "different fields of one record merge without conflict",
        "the plan calls a merge of concurrent versions an update",
        "ccn_desktop/exchange/record_changes.py",
        (("    if covers(incoming_vector, here_vector):", "    if True:"),),
    ),
    Mutation(
        "delete-keeps-conflicts", "drop values a newer context includes (old sides)",
        "a deletion leaves the other values of a field conflict beside it",
        FIELD_MERGE,
        (("wanted = {name: state.value(name) for name in conflicting} | wanted",
          "wanted = wanted"),),
    ),
    Mutation(
        "restore-keeps-deletion", "edit against delete (record level)",
        "a restore leaves the deletion it has seen in the register",
        FIELD_MERGE,
        (("        register = ((dot, None),)", "        register = state.register"),),
    ),
    Mutation(
        "edit-revives-deleted", "edit against delete (record level)",
        "an edit of a deleted record (a relink) brings it back, flagged",
        FIELD_MERGE,
        (("if deleted or (deleted is None and not settle and state.deleted):",
          "if deleted:"),),
    ),
    Mutation(
        "restore-beside-delete-hidden", "edit against delete (record level)",
        "a restore concurrent with a deletion is hidden by it (no review)",
        FIELD_MERGE,
        (("            return True  # a restore concurrent with a deletion",
          "            return False"),),
    ),
    Mutation(
        "covering-delete-keeps-dots", "edit against delete (record level)",
        "a deletion that includes newer reference data leaves the fields with their old "
        "writes",
        FIELD_MERGE,
        (("        name: ((dot, siblings[0][1]),) for name, siblings in deleted.fields.items()",
          "        name: siblings for name, siblings in deleted.fields.items()"),),
    ),
    Mutation(
        "legacy-as-creation", "per-field dominance",
        "a version without field versions (format 1) is taken as the record's creation",
        FIELD_MERGE,
        (("    state = _state(entity, snapshot, dot)",
          "    state = _state(entity, snapshot, None)"),),
    ),
    Mutation(
        "legacy-fallback-latest", "per-field dominance",
        "two reconstructed histories that each overwrote the other keep the latest write, "
        "not the earliest",
        FIELD_MERGE,
        (("key=lambda item: _order(item[0])):\n            earliest.setdefault",
          "key=lambda item: _order(item[0]), reverse=True):\n            earliest.setdefault"),),
    ),
    Mutation(
        "unseen-all", "knowledge / causal context advance",
        "the plan takes every incoming version as unseen, also those the record has seen",
        "ccn_desktop/exchange/record_merge.py",
        (("added = [version for version in versions if not covers(vector, version.record",
          "added = [version for version in versions if not False or (vector, version.record"),),
    ),
    Mutation(
        "sender-knowledge-stays", "knowledge / causal context advance",
        "an import does not remember what the sending office has seen",
        "ccn_desktop/exchange/apply.py",
        (("row.knowledge = merged([row.knowledge, plan.sender_knowledge])",
          "row.knowledge = dict(row.knowledge)"),),
    ),
)  # fmt: skip

# The rules in the order of docs/bundle-format.md's table.
RULES = (
    "per-field dominance",
    "record-level dominance (version vectors)",
    "keep concurrent values of a field (pending sides)",
    "drop values a newer context includes (old sides)",
    "the value shown is the one written last",
    "equal values are not a conflict",
    "different fields of one record merge without conflict",
    "edit against delete (record level)",
    "knowledge / causal context advance",
    "host names in imported search text",
)
MUTATIONS = tuple(sorted(_MUTATIONS, key=lambda mutation: RULES.index(mutation.rule)))
