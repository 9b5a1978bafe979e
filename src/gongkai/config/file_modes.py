"""Private files under var/ (条例 art. 15, 个人信息保护法 art. 51): the database, the keys, the applicants' ID
scans and letters are readable by the service's own user only. Called from the settings module at start-up."""

import os
import stat
from pathlib import Path

PRIVATE_DIRECTORY = 0o700
PRIVATE_FILE = 0o600


def private_directory(path: Path) -> None:
    """Create ``path`` as 0700, or take the group's and others' rights away from an existing one we own."""
    path.mkdir(mode=PRIVATE_DIRECTORY, parents=True, exist_ok=True)
    _restrict(path, PRIVATE_DIRECTORY)


def private_file(path: Path) -> None:
    """Create an empty ``path`` as 0600 before anything else creates it world-readable (SQLite creates its -wal
    and -shm files with the mode of the database file), or restrict an existing one we own."""
    private_directory(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        _restrict(path, PRIVATE_FILE)


def _restrict(path: Path, mode: int) -> None:
    try:
        info = path.stat()
        if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
            path.chmod(stat.S_IMODE(info.st_mode) & mode)
    except OSError:
        # Not ours or gone: the deployment's own permissions stand.
        pass
