"""The crypto package stays pure: no Django, and only audited primitives."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ledenpanel.invitations.crypto as crypto

ALLOWED_IMPORTS = {
    # standard library
    "__future__", "base64", "collections", "contextlib", "dataclasses", "hashlib", "hmac",
    "math", "os", "pathlib", "re", "secrets", "stat", "tempfile", "typing", "unicodedata",
    # audited cryptography
    "cryptography", "nacl",
}  # fmt: skip


def test_it_imports_no_django() -> None:
    code = (
        "import sys, ledenpanel.invitations, ledenpanel.invitations.crypto; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )

    subprocess.run([sys.executable, "-c", code], check=True)


def test_it_imports_only_the_standard_library_and_audited_crypto() -> None:
    package = Path(crypto.__file__).parent
    imported: set[str] = set()
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])

    assert imported <= ALLOWED_IMPORTS, imported - ALLOWED_IMPORTS


def test_it_uses_no_seeded_random_generator() -> None:
    package = Path(crypto.__file__).parent
    for source in package.glob("*.py"):
        text = source.read_text()
        assert "import random" not in text
        assert "from random" not in text
