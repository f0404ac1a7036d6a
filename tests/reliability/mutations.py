"""Damaged and doctored variants of a real package, made in memory.

Each kind of harm has a function ``(rng, package bytes, other package bytes) -> bytes``;
:func:`variants` yields ``(kind, bytes)`` pairs in a fixed order for a seed.  The kinds
are those a USB stick or a forger produces: random byte flips, truncation, a member
added, removed, swapped (with another member or another school's) or renamed, a
manifest edited without signing, a workbook changed with the manifest re-hashed but not
re-signed, a package re-signed with a stranger's key, and one re-signed by a stranger
with manifest values that make no sense or try to fool the reader.  Format-2 packages
carry the workbook encrypted (``workbook.xlsx.age``): a forger without a bureau's key can
only change its ciphertext.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cxdesk.exchange.keys import Signer
from cxdesk.exchange.manifest import MANIFEST_NAME, PUBLIC_KEY_NAME, SIGNATURE_NAME, dump_manifest
from cxdesk.exchange.package import package_bytes

Mutation = Callable[[random.Random, bytes, bytes], bytes]
WORKBOOK = "workbook.xlsx"
FIXED = (MANIFEST_NAME, SIGNATURE_NAME, PUBLIC_KEY_NAME)


def entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def rezip(items: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with (
        warnings.catch_warnings(),  # a duplicate name is one of the harms, on purpose
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        warnings.simplefilter("ignore")
        for name, content in items:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 1, 8, 0, 0)), content)
    return buffer.getvalue()


def flip_bytes(rng: random.Random, data: bytes, _: bytes) -> bytes:
    out = bytearray(data)
    for _flip in range(rng.choice((1, 1, 2, 3, 8, 32))):
        position = rng.randrange(len(out))
        out[position] ^= rng.randrange(1, 256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes, _: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def add_member(rng: random.Random, data: bytes, _: bytes) -> bytes:
    items = [(i.filename, c) for i, c in entries(data)]
    name = rng.choice(("readme.txt", "xl/evil.xml", "../escape.txt", "workbook2.xlsx", WORKBOOK))
    items.insert(rng.randrange(len(items) + 1), (name, rng.randbytes(rng.randrange(1, 400))))
    return rezip(items)


def remove_member(rng: random.Random, data: bytes, _: bytes) -> bytes:
    items = [(i.filename, c) for i, c in entries(data)]
    del items[rng.randrange(len(items))]
    return rezip(items)


def swap_members(rng: random.Random, data: bytes, _: bytes) -> bytes:
    items = [(i.filename, c) for i, c in entries(data)]
    a, b = rng.sample(range(len(items)), 2)
    (na, ca), (nb, cb) = items[a], items[b]
    items[a], items[b] = (na, cb), (nb, ca)
    return rezip(items)


def _workbook_name(names: Iterable[str]) -> str:
    """The workbook member: ``workbook.xlsx.age`` (format 2) or ``workbook.xlsx``."""
    return next(n for n in names if n.startswith(WORKBOOK))


def swap_in_other_school(rng: random.Random, data: bytes, other: bytes) -> bytes:
    theirs = dict((i.filename, c) for i, c in entries(other))
    name = rng.choice((_workbook_name(theirs), SIGNATURE_NAME, PUBLIC_KEY_NAME, MANIFEST_NAME))
    return rezip(
        [(i.filename, theirs[name] if i.filename == name else c) for i, c in entries(data)]
    )


def rename_member(rng: random.Random, data: bytes, _: bytes) -> bytes:
    items = [(i.filename, c) for i, c in entries(data)]
    k = rng.randrange(len(items))
    name = items[k][0]
    items[k] = (
        rng.choice((name.upper(), name + ".bak", "x/" + name, name.replace(".", "_"))),
        items[k][1],
    )
    return rezip(items)


def edit_manifest(rng: random.Random, data: bytes, _: bytes) -> bytes:
    """A figure or the sender changed in the manifest; the old signature kept."""
    items = [(i.filename, c) for i, c in entries(data)]
    out = []
    for name, content in items:
        if name == MANIFEST_NAME:
            manifest = json.loads(content)
            field = rng.choice(("figures", "sender", "sequence"))
            if field == "figures":
                manifest["figures"]["counselors"] = int(manifest["figures"]["counselors"]) + 1
            elif field == "sender":
                manifest["sender"]["name"] = manifest["sender"]["name"] + "分校"
            else:
                manifest["sequence"] += 1
            content = dump_manifest(manifest)
        out.append((name, content))
    return rezip(out)


def rehash_changed_workbook(rng: random.Random, data: bytes, _: bytes) -> bytes:
    """A cell of the workbook changed (its ciphertext, when it is encrypted), the manifest's
    hash and size updated, not re-signed."""
    items = dict((i.filename, c) for i, c in entries(data))
    name = _workbook_name(items)
    if name != WORKBOOK:  # encrypted: change a byte of the payload, after age's header
        body = items[name]
        start = body.index(b"\n---") + 50
        k = rng.randrange(start, len(body))
        changed = body[:k] + bytes([body[k] ^ rng.randrange(1, 256)]) + body[k + 1 :]
        return _rehashed(items, name, changed)
    workbook = dict((i.filename, c) for i, c in entries(items[WORKBOOK]))
    sheet = rng.choice(sorted(n for n in workbook if n.startswith("xl/worksheets/")))
    xml = workbook[sheet]
    digits = [i for i, b in enumerate(xml) if 0x30 <= b <= 0x39]
    if digits:
        k = rng.choice(digits)
        xml = xml[:k] + bytes([0x30 + (xml[k] - 0x30 + 1) % 10]) + xml[k + 1 :]
    else:
        xml = xml + b" "
    workbook[sheet] = xml
    return _rehashed(items, WORKBOOK, rezip(list(workbook.items())))


def _rehashed(items: dict[str, bytes], name: str, content: bytes) -> bytes:
    """The package with member ``name`` replaced and the manifest's hash of it updated."""
    items[name] = content
    manifest = json.loads(items[MANIFEST_NAME])
    for member in manifest["members"]:
        if member["name"] == name:
            member["size"] = len(content)
            member["sha256"] = hashlib.sha256(content).hexdigest()
    items[MANIFEST_NAME] = dump_manifest(manifest)
    return rezip(list(items.items()))


