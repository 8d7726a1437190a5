"""A small, defensive reader of OLE2 compound files (the container of .doc/.xls/.wps/.et).

Only what the engine needs: the names of the root entries (to tell Word from Excel from
Kingsoft files) and the bytes of one stream (the BIFF8 Workbook, for number formats).
No olefile dependency; every chain walk is bounded so a corrupt or hostile file cannot
loop, and any structural problem raises ValueError.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN = -2
MAX_STREAM = 256 << 20


@dataclass
class DirEntry:
    name: str
    etype: int  # 1 storage, 2 stream, 5 root
    left: int
    right: int
    child: int
    start: int
    size: int


class OleFile:
    """Parsed header, FAT and directory of an OLE2 file held in memory."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(OLE_MAGIC) or len(data) < 512:
            raise ValueError("not an OLE2 file")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12):
            raise ValueError(f"bad sector shift {shift}")
        self.ssz = 1 << shift
        self.mini_ssz = 1 << mini_shift
        self.mini_cutoff, = struct.unpack_from("<I", data, 0x38)
        self.fat = self._read_fat()
        dir_start, = struct.unpack_from("<i", data, 0x30)
        self.entries = self._read_dir(dir_start)
        if not self.entries or self.entries[0].etype != 5:
            raise ValueError("no root entry")

    def _sector(self, sec: int) -> bytes:
        off = (sec + 1) * self.ssz
        if sec < 0 or off + self.ssz > len(self.data):
            raise ValueError(f"sector {sec} out of range")
        return self.data[off : off + self.ssz]

    def _read_fat(self) -> list[int]:
        n_fat, = struct.unpack_from("<I", self.data, 0x2C)
        difat_start, n_difat = struct.unpack_from("<iI", self.data, 0x44)
        secs = [s for s in struct.unpack_from("<109i", self.data, 0x4C) if s >= 0]
        sec, guard = difat_start, 0
        per = self.ssz // 4
        while sec >= 0 and guard <= n_difat and guard < 10000:
            ids = struct.unpack(f"<{per}i", self._sector(sec))
            secs.extend(s for s in ids[:-1] if s >= 0)
            sec, guard = ids[-1], guard + 1
        fat: list[int] = []
        for s in secs[: max(n_fat, 1)]:
            try:
                fat.extend(struct.unpack(f"<{per}i", self._sector(s)))
            except ValueError:
                break
        return fat

    def chain(self, start: int, fat: list[int] | None = None) -> list[int]:
        """Sector ids of a chain starting at `start` (bounded, cycle-safe)."""
        fat = self.fat if fat is None else fat
        out, seen, sec = [], set(), start
        while sec >= 0 and sec not in seen and len(out) < len(fat) + 1:
            seen.add(sec)
            out.append(sec)
            sec = fat[sec] if sec < len(fat) else END_OF_CHAIN
        return out

    def _read_dir(self, start: int) -> list[DirEntry]:
        entries = []
        for sec in self.chain(start):
            buf = self._sector(sec)
            for k in range(self.ssz // 128):
                e = buf[k * 128 : (k + 1) * 128]
                name_len, etype = struct.unpack_from("<HB", e, 0x40)
                left, right, child = struct.unpack_from("<iii", e, 0x44)
                first, size = struct.unpack_from("<iI", e, 0x74)
                name = e[: max(0, min(name_len, 64) - 2)].decode("utf-16-le", "replace")
                entries.append(DirEntry(name, etype, left, right, child, first, size))
        return entries

    def root_children(self) -> list[DirEntry]:
        """Entries directly under the root storage (walks the sibling tree)."""
        out, stack, seen = [], [self.entries[0].child], set()
        while stack:
            i = stack.pop()
            if i < 0 or i >= len(self.entries) or i in seen:
                continue
            seen.add(i)
            e = self.entries[i]
            if e.etype in (1, 2):
                out.append(e)
            stack.extend((e.left, e.right))
        return out

    def read_stream(self, name: str) -> bytes:
        """Bytes of the root-level stream `name` (case-insensitive)."""
        entry = next((e for e in self.root_children() if e.etype == 2 and e.name.lower() == name.lower()), None)
        if entry is None:
            raise ValueError(f"no stream {name!r}")
        size = min(entry.size, MAX_STREAM)
        if size < self.mini_cutoff:
            return self._read_mini(entry.start, size)
        data = b"".join(self._sector(s) for s in self.chain(entry.start))
        return data[:size]

    def _read_mini(self, start: int, size: int) -> bytes:
        mini_fat_start, n_mini = struct.unpack_from("<iI", self.data, 0x3C)
        per = self.ssz // 4
        mini_fat: list[int] = []
        for s in self.chain(mini_fat_start)[: max(n_mini, 1)]:
            mini_fat.extend(struct.unpack(f"<{per}i", self._sector(s)))
        root = self.entries[0]
        container = b"".join(self._sector(s) for s in self.chain(root.start))
        out = bytearray()
        for ms in self.chain(start, mini_fat):
            out += container[ms * self.mini_ssz : (ms + 1) * self.mini_ssz]
        return bytes(out[:size])


def root_stream_names(data: bytes) -> list[str]:
    """Names under the root storage, [] when the file is not a readable OLE2 container."""
    try:
        return [e.name for e in OleFile(data).root_children()]
    except (ValueError, struct.error, IndexError):
        return []
