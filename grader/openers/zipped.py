"""A zip file: unpacked into a scratch folder, and refused whole when any member is unsafe: a
path that leaves the folder, a link, a device, encryption, or sizes past the limits (counted
while reading, not trusted from the archive's header). A zipped folder is gone into. The same
for `grader check FILE.zip` and for a student's zip in a class.
"""
from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

from .base import Opened, Opener, Refused, read_job, scratch, submission_root

ZIP_MAX_MEMBERS = 2000
ZIP_MAX_FILE_BYTES = 8 * 2**20
ZIP_MAX_TOTAL_BYTES = 64 * 2**20

TEXTS = {
    "zip_members": {"en": "the zip file holds {count} entries, over {limit}",
                    "ko": "zip 파일에 항목이 {count}개 있어 한도 {limit}개를 넘습니다"},
    "zip_size": {"en": "{member}: the zip file unpacks to more than {total} MB, or a file to more "
                       "than {file} MB",
                 "ko": "{member}: zip 파일을 풀면 {total} MB를 넘거나, 파일 하나가 {file} MB를 "
                       "넘습니다"},
    "zip_unreadable": {"en": "not a readable zip file ({error})",
                       "ko": "읽을 수 있는 zip 파일이 아닙니다 ({error})"},
    "zip_twice": {"en": "the zip file holds {name} twice",
                  "ko": "zip 파일에 {name}이(가) 두 번 들어 있습니다"},
    "zip_failed": {"en": "the zip file could not be unpacked ({error})",
                   "ko": "zip 파일을 풀 수 없습니다 ({error})"},
    "zip_outside": {"en": "{member}: a path outside the submission folder",
                    "ko": "{member}: 제출 폴더 밖을 가리키는 경로입니다"},
    "zip_link": {"en": "{member}: a symbolic link", "ko": "{member}: 심볼릭 링크입니다"},
    "zip_special": {"en": "{member}: not a regular file", "ko": "{member}: 일반 파일이 아닙니다"},
    "zip_encrypted": {"en": "{member}: encrypted", "ko": "{member}: 암호화되어 있습니다"},
}
"""why a zip is refused, key -> {en, ko}"""


class Zip(Opener):
    def open(self, path, stack, *, alone=False, name=None, workdir=None, kernel=None) -> Opened:
        unpacked = scratch(stack, workdir)
        extract_zip(path, unpacked)
        return Opened(read_job(submission_root(unpacked), name or path.stem, kernel=kernel),
                      path.parent)


OPENER = Zip("zip", rank=30, words=(("en", "a zip"), ("ko", "zip")), suffixes=(".zip",),
             in_a_class=True)


def extract_zip(archive: Path, target: Path) -> None:
    """Unpack a student's zip, or raise Refused without writing anything outside `target`."""
    try:
        with zipfile.ZipFile(archive) as z:
            members = z.infolist()
            if len(members) > ZIP_MAX_MEMBERS:
                raise Refused("zip_members", TEXTS, count=len(members), limit=ZIP_MAX_MEMBERS)
            plan = [(m, _member_path(m)) for m in members]
            total = 0
            for member, parts in plan:
                destination = target.joinpath(*parts) if parts else target
                if member.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with z.open(member) as source, open(destination, "xb") as sink:
                    written = 0
                    while chunk := source.read(65536):
                        written += len(chunk)
                        total += len(chunk)
                        if written > ZIP_MAX_FILE_BYTES or total > ZIP_MAX_TOTAL_BYTES:
                            raise Refused("zip_size", TEXTS, member=member.filename,
                                          total=ZIP_MAX_TOTAL_BYTES // 2**20,
                                          file=ZIP_MAX_FILE_BYTES // 2**20)
                        sink.write(chunk)
    except Refused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            EOFError, ValueError) as e:
        raise Refused("zip_unreadable", TEXTS, error=str(e)) from None
    except FileExistsError as e:
        raise Refused("zip_twice", TEXTS, name=Path(e.filename).name) from None
    except OSError as e:
        raise Refused("zip_failed", TEXTS, error=e.strerror or str(e)) from None


def _member_path(member: zipfile.ZipInfo) -> tuple[str, ...]:
    name = member.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (parts and ":" in parts[0]) or ".." in parts:
        raise Refused("zip_outside", TEXTS, member=member.filename)
    mode = member.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        raise Refused("zip_link", TEXTS, member=member.filename)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise Refused("zip_special", TEXTS, member=member.filename)
    if member.flag_bits & 0x1:
        raise Refused("zip_encrypted", TEXTS, member=member.filename)
    return tuple(p for p in parts if p not in ("", "."))
