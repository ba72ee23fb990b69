"""Encryption at rest for corruption reports: the reporter's identity, the report's text, the
officers' messages and the evidence files are stored as Fernet tokens. The keys live outside
the database: `settings.ENCRYPTION_KEYS` (from the environment; the first key encrypts, every
key decrypts, so keys can be rotated with `manage.py rotate_report_keys`). In development and
tests with no keys configured, one key is generated once into `VAR_DIR/keys/reports.key`
(mode 0600) so a fresh checkout runs with no setup; production refuses to start without keys.

Secrets that let an anonymous reporter follow up are never stored: only a keyed HMAC of them
(see `hash_secret`)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import threading
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import salted_hmac

KEY_FILE_NAME = "reports.key"
_lock = threading.Lock()
_cache: dict[tuple, MultiFernet] = {}

# Receipt codes and secrets: no 0/O, 1/I/L so a code read aloud or typed from paper is not misread.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class DecryptionError(Exception):
    """A stored token could not be decrypted with any configured key."""


def _dev_key_file() -> Path:
    return Path(settings.VAR_DIR) / "keys" / KEY_FILE_NAME


def _load_or_create_dev_key() -> str:
    path = _dev_key_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(Fernet.generate_key().decode())
    return path.read_text().strip()


def configured_keys() -> list[str]:
    keys = [k.strip() for k in (settings.ENCRYPTION_KEYS or []) if k and k.strip()]
    if keys:
        return keys
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured("ENCRYPTION_KEYS is required in production.")
    return [_load_or_create_dev_key()]


def fernet() -> MultiFernet:
    keys = tuple(configured_keys())
    with _lock:
        box = _cache.get(keys)
        if box is None:
            try:
                box = MultiFernet([Fernet(k.encode()) for k in keys])
            except (ValueError, TypeError) as exc:
                raise ImproperlyConfigured("ENCRYPTION_KEYS must be url-safe base64 Fernet keys.") from exc
            _cache.clear()
            _cache[keys] = box
        return box


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(bytes(token))
    except InvalidToken as exc:
        raise DecryptionError("no configured key decrypts this token") from exc


def encrypt_json(data: dict) -> str:
    return encrypt_bytes(json.dumps(data, ensure_ascii=False).encode()).decode()


def decrypt_json(token: str) -> dict:
    if not token:
        return {}
    return json.loads(decrypt_bytes(token.encode()).decode())


def rotate_token(token: str) -> str:
    """Re-encrypt with the first (current) key."""
    return fernet().rotate(token.encode()).decode() if token else token


def rotate_bytes(token: bytes) -> bytes:
    return fernet().rotate(bytes(token))


# --- receipt codes and secrets -------------------------------------------------------------


def random_code(length: int = 10) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def derived_secret(*, organization_id: int, scope: str, key: str, code: str, length: int = 16) -> str:
    """The reporter's secret, derived from the submission's idempotency key and the server's
    SECRET_KEY. A retry with the same key recomputes the same secret, so the secret itself is
    never stored anywhere — not even in the idempotency receipt."""
    mac = salted_hmac(f"prongsai.complaints.secret.{scope}", f"{organization_id}:{code}:{key}", algorithm="sha256")
    digest = mac.digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:length])


def format_group(value: str, size: int = 4) -> str:
    return "-".join(value[i : i + size] for i in range(0, len(value), size))


def normalise_code(value: str) -> str:
    """What a person typed (spaces, dashes, lower case, Thai digits) → the stored form."""
    from prongsai.core.thai import to_arabic_digits

    value = to_arabic_digits(value or "").upper()
    return "".join(ch for ch in value if ch.isascii() and ch.isalnum())[:40]


# The secret a reporter follows up with is never stored, only a keyed hash of it. The secret is
# not chosen by a person: `derived_secret` makes 16 characters of a 31-letter alphabet from an
# HMAC with the server's key (≈ 79 bits), so a deliberately slow password KDF adds nothing but
# CPU time on every submission. New hashes are HMAC-SHA256 under a key derived from an
# ENCRYPTION_KEYS key (outside the database, so a copy of the database alone cannot even test a
# guess), compared in constant time:
#
#     hmac-sha256$<key id>$<salt>$<digest>
#
# The key id says which ENCRYPTION_KEYS entry made it, so hashes keep verifying after a new key
# is prepended; a hash made with an older key (or an old scrypt hash, verified as before) is
# rewritten with the current key when its secret is next checked successfully (`needs_rehash`).

HMAC_PREFIX = "hmac-sha256"
_RECEIPT_KEY_INFO = b"prongsai.complaints.receipt-secret.v1"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_subkeys: dict[str, tuple[str, bytes]] = {}


def _receipt_subkey(fernet_key: str) -> tuple[str, bytes]:
    """(key id, HMAC key) for one ENCRYPTION_KEYS entry; a one-way derivation, so the hashing
    key is not the encryption key and tells nothing about it."""
    found = _subkeys.get(fernet_key)
    if found is None:
        try:
            raw = base64.urlsafe_b64decode(fernet_key.encode())
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured("ENCRYPTION_KEYS must be url-safe base64 Fernet keys.") from exc
        subkey = hmac.new(raw, _RECEIPT_KEY_INFO, hashlib.sha256).digest()
        key_id = hmac.new(subkey, b"key-id", hashlib.sha256).hexdigest()[:12]
        found = _subkeys[fernet_key] = (key_id, subkey)
    return found


def _receipt_keys() -> dict[str, bytes]:
    return dict(_receipt_subkey(k) for k in configured_keys())


def current_receipt_key_id() -> str:
    return _receipt_subkey(configured_keys()[0])[0]


def _hmac_digest(subkey: bytes, salt: bytes, secret: str) -> bytes:
    return hmac.new(subkey, salt + (secret or "").encode(), hashlib.sha256).digest()


def hash_secret(secret: str) -> str:
    key_id, subkey = _receipt_subkey(configured_keys()[0])
    salt = os.urandom(16)
    digest = _hmac_digest(subkey, salt, secret)
    return f"{HMAC_PREFIX}${key_id}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def scrypt_hash_secret(secret: str) -> str:
    """The former format; kept only so tests can make one (stored receipts still carry it)."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, dklen=32, **_SCRYPT)
    n, r, p = _SCRYPT["n"], _SCRYPT["r"], _SCRYPT["p"]
    return f"scrypt${n}${r}${p}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def _check_hmac(secret: str, stored: str) -> bool:
    prefix, key_id, salt, digest = stored.split("$")
    subkey = _receipt_keys().get(key_id)
    if prefix != HMAC_PREFIX or subkey is None:
        # An unknown or retired key: the same work, then no.
        hmac.compare_digest(_hmac_digest(b"\0" * 32, base64.b64decode(salt), secret), base64.b64decode(digest))
        return False
    return hmac.compare_digest(_hmac_digest(subkey, base64.b64decode(salt), secret), base64.b64decode(digest))


