"""Bundles between offices: format, export, verify, import plan/apply — no Qt here.

What the window and the command line call (docs/bundle-format.md has the rules):

- `verify.read_bundle(path) -> VerifiedBundle`, or BundleError with one sentence;
- `plan.make_plan(catalogue, bundle) -> ImportPlan`: counts per entity and kind,
  each change with its field differences, likely duplicates, the signer — nothing
  written;
- `apply.apply_plan(catalogue, plan, trust=…, progress=…, cancel=…) -> ImportResult`;
- `export.export_bundle(catalogue, folder_or_file, for_office=…, progress=…, cancel=…)`;
- `offices`: known offices, trust, the exchange log.

`progress(what, done, total)` and `cancel() -> bool` let a worker thread report and
stop; a cancelled step changes nothing. Conflicts, duplicates and merges are the
catalogue's (`Catalogue.conflict_versions`, `resolve_conflict`, `likely_duplicates`,
`merge_records`), so that a form can use them without the exchange.
"""
