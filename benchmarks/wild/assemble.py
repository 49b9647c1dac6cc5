"""Build the wild corpus (issue 19) from clones of the learners' repositories.

The corpus is learners' own chapter-5 work, taken from public study repositories; none of it is
the project's to ship, so the tree holds only `manifest.yaml` (repository, commit, which paths
become which files of the submission) and this script, which assembles each submission into an
ignored folder:

    python benchmarks/wild/assemble.py --clones DIR [--out .cache/wild]

DIR holds the repositories as git clones or bare mirrors, under any of these names:
`DIR/owner+name/repo` (what the search tool's `fetch` leaves in /work/.mirror),
`DIR/owner/name`, `DIR/owner+name` or `DIR/name`. Files are read from the manifest's commit
with `git show`, so a clone at another commit still gives the same corpus (a missing commit is
an error, named). Only file names change, and import lines where the new names need it (an
`imports:` entry must replace text inside an `import` or `from ... import` line): the learners'
code is kept as written.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MANIFEST = HERE / "manifest.yaml"
DEFAULT_OUT = ROOT / ".cache" / "wild"
GIT = ["git", "-c", "core.fsmonitor=false", "-c", "protocol.allow=never"]
"""git only reads objects here: no hooks run for show/ls-tree, and nothing may be fetched"""


def load_manifest(path: Path = MANIFEST) -> list[dict]:
    """The manifest's submissions, each checked for the fields this script and wild.py read."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data["submissions"]
    names = [e["name"] for e in entries]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise SystemExit(f"manifest: names used twice: {', '.join(sorted(duplicates))}")
    for entry in entries:
        for key in ("name", "repo", "commit", "files", "expect"):
            if key not in entry:
                raise SystemExit(f"manifest: {entry.get('name', '?')} has no {key!r}")
    return entries


def git_dir(clones: Path, repo: str) -> Path | None:
    """Where the clone of `repo` is under `clones`, as a git directory, or None."""
    owner, name = repo.split("/", 1)
    for base in (clones / f"{owner}+{name}" / "repo", clones / owner / name,
                 clones / f"{owner}+{name}", clones / name):
        for candidate in (base / ".git", base):
            if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
                return candidate
    return None


def git(gitdir: Path, *args: str) -> bytes:
    return subprocess.run([*GIT, f"--git-dir={gitdir}", *args], check=True,
                          capture_output=True).stdout


def blobs(gitdir: Path, commit: str, path: str) -> list[tuple[str, str]]:
    """(path in the repository, path below `path`) of every file at `path` (a file or a folder)."""
    listing = git(gitdir, "ls-tree", "-r", "-z", "--full-tree", commit, "--", path)
    found = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, name = record.split(b"\t", 1)
        if meta.split()[1] != b"blob":
            continue  # a submodule
        name_ = name.decode("utf-8", "surrogateescape")
        rest = name_[len(path):].lstrip("/") if name_ != path else ""
        if "__pycache__" in rest.split("/") or rest.endswith(".pyc"):
            continue  # compiled files are not the learner's handing in
        found.append((name_, rest))
    return found


def adapt_imports(text: str, replacements: dict[str, str], where: str) -> str:
    """The learner's text with import lines adapted to the submission's file names."""
    lines = text.splitlines(keepends=True)
    for old, new in replacements.items():
        hits = [i for i, line in enumerate(lines) if old in line]
        if not hits:
            raise SystemExit(f"{where}: {old!r} is not in the file")
        for i in hits:
            stripped = lines[i].lstrip()
            if not (stripped.startswith("from ") or stripped.startswith("import ")
                    or '"from ' in stripped or '"import ' in stripped):
                raise SystemExit(f"{where}: {old!r} is on a line that is no import: "
                                 f"{lines[i].strip()!r}")
            lines[i] = lines[i].replace(old, new)
    return "".join(lines)


def assemble(entry: dict, clones: Path, out: Path) -> Path:
    """Write one submission into `out/<name>` and return that folder."""
    gitdir = git_dir(clones, entry["repo"])
    if gitdir is None:
        raise SystemExit(f"{entry['name']}: no clone of {entry['repo']} under {clones}")
    try:
        git(gitdir, "cat-file", "-e", f"{entry['commit']}^{{commit}}")
    except subprocess.CalledProcessError:
        raise SystemExit(f"{entry['name']}: the clone of {entry['repo']} at {gitdir} lacks "
                         f"commit {entry['commit']}") from None
    folder = out / entry["name"]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    imports = entry.get("imports") or {}
    for destination, source in entry["files"].items():
        found = blobs(gitdir, entry["commit"], source)
        if not found:
            raise SystemExit(f"{entry['name']}: {source} is not in {entry['repo']} "
                             f"at {entry['commit'][:10]}")
        for repo_path, rest in found:
            target = folder / destination / rest if rest else folder / destination
            target.parent.mkdir(parents=True, exist_ok=True)
            data = git(gitdir, "show", f"{entry['commit']}:{repo_path}")
            relative = target.relative_to(folder).as_posix()
            if relative in imports:
                text = data.decode("utf-8")
                data = adapt_imports(text, imports[relative],
                                     f"{entry['name']}/{relative}").encode("utf-8")
            target.write_bytes(data)
    unknown = set(imports) - {p.relative_to(folder).as_posix()
                              for p in folder.rglob("*") if p.is_file()}
    if unknown:
        raise SystemExit(f"{entry['name']}: imports: for files not in the submission: "
                         f"{', '.join(sorted(unknown))}")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clones", type=Path, required=True,
                        help="folder of git clones or mirrors of the manifest's repositories")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--only", help="comma list of submission names")
    args = parser.parse_args(argv)
    entries = load_manifest(args.manifest)
    if args.only:
        wanted = set(args.only.split(","))
        entries = [e for e in entries if e["name"] in wanted]
    for entry in entries:
        folder = assemble(entry, args.clones, args.out)
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        print(f"{entry['name']:<28} {entry['repo']} @ {entry['commit'][:10]}: {files} files")
    print(f"{len(entries)} submissions in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