def _check_scrypt(secret: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(
        (secret or "").encode(), salt=base64.b64decode(salt), dklen=32, n=int(n), r=int(r), p=int(p)
    )
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def check_secret(secret: str, stored: str | None) -> bool:
    """The same work whether or not the code exists: an unknown code is checked against a
    dummy hash of the current format, so timing does not tell a wrong secret from an unknown
    code. (A receipt still under the old scrypt format takes longer until it is rehashed.)"""
    if not stored:
        stored, result_if_match = hash_secret(secrets.token_hex(8)), False
    else:
        result_if_match = True
    try:
        if stored.startswith("scrypt$"):
            ok = _check_scrypt(secret, stored)
        else:
            ok = _check_hmac(secret, stored)
    except (ValueError, TypeError, binascii.Error):
        return False
    return ok and result_if_match


def needs_rehash(stored: str) -> bool:
    """True for an old scrypt hash or one under a key that is no longer the first."""
    if not stored.startswith(HMAC_PREFIX + "$"):
        return True
    return stored.split("$")[1] != current_receipt_key_id()


def keyed_fingerprint(payload: str) -> str:
    """A fingerprint of a submission for the idempotency check that cannot be reversed by
    guessing short payloads (an HMAC with the server's key, not a bare hash)."""
    return salted_hmac("prongsai.complaints.fingerprint", payload, algorithm="sha256").hexdigest()
