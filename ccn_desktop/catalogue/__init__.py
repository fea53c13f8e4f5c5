"""Storage of the catalogue: models, migrations, queries, history — no Qt here."""
