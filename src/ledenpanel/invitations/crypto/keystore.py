"""The key directory (``LEDENPANEL_KEY_DIR``): panel keys live here, never in the database.

One file per panel, ``<panel_id>.key``, mode 0600 in a directory of mode 0700. It
must sit outside the database, outside ``var/`` backups and outside any backup
job: that — not the wiping — is the guarantee that keys destroyed at close are
gone. Destroying overwrites the file with zeros, syncs it and removes it, then
leaves a ``<panel_id>.destroyed`` marker so a later read says "destroyed" rather
than "missing" and no new keys can be made for a closed panel. On SSDs,
copy-on-write and journaling file systems the overwrite is best effort: old
blocks may survive in the device until reused.

A close may keep the **link key** alone, in ``<panel_id>.link``: the results
mail and the results letter carry the member's own link and code, and only
the link key rebuilds them. It opens nothing of the answers (drafts, receipts
and envelopes are keyed with the answer and private keys, which go); a link
or code opens only the results page, the same for every member. It is
destroyed in turn when the panel is archived (``forget_link_key``).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from .errors import KeysDestroyed, KeysMissing, KeyStoreError
from .keys import KEY_BYTES, PanelKeys

_PANEL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_GROUP_OTHER = stat.S_IRWXG | stat.S_IRWXO
_LINK_MAGIC = b"LPLINK\x00\x01"  # file format: magic, link key


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _wipe(path: Path) -> None:
    """Overwrite a file with zeros in place and sync it (best effort on SSDs)."""
    fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW)
    try:
        _write_all(fd, bytes(os.fstat(fd).st_size))
        os.fsync(fd)
    finally:
        os.close(fd)


class KeyStore:
    """Write, read and destroy panels' keys in one directory outside the database."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _ready(self) -> Path:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = self.directory.lstat()
        if not stat.S_ISDIR(info.st_mode):
            raise KeyStoreError(f"key directory {self.directory} is not a directory")
        if info.st_mode & _GROUP_OTHER:
            raise KeyStoreError(
                f"key directory {self.directory} is open to group or others: chmod 700 it"
            )
        return self.directory

    def _path(self, panel_id: str, suffix: str) -> Path:
        if not _PANEL_ID.fullmatch(panel_id):
            raise KeyStoreError("a panel id is 1-64 letters, digits, '-' or '_'")
        return self._ready() / f"{panel_id}{suffix}"

    def _leftovers(self, panel_id: str) -> list[Path]:
        return sorted(self._ready().glob(f".{panel_id}.*.tmp"))

    def exists(self, panel_id: str) -> bool:
        return self._path(panel_id, ".key").exists()

    def is_destroyed(self, panel_id: str) -> bool:
        return self._path(panel_id, ".destroyed").exists()

    def panel_ids(self) -> list[str]:
        """Panels whose keys are here (for a check that closed panels hold none)."""
        return sorted(p.stem for p in self._ready().glob("*.key"))

    def write(self, panel_id: str, keys: PanelKeys) -> None:
        """Store a panel's keys atomically; never replaces keys, never revives a closed panel.

        Temp file (0600) → write → fsync → hard link to the final name → fsync the
        directory. A link, unlike a rename, fails if the name exists, so a second
        writer cannot replace the private key that already sealed envelopes.
        """
        path = self._path(panel_id, ".key")
        if self.is_destroyed(panel_id):
            raise KeysDestroyed(f"keys of panel {panel_id} were destroyed at close")
        try:
            self._write_new(panel_id, path, keys.to_bytes())
        except FileExistsError:
            raise KeyStoreError(f"keys of panel {panel_id} exist already") from None

    def _write_new(self, panel_id: str, path: Path, data: bytes) -> None:
        """Write ``path`` whole or not at all; FileExistsError if it is there."""
        fd, name = tempfile.mkstemp(prefix=f".{panel_id}.", suffix=".tmp", dir=self.directory)
        tmp, linked = Path(name), False
        try:
            try:
                os.fchmod(fd, 0o600)
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.link(tmp, path)
            linked = True
        finally:
            if not linked:
                _wipe(tmp)  # same inode as the key file once linked: wipe only if not
            tmp.unlink()
            _fsync_dir(self.directory)

    def _read_file(self, path: Path) -> bytes:
        """A key file's bytes; FileNotFoundError if it is not there."""
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            if os.fstat(fd).st_mode & _GROUP_OTHER:
                raise KeyStoreError(f"key file {path} is open to group or others: chmod 600 it")
            with os.fdopen(os.dup(fd), "rb") as file:
                return file.read()
        finally:
            os.close(fd)

    def read(self, panel_id: str) -> PanelKeys:
        """A panel's keys, or :class:`KeysDestroyed` / :class:`KeysMissing`."""
        try:
            data = self._read_file(self._path(panel_id, ".key"))
        except FileNotFoundError:
            if self.is_destroyed(panel_id):
                raise KeysDestroyed(f"keys of panel {panel_id} were destroyed at close") from None
            raise KeysMissing(f"no keys for panel {panel_id} in {self.directory}") from None
        return PanelKeys.from_bytes(data)

    def read_link_key(self, panel_id: str) -> bytes:
        """The link key: from the panel's keys while it is open, after close from
        the file the close kept; :class:`KeysDestroyed` once that is gone too."""
        try:
            return self.read(panel_id).link_key
        except KeysDestroyed:
            pass
        try:
            data = self._read_file(self._path(panel_id, ".link"))
        except FileNotFoundError:
            raise KeysDestroyed(f"the link key of panel {panel_id} was destroyed") from None
        if len(data) != len(_LINK_MAGIC) + KEY_BYTES or not data.startswith(_LINK_MAGIC):
            raise KeyStoreError(f"{panel_id}.link is not a Ledenpanel link key file")
        return data[len(_LINK_MAGIC) :]

    def get_or_create(self, panel_id: str) -> PanelKeys:
        """The panel's keys, made on first use: safe to repeat when a task is retried."""
        try:
            return self.read(panel_id)
        except KeysDestroyed:
            raise
        except KeysMissing:
            pass
        keys = PanelKeys.generate()
        try:
            self.write(panel_id, keys)
        except KeyStoreError:
            if not self.exists(panel_id):
                raise
            return self.read(panel_id)  # another process won the race: use its keys
        return keys

    def destroy(self, panel_id: str, *, keep_link_key: bool = False) -> bool:
        """Overwrite, sync and remove the panel's key file (and any temp file left by
        a crashed write), then mark the panel destroyed. Repeating it is harmless.
        Returns whether a key file was there.

        ``keep_link_key`` first writes the link key alone to ``<panel_id>.link``
        (the close of a panel whose results go back to its members)."""
        path = self._path(panel_id, ".key")
        if keep_link_key and path.exists():
            with contextlib.suppress(FileExistsError):  # a repeated close kept it already
                self._write_new(
                    panel_id,
                    self._path(panel_id, ".link"),
                    _LINK_MAGIC + self.read(panel_id).link_key,
                )
        found = False
        for victim in [path, *self._leftovers(panel_id)]:
            with contextlib.suppress(FileNotFoundError):
                _wipe(victim)
                victim.unlink()
                found = found or victim == path
        marker = self._path(panel_id, ".destroyed")
        marker.touch(mode=0o600, exist_ok=True)
        _fsync_dir(self.directory)
        return found

    def forget_link_key(self, panel_id: str) -> bool:
        """Overwrite, sync and remove the link key a close kept; whether it was there."""
        path = self._path(panel_id, ".link")
        try:
            _wipe(path)
        except FileNotFoundError:
            return False
        path.unlink()
        _fsync_dir(self.directory)
        return True
