"""What a received package file alone decides, without the database.

Its signature and hashes (:func:`verified_file`), and, for a school package, its members
decrypted with this bureau's keys and its workbook read into a snapshot
(:func:`read_school_package`).  The intake asks these at their place in its order of
decisions (:mod:`cxdesk.bureau.intake`); a large collect has them worked out ahead, in
other processes, while it stores the packages before (:mod:`cxdesk.bureau.read_ahead`):
the same functions on the same bytes, so the same answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cxdesk.bureau.opening import Opened, open_with_keys
from cxdesk.errors import UserError
from cxdesk.exchange.encryption import DecryptionKeys
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.limits import read_package_file
from cxdesk.exchange.unpack import read_snapshot
from cxdesk.exchange.verify import VerifiedPackage, verify_package_bytes
from cxdesk.i18n import Message, Text
from cxdesk.school_snapshot import SchoolSnapshot

BAD_WORKBOOK = Text(
    "上报包内的填报表无法读取：{reason}，已拒收。",
    "The workbook inside the package cannot be read: {reason}; refused.",
)


class Unreadable(Exception):
    """The package cannot be opened or its workbook read: refuse it with ``reason``."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.render("en"))
        self.reason = reason


def verified_file(path: Path, kinds: tuple[str, ...]) -> tuple[VerifiedPackage, bytes]:
    """The package file at ``path`` verified (one of ``kinds``), and its bytes; raises
    PackageError (its refusal) when it is not a sound package."""
    data, limits, kind = read_package_file(Path(path), kinds)
    package = verify_package_bytes(
        data, limits=limits, kinds=(kind,) if kind is not None else kinds, file_name=Path(path).name
    )
    return package, data


def read_school_package(
    package: VerifiedPackage, keys: DecryptionKeys
) -> tuple[Opened, SchoolSnapshot]:
    """The school package's members in the clear and its snapshot, read in memory (the
    workbook is never written to a file in the clear); raises :class:`Unreadable`."""
    try:
        opened = open_with_keys(package, keys)
    except PackageError as exc:
        raise Unreadable(exc.message) from None
    try:
        return opened, read_snapshot(opened.package)
    except UserError as exc:
        shown = [exc.message.render(), *(d.render() for d in exc.details[:2])]
        raise Unreadable(BAD_WORKBOOK(reason=" ".join(shown))) from None


@dataclass
class ReadFile:
    """A package file as :mod:`cxdesk.bureau.read_ahead` read it: verified (``package``,
    ``data``) or refused (``refusal``); for a school package, also its snapshot (``read``)
    or why it cannot be read (``unreadable``)."""

    package: VerifiedPackage | None = None
    data: bytes = b""
    refusal: Message | None = None
    refusal_code: str = ""
    read: tuple[Opened, SchoolSnapshot] | None = None
    unreadable: Message | None = None

    def take_read(self) -> tuple[Opened, SchoolSnapshot] | Message | None:
        """The snapshot (or why the package cannot be read), given once: deciding the
        package changes its snapshot (the register's values are applied), so deciding it
        again (its group rolled back) reads it afresh, as without reading ahead."""
        read, unreadable = self.read, self.unreadable
        self.read = self.unreadable = None
        return read if read is not None else unreadable
