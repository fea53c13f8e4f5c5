"""This office's identity: a UUID, a name and an Ed25519 key pair.

The private key is a PEM file in the data folder's `keys/`, readable by its owner
only; it never enters the catalogue file, so a catalogue copied or restored from
backup cannot be used to forge this office's bundles.
"""

from __future__ import annotations

import base64
import hashlib
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ccn_desktop.i18n import _
from ccn_desktop.safe_files import write_bytes

PRIVATE_KEY_FILE = "office_ed25519.pem"


def default_office_name() -> str:
    """A first suggestion, in the user's language; the office's name is what they type."""
    host = socket.gethostname()
    return _("Office on {computer}").format(computer=host) if host else _("This office")


def private_key_path(keys_dir: Path) -> Path:
    return keys_dir / PRIVATE_KEY_FILE


def create_key_pair(keys_dir: Path) -> str:
    """Write a new private key (mode 0600) and return the public key, base64."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    keys_dir.mkdir(parents=True, exist_ok=True)
    path = private_key_path(keys_dir)
    write_bytes(path, [pem], mode=0o600)  # private from its first byte
    return public_key_text(key.public_key())


def load_private_key(keys_dir: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(private_key_path(keys_dir).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the office key is not an Ed25519 key")
    return key


def public_key_text(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def fingerprint(public_key_b64: str) -> str:
    """Short, readable digest of a public key for people to compare by phone or letter."""
    digest = hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest().upper()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


@dataclass(frozen=True)
class OfficeInfo:
    """This office as the facade knows it: its identity, name and public key."""

    uuid: str
    name: str
    public_key: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)
