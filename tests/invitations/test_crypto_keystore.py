"""The key directory: 0600 files written atomically, read back, destroyed for good."""

from __future__ import annotations

import os
import stat
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ledenpanel.invitations.crypto import (
    CryptoError,
    KeysDestroyed,
    KeysMissing,
    KeyStore,
    KeyStoreError,
    PanelKeys,
    link_token,
    open_envelope,
    seal_answers,
)

PANEL = "3f2b9c1e-7d4a-4c1b-9a8e-2f6d5c4b3a21"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_it_serialises_and_restores_panel_keys() -> None:
    keys = PanelKeys.generate()
    data = keys.to_bytes()

    assert len(data) == 8 + 3 * 32
    assert PanelKeys.from_bytes(data) == keys
    with pytest.raises(CryptoError):
        PanelKeys.from_bytes(data[:-1])
    with pytest.raises(CryptoError):
        PanelKeys.from_bytes(b"X" + data[1:])
    with pytest.raises(CryptoError):
        PanelKeys(link_key=b"short", answer_key=bytes(32), private_key=bytes(32))


def test_it_makes_distinct_keys_and_derives_the_public_key() -> None:
    a, b = PanelKeys.generate(), PanelKeys.generate()

    assert a.link_key != b.link_key
    assert a.answer_key != b.answer_key
    assert a.private_key != b.private_key
    assert len({a.link_key, a.answer_key, a.private_key}) == 3
    assert len(a.public_key) == 32
    assert a.public_key != a.private_key


def test_it_never_shows_secret_keys_in_repr() -> None:
    keys = PanelKeys.generate()

    for secret in (keys.link_key, keys.answer_key, keys.private_key):
        assert secret.hex() not in repr(keys)
        assert secret.hex()[:16] not in repr(keys)
    assert repr(keys).startswith("PanelKeys(public_key=")


def test_it_writes_a_0600_file_in_a_0700_directory(store: KeyStore) -> None:
    keys = PanelKeys.generate()

    store.write(PANEL, keys)

    path = store.directory / f"{PANEL}.key"
    assert mode(path) == 0o600
    assert mode(store.directory) == 0o700
    assert store.read(PANEL) == keys
    assert store.exists(PANEL)
    assert store.panel_ids() == [PANEL]
    assert sorted(p.name for p in store.directory.iterdir()) == [f"{PANEL}.key"]  # no temp left


def test_it_writes_0600_even_under_a_permissive_umask(store: KeyStore) -> None:
    old = os.umask(0)
    try:
        store.write(PANEL, PanelKeys.generate())
    finally:
        os.umask(old)

    assert mode(store.directory / f"{PANEL}.key") == 0o600


def test_it_refuses_to_replace_existing_keys(store: KeyStore) -> None:
    first = PanelKeys.generate()
    store.write(PANEL, first)

    with pytest.raises(KeyStoreError, match="exist already"):
        store.write(PANEL, PanelKeys.generate())

    assert store.read(PANEL) == first
    assert [p.name for p in store.directory.iterdir()] == [f"{PANEL}.key"]


def test_it_returns_the_same_keys_when_opening_is_retried(store: KeyStore) -> None:
    first = store.get_or_create(PANEL)

    assert store.get_or_create(PANEL) == first
    assert link_token(store.read(PANEL).link_key, "inv-1") == link_token(first.link_key, "inv-1")


def test_it_destroys_the_keys_and_says_so_when_read(store: KeyStore) -> None:
    keys = store.get_or_create(PANEL)
    envelope = seal_answers(keys.public_key, b"answers", size=1024)
    path = store.directory / f"{PANEL}.key"

    assert store.destroy(PANEL) is True

    assert not path.exists()
    assert not store.exists(PANEL)
    assert store.is_destroyed(PANEL)
    assert store.panel_ids() == []
    with pytest.raises(KeysDestroyed, match="destroyed at close"):
        store.read(PANEL)
    # Nothing left in the directory can open what was sealed.
    for leftover in store.directory.iterdir():
        data = leftover.read_bytes()
        assert keys.private_key not in data
        assert keys.link_key not in data
        assert keys.answer_key not in data
    with pytest.raises(CryptoError):
        open_envelope(bytes(32), envelope)


def test_it_overwrites_the_key_file_in_place_before_removing_it(store: KeyStore) -> None:
    keys = store.get_or_create(PANEL)
    witness = store.directory / "witness"
    os.link(store.directory / f"{PANEL}.key", witness)  # a second name for the same inode

    store.destroy(PANEL)

    assert witness.read_bytes() == bytes(len(keys.to_bytes()))


