"""The committer date of a clone's last commit, read from the files of its `.git` folder without
running git.

A student's `.git` is the student's: its config can make git run programs of its choosing (a
partial clone's lazy fetch runs `remote.<name>.uploadpack` through a shell; `core.fsmonitor`,
`core.sshCommand`, `gpg.program`, hooks, `include.path` bringing any of them in), and switching
such settings off one by one never ends. So git is not run at all: HEAD, the ref it names (a
loose ref or `packed-refs`) and the commit object (a loose object, or an entry of a pack, deltas
applied) are read here as plain data, and nothing the repository configures is read, let alone
run. Every file is opened inside `.git` without following a symbolic link, must be a regular
file (a FIFO never blocks the read), and is read within size limits; objects come from this
repository's own `objects/` only (never `objects/info/alternates`, never a promisor remote).
Anything unexpected (a SHA-256 repository, a reftable, a `.git` file pointing elsewhere, a
missing or corrupt object) means the time is unknown, never an error.
"""
from __future__ import annotations

import os
import re
import stat
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

MAX_SMALL_FILE = 2**20
"""HEAD, a loose ref, packed-refs: at most this many bytes read"""
MAX_OBJECT = 2**20
"""a commit (and each delta base on its way) is at most this large once inflated"""
MAX_INFLATED = 16 * 2**20
"""all the inflating one lookup may do (a long chain of deltas stops here)"""
MAX_DELTA_DEPTH = 256
MAX_PACKS = 256
MAX_REF_HOPS = 5
SHA1 = re.compile(rb"^[0-9a-f]{40}$")
COMMIT, TREE, BLOB, TAG, OFS_DELTA, REF_DELTA = 1, 2, 3, 4, 6, 7
TYPES = {b"commit": COMMIT, b"tree": TREE, b"blob": BLOB, b"tag": TAG}


class _Unreadable(Exception):
    """The repository cannot be read as expected: the time is unknown."""


def commit_time(folder: Path) -> datetime | None:
    """When HEAD's commit was committed (with the committer's UTC offset), or None."""
    try:
        with _GitDir(folder) as repo:
            kind, body = repo.object(repo.head_commit())
    except (_Unreadable, OSError, ValueError, zlib.error, IndexError, OverflowError):
        return None
    return committer_time(body) if kind == COMMIT else None


