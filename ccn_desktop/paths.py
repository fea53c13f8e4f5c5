"""Where the program keeps its files: the one place that knows about appdirs.

Order of precedence: an explicit `--data-dir`, then `CCN_DATA_DIR`, then portable
mode (a file named `portable` beside the executable, or `--portable`), then the
per-user folders of the operating system. With a data folder, everything —
catalogue, keys, backups, logs, settings — lives inside it, so one folder can be
carried, backed up or deleted as a whole.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import appdirs

from ccn_desktop.i18n import _

APP_DIR_NAME = "ccn-desktop"
APP_AUTHOR = "UNESCO-CCN"
DATA_DIR_ENV = "CCN_DATA_DIR"
CATALOGUE_FILE_NAME = "catalogue.sqlite3"


class DataDirError(RuntimeError):
    """The data folder cannot be created or written."""


@dataclass(frozen=True)
class DataPaths:
    """The folders and files of one catalogue installation."""

    data_dir: Path
    config_dir: Path
    log_dir: Path
    portable: bool = False

    @property
    def catalogue_file(self) -> Path:
        return self.data_dir / CATALOGUE_FILE_NAME

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @classmethod
    def in_folder(cls, folder: Path, *, portable: bool = False) -> DataPaths:
        """Everything inside one folder (`--data-dir`, `CCN_DATA_DIR`, portable mode)."""
        folder = Path(folder).expanduser().resolve()
        return cls(folder, folder / "settings", folder / "logs", portable)

    @classmethod
    def per_user(cls) -> DataPaths:
        return cls(
            Path(appdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR)),
            Path(appdirs.user_config_dir(APP_DIR_NAME, APP_AUTHOR)),
            Path(appdirs.user_log_dir(APP_DIR_NAME, APP_AUTHOR)),
        )

    def refuse_a_file(self) -> None:
        """Say in one sentence that the data folder given is a file (before anything
        tries to make it, or a lock in it)."""
        problem = _file_in_the_way(self.data_dir)
        if problem:
            raise DataDirError(problem)

    def ensure(self) -> None:
        """Create the folders, or say in one sentence why they cannot be used."""
        for folder in (
            self.data_dir,
            self.config_dir,
            self.log_dir,
            self.keys_dir,
            self.backups_dir,
        ):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DataDirError(_folder_problem(folder, exc)) from exc
        if not os.access(self.data_dir, os.W_OK | os.X_OK):
            raise DataDirError(
                _("The data folder {data_dir} cannot be written.").format(data_dir=self.data_dir)
            )


def _folder_problem(folder: Path, exc: OSError) -> str:
    """Why `folder` cannot be made: a file in the way is named as such."""
    return _file_in_the_way(folder) or _("Cannot create the folder {folder}: {strerror}.").format(
        folder=folder, strerror=exc.strerror
    )


def _file_in_the_way(folder: Path) -> str:
    for part in (folder, *folder.parents):
        if part.exists() and not part.is_dir():
            return _(
                "Cannot use the folder {folder}: {file} is a file, not a folder. Give the "
                "data folder another name."
            ).format(folder=folder, file=part)
    return ""


def program_dir() -> Path:
    """The folder of the executable (frozen) or of the package's parent (source)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def portable_folder() -> Path:
    return program_dir() / "ccn-data"


def resolve_paths(
    data_dir: str | os.PathLike[str] | None = None, *, portable: bool = False
) -> DataPaths:
    """The paths to use for this run, by the precedence in the module docstring."""
    if data_dir:
        return DataPaths.in_folder(Path(data_dir))
    env_dir = os.environ.get(DATA_DIR_ENV)
    if env_dir:
        return DataPaths.in_folder(Path(env_dir))
    if portable or (program_dir() / "portable").is_file():
        return DataPaths.in_folder(portable_folder(), portable=True)
    return DataPaths.per_user()


# What a write to a locked stick or a read-only folder fails with.
READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def folder_writable(folder: Path) -> bool:
    """Whether files can be created in `folder` (or, if it does not exist yet, made there).

    `os.access` alone is not enough: it says yes to root on a read-only mount's
    chmod-ed folder and, on Windows, to any folder; so a probe file is created too.
    """
    folder = Path(folder)
    while not folder.exists():
        if folder.parent == folder:
            return False
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".ccn-write-probe-"):
            pass
    except OSError as exc:
        if exc.errno in READ_ONLY_ERRNOS:
            return False
        raise
    return True