def test_it_never_makes_new_keys_for_a_destroyed_panel(store: KeyStore) -> None:
    store.get_or_create(PANEL)
    store.destroy(PANEL)

    with pytest.raises(KeysDestroyed):
        store.write(PANEL, PanelKeys.generate())
    with pytest.raises(KeysDestroyed):
        store.get_or_create(PANEL)
    assert not store.exists(PANEL)


def test_it_destroys_idempotently(store: KeyStore) -> None:
    store.get_or_create(PANEL)

    assert store.destroy(PANEL) is True
    assert store.destroy(PANEL) is False
    assert store.destroy("never-opened") is False
    assert store.is_destroyed("never-opened")


def test_it_tells_missing_keys_from_destroyed_ones(store: KeyStore) -> None:
    with pytest.raises(KeysMissing) as caught:
        store.read(PANEL)

    assert not isinstance(caught.value, KeysDestroyed)
    assert "no keys" in str(caught.value)


def test_it_wipes_temp_files_left_by_a_crashed_write(store: KeyStore) -> None:
    keys = PanelKeys.generate()
    store.get_or_create(PANEL)
    crashed = store.directory / f".{PANEL}.abc123.tmp"
    crashed.write_bytes(keys.to_bytes())
    other = store.directory / ".other-panel.abc123.tmp"
    other.write_bytes(b"kept")

    store.destroy(PANEL)

    assert not crashed.exists()
    assert other.exists()


def test_it_refuses_a_directory_open_to_others(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    directory.mkdir(mode=0o755)
    directory.chmod(0o755)

    with pytest.raises(KeyStoreError, match="chmod 700"):
        KeyStore(directory).write(PANEL, PanelKeys.generate())


def test_it_refuses_a_key_file_open_to_others(store: KeyStore) -> None:
    store.get_or_create(PANEL)
    (store.directory / f"{PANEL}.key").chmod(0o644)

    with pytest.raises(KeyStoreError, match="chmod 600"):
        store.read(PANEL)


@pytest.mark.parametrize("panel_id", ["", "../etc/passwd", "a/b", ".hidden", "x" * 65, "a.key"])
def test_it_refuses_ids_that_are_not_plain_names(store: KeyStore, panel_id: str) -> None:
    with pytest.raises(KeyStoreError):
        store.write(panel_id, PanelKeys.generate())
    with pytest.raises(KeyStoreError):
        store.read(panel_id)


def test_it_gives_every_racing_opener_the_same_keys(store: KeyStore) -> None:
    barrier = threading.Barrier(8)

    def open_panel() -> PanelKeys:
        barrier.wait()
        return store.get_or_create(PANEL)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: open_panel(), range(8)))

    assert len(set(results)) == 1
    assert store.read(PANEL) == results[0]
    assert [p.name for p in store.directory.iterdir()] == [f"{PANEL}.key"]


def test_a_close_can_keep_the_link_key_alone(store: KeyStore) -> None:
    keys = store.get_or_create(PANEL)

    store.destroy(PANEL, keep_link_key=True)

    with pytest.raises(KeysDestroyed):
        store.read(PANEL)
    assert store.read_link_key(PANEL) == keys.link_key
    kept = store.directory / f"{PANEL}.link"
    assert mode(kept) == 0o600
    # Neither the answer key nor the private key is in what stays.
    left = b"".join(path.read_bytes() for path in store.directory.iterdir() if path.is_file())
    assert keys.answer_key not in left
    assert keys.private_key not in left


def test_a_repeated_close_keeps_the_link_key_it_kept_first(store: KeyStore) -> None:
    keys = store.get_or_create(PANEL)
    store.destroy(PANEL, keep_link_key=True)

    store.destroy(PANEL, keep_link_key=True)

    assert store.read_link_key(PANEL) == keys.link_key


def test_the_kept_link_key_is_destroyed_for_good(store: KeyStore) -> None:
    store.get_or_create(PANEL)
    store.destroy(PANEL, keep_link_key=True)
    kept = store.directory / f"{PANEL}.link"

    assert store.forget_link_key(PANEL) is True

    assert not kept.exists()
    with pytest.raises(KeysDestroyed):
        store.read_link_key(PANEL)
    assert store.forget_link_key(PANEL) is False


def test_a_destroy_without_keeping_leaves_no_link_key(store: KeyStore) -> None:
    store.get_or_create(PANEL)

    store.destroy(PANEL)

    with pytest.raises(KeysDestroyed):
        store.read_link_key(PANEL)