class _GitDir:
    """A clone's `.git` folder, opened once; files are reached from it component by component,
    never through a symbolic link."""

    def __init__(self, folder: Path):
        top = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            self.fd = os.open(".git", os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=top)
        except OSError:
            raise _Unreadable(".git is not a folder") from None  # absent, a file, a link
        finally:
            os.close(top)
        self.inflated = 0
        self._packs: list[_Pack] | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for pack in self._packs or ():
            pack.close()
        os.close(self.fd)

    def open(self, path: str) -> int:
        """A regular file under .git, by a relative path; no component may be a link."""
        parts = path.split("/")
        if any(p in ("", ".", "..") for p in parts):
            raise _Unreadable(path)
        where = self.fd
        try:
            for part in parts[:-1]:
                inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=where)
                if where != self.fd:
                    os.close(where)
                where = inner
            fd = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=where)
        finally:
            if where != self.fd:
                os.close(where)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise _Unreadable(f"{path} is not a regular file")
        return fd

    def read(self, path: str, limit: int = MAX_SMALL_FILE) -> bytes | None:
        """A small file's bytes; None when it does not exist."""
        try:
            fd = self.open(path)
        except FileNotFoundError:
            return None
        try:
            data = os.read(fd, limit + 1)
        finally:
            os.close(fd)
        if len(data) > limit:
            raise _Unreadable(f"{path} is too large")
        return data

    # -- refs -----------------------------------------------------------------------------------

    def head_commit(self) -> bytes:
        """The object HEAD names, following symbolic refs (a few hops at most)."""
        text = self.read("HEAD")
        for _ in range(MAX_REF_HOPS):
            if text is None:
                raise _Unreadable("a ref is missing")
            text = text.strip()
            if SHA1.match(text):
                return text
            if not text.startswith(b"ref:"):
                raise _Unreadable("HEAD names no commit")
            name = text[4:].strip().decode("utf-8", "strict")
            if not name.startswith("refs/"):
                raise _Unreadable(f"{name} is not a ref")
            text = self.read(name)
            if text is None:
                text = self._packed_ref(name)
        raise _Unreadable("too many symbolic refs")

    def _packed_ref(self, name: str) -> bytes | None:
        data = self.read("packed-refs", 64 * MAX_SMALL_FILE)
        wanted = name.encode()
        for line in (data or b"").splitlines():
            sha, _, ref = line.partition(b" ")
            if ref.strip() == wanted and SHA1.match(sha):
                return sha
        return None

    # -- objects --------------------------------------------------------------------------------

    def object(self, sha: bytes, depth: int = 0) -> tuple[int, bytes]:
        """(type, content) of an object of this repository: loose, or in one of its packs."""
        if depth > MAX_DELTA_DEPTH:
            raise _Unreadable("delta chain too deep")
        hexa = sha.decode("ascii")
        try:
            fd = self.open(f"objects/{hexa[:2]}/{hexa[2:]}")
        except FileNotFoundError:
            fd = None
        if fd is not None:
            try:
                return self._loose(fd)
            finally:
                os.close(fd)
        binary = bytes.fromhex(hexa)
        for pack in self.packs():
            offset = pack.find(binary)
            if offset is not None:
                return pack.entry(offset, self, depth)
        raise _Unreadable(f"object {hexa} is not here")

    def _loose(self, fd: int) -> tuple[int, bytes]:
        inflater = zlib.decompressobj()
        data = inflater.decompress(os.read(fd, 2 * MAX_OBJECT), MAX_OBJECT + 64)
        header, nul, body = data.partition(b"\0")
        kind, _, size = header.partition(b" ")
        if not nul or kind not in TYPES or not size.isdigit() or int(size) != len(body):
            raise _Unreadable("a broken loose object")
        self.spend(len(body))
        return TYPES[kind], body

    def packs(self) -> list["_Pack"]:
        if self._packs is None:
            self._packs = []
            try:
                folder = self.open_folder("objects/pack")
            except FileNotFoundError:
                return self._packs
            try:
                names = sorted(n for n in os.listdir(folder) if n.endswith(".idx"))[:MAX_PACKS]
            finally:
                os.close(folder)
            for name in names:
                try:
                    self._packs.append(self._pack(name))
                except (FileNotFoundError, _Unreadable):
                    continue
        return self._packs

    def _pack(self, idx_name: str) -> "_Pack":
        idx = self.open(f"objects/pack/{idx_name}")
        try:
            pack = self.open(f"objects/pack/{idx_name[:-4]}.pack")
        except BaseException:
            os.close(idx)
            raise
        return _Pack(idx, pack)

    def open_folder(self, path: str) -> int:
        where = self.fd
        for part in path.split("/"):
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=where)
            if where != self.fd:
                os.close(where)
            where = inner
        return where

    def spend(self, size: int) -> None:
        """Count what was inflated: a lookup never inflates more than MAX_INFLATED."""
        self.inflated += size
        if size > MAX_OBJECT or self.inflated > MAX_INFLATED:
            raise _Unreadable("too much to inflate")


