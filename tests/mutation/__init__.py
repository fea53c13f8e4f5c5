"""The mutation check of the merge rules (docs/bundle-format.md, "Mutation check")."""
