"""A catalogue on a locked stick: it can be exported, nothing can be imported into it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.exchange.errors import ExchangeError
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.paths import DataPaths
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import export, import_file
from tests.helpers import city_values
from tests.locked_folder import locked


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def test_a_read_only_catalogue_exports_but_imports_nothing(
    make_office: MakeOffice, stick: Path
) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    dakar.add("city", city_values())
    incoming = export(paris, stick)
    import_file(dakar, incoming)
    paris.add("city", city_values(name="Paris city"))
    folder = dakar.paths.data_dir
    dakar.close()
    before = digests(folder)
    with Catalogue.open(DataPaths.in_folder(folder), read_only=True) as locked_dakar:
        bundle = read_bundle(export(locked_dakar, stick))
        assert bundle.counts["cities"] == 1
        with pytest.raises(ExchangeError, match="open read-only"):
            import_file(locked_dakar, export(paris, stick))
        assert import_file(locked_dakar, incoming).nothing_new  # nothing to write: no error
    assert digests(folder) == before


def test_export_from_a_locked_folder_on_the_command_line(
    make_office: MakeOffice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dakar = make_office("Dakar")
    dakar.add("city", city_values())
    folder = dakar.paths.data_dir
    dakar.close()
    out = tmp_path / "out"
    out.mkdir()
    with locked(folder):
        assert main(["--data-dir", str(folder), "export", str(out)]) == 0
        assert main(["--data-dir", str(folder), "verify", str(next(out.iterdir()))]) == 0
    assert "signer:      this office" in capsys.readouterr().out