class _Pack:
    """A pack and its index (version 1 or 2), read with pread: never loaded whole."""

    def __init__(self, idx: int, pack: int):
        self.idx, self.pack = idx, pack
        head = os.pread(idx, 8, 0)
        if head[:4] == b"\xfftOc":
            if int.from_bytes(head[4:8], "big") != 2:
                self.close()
                raise _Unreadable("an index of an unknown version")
            self.version, fanout_at = 2, 8
        else:
            self.version, fanout_at = 1, 0
        self.fanout = os.pread(idx, 1024, fanout_at)
        if len(self.fanout) != 1024:
            self.close()
            raise _Unreadable("a broken index")
        self.count = int.from_bytes(self.fanout[-4:], "big")
        self.names_at = fanout_at + 1024

    def close(self) -> None:
        for fd in (self.idx, self.pack):
            try:
                os.close(fd)
            except OSError:
                pass

    def _fan(self, byte: int) -> int:
        return int.from_bytes(self.fanout[4 * byte:4 * byte + 4], "big") if byte >= 0 else 0

    def _name(self, i: int) -> bytes:
        if self.version == 2:
            return os.pread(self.idx, 20, self.names_at + 20 * i)
        return os.pread(self.idx, 20, self.names_at + 24 * i + 4)

    def find(self, sha: bytes) -> int | None:
        """The pack offset of `sha`, by binary search in the index; None if it is not here."""
        low, high = self._fan(sha[0] - 1), self._fan(sha[0])
        if not 0 <= low <= high <= self.count:
            raise _Unreadable("a broken index")
        while low < high:
            middle = (low + high) // 2
            name = self._name(middle)
            if name == sha:
                return self._offset(middle)
            if name < sha:
                low = middle + 1
            else:
                high = middle
        return None

    def _offset(self, i: int) -> int:
        if self.version == 1:
            return int.from_bytes(os.pread(self.idx, 4, self.names_at + 24 * i), "big")
        table = self.names_at + 24 * self.count  # after the names and their CRCs
        value = int.from_bytes(os.pread(self.idx, 4, table + 4 * i), "big")
        if value & 0x80000000:  # an index into the table of large offsets
            large = table + 4 * self.count + 8 * (value & 0x7FFFFFFF)
            value = int.from_bytes(os.pread(self.idx, 8, large), "big")
        return value

    def entry(self, offset: int, repo: _GitDir, depth: int) -> tuple[int, bytes]:
        """The object at `offset`, its deltas applied."""
        head = os.pread(self.pack, 32, offset)
        if not head:
            raise _Unreadable("an offset past the pack's end")
        byte, at = head[0], 1
        kind, size, shift = (byte >> 4) & 7, byte & 15, 4
        while byte & 0x80:
            byte, at = head[at], at + 1
            size |= (byte & 0x7F) << shift
            shift += 7
        if kind == OFS_DELTA:
            byte, at = head[at], at + 1
            back = byte & 0x7F
            while byte & 0x80:
                byte, at = head[at], at + 1
                back = ((back + 1) << 7) | (byte & 0x7F)
            if not 0 < back <= offset:
                raise _Unreadable("a delta before the pack's start")
            base = self.entry(offset - back, repo, depth + 1)
        elif kind == REF_DELTA:
            base = repo.object(head[at:at + 20].hex().encode(), depth + 1)
            at += 20
        elif kind not in (COMMIT, TREE, BLOB, TAG):
            raise _Unreadable("an unknown kind of pack entry")
        repo.spend(size)
        data = self._inflate(offset + at, size)
        if kind in (OFS_DELTA, REF_DELTA):
            data = _apply_delta(base[1], data)
            repo.spend(len(data))
            return base[0], data
        return kind, data

    def _inflate(self, at: int, size: int) -> bytes:
        inflater, out = zlib.decompressobj(), bytearray()
        while not inflater.eof and len(out) < size:
            chunk = os.pread(self.pack, 65536, at)
            if not chunk:
                break
            at += len(chunk)
            out += inflater.decompress(chunk, size + 1 - len(out))
            if inflater.unconsumed_tail:  # more came out than the header said
                break
        if len(out) != size:
            raise _Unreadable("a pack entry of another size than it says")
        return bytes(out)


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def _apply_delta(base: bytes, delta: bytes) -> bytes:
    """git's delta format: the sizes, then copies from the base and inserted bytes."""
    source, at = _varint(delta, 0)
    target, at = _varint(delta, at)
    if source != len(base) or target > MAX_OBJECT:
        raise _Unreadable("a delta that does not fit its base")
    out = bytearray()
    while at < len(delta):
        op = delta[at]
        at += 1
        if op & 0x80:
            start = length = 0
            for bit in range(4):
                if op & (1 << bit):
                    start |= delta[at] << (8 * bit)
                    at += 1
            for bit in range(3):
                if op & (0x10 << bit):
                    length |= delta[at] << (8 * bit)
                    at += 1
            length = length or 0x10000
            if start + length > len(base):
                raise _Unreadable("a delta copies past its base")
            out += base[start:start + length]
        elif op:
            out += delta[at:at + op]
            at += op
        else:
            raise _Unreadable("a delta with a zero instruction")
        if len(out) > target:
            break
    if len(out) != target:
        raise _Unreadable("a delta of another size than it says")
    return bytes(out)


COMMITTER = re.compile(rb"^committer .*> *(\d{1,12}) ([+-])(\d\d)(\d\d)$")


def committer_time(commit: bytes) -> datetime | None:
    """The `committer` line of a commit's header as a time with its UTC offset (what
    `git log --format=%cI` prints); None when it is missing or out of range."""
    header = commit.split(b"\n\n", 1)[0]
    for line in header.split(b"\n"):
        found = COMMITTER.match(line)
        if found:
            seconds, sign, hours, minutes = found.groups()
            offset = timedelta(hours=int(hours), minutes=int(minutes))
            try:
                zone = timezone(-offset if sign == b"-" else offset)
                return datetime.fromtimestamp(int(seconds), zone)
            except (ValueError, OverflowError, OSError):
                return None
    return None