def stranger_signed(rng: random.Random, data: bytes, _: bytes) -> bytes:
    """The same content, a valid signature, but by a key nobody registered."""
    items = dict((i.filename, c) for i, c in entries(data))
    signer = Signer.from_private_key(Ed25519PrivateKey.generate())
    manifest = json.loads(items[MANIFEST_NAME])
    manifest["sender"]["public_key"] = signer.public_key_b64
    manifest["sender"]["fingerprint"] = signer.fingerprint
    if rng.random() < 0.5:  # and a doctored figure, which the stranger could sign at will
        manifest["figures"]["counselors"] = int(manifest["figures"]["counselors"]) + 5
    members = {k: v for k, v in items.items() if k not in FIXED}
    return package_bytes(manifest, members, signer)


NONSENSE: list[tuple[str, object]] = [
    ("period.end", "2027-02-30"),
    ("period.start", "2026-12-31"),  # after the end
    ("period.label", ".."),
    ("period.label", "2026/../../x"),
    ("period.label", "1066"),
    ("created_at", "1970-01-01T00:00:00Z"),
    ("sender.name", "鹿城小学\u202e）致一纹指，表案备对核已（"),
    ("sender.name", '=HYPERLINK("http://x","y")'),
    ("sender.county", "532302"),
    ("sequence", 999_999),
]


def stranger_signed_nonsense(rng: random.Random, data: bytes, _: bytes) -> bytes:
    """A stranger signs a manifest whose values are well-formed but make no sense (a date
    that does not exist, a period ending before it starts, a label that walks up folders,
    a year long gone) or try to fool the reader (a reordering name, a formula)."""
    items = dict((i.filename, c) for i, c in entries(data))
    signer = Signer.from_private_key(Ed25519PrivateKey.generate())
    manifest = json.loads(items[MANIFEST_NAME])
    manifest["sender"]["public_key"] = signer.public_key_b64
    manifest["sender"]["fingerprint"] = signer.fingerprint
    for path, value in rng.sample(NONSENSE, rng.choice((1, 1, 2))):
        where = manifest
        *parents, last = path.split(".")
        for part in parents:
            where = where[part]
        where[last] = value
    members = {k: v for k, v in items.items() if k not in FIXED}
    return package_bytes(manifest, members, signer)


MUTATIONS: dict[str, Mutation] = {
    "flip_bytes": flip_bytes,
    "truncate": truncate,
    "add_member": add_member,
    "remove_member": remove_member,
    "swap_members": swap_members,
    "swap_in_other_school": swap_in_other_school,
    "rename_member": rename_member,
    "edit_manifest": edit_manifest,
    "rehash_changed_workbook": rehash_changed_workbook,
    "stranger_signed": stranger_signed,
    "stranger_signed_nonsense": stranger_signed_nonsense,
}
#: The kinds whose variants are validly signed, by a key nobody registered.
STRANGER_KINDS = ("stranger_signed", "stranger_signed_nonsense")
#: Byte flips and truncation are the commonest harm (a bad USB stick): weighted up.
WEIGHTS = {"flip_bytes": 4, "truncate": 2}


def variants(packages: list[bytes], count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """``count`` variants, each different from every original."""
    rng = random.Random(seed)
    kinds = [k for k in MUTATIONS for _ in range(WEIGHTS.get(k, 1))]
    originals = set(packages)
    made = 0
    while made < count:
        kind = rng.choice(kinds)
        data, other = rng.sample(packages, 2)
        variant = MUTATIONS[kind](rng, data, other)
        if variant in originals:
            continue
        made += 1
        yield kind, variant
