"""What the hostile repositories' `arm` functions share (not an attack itself)."""
import subprocess

HOOKS = ("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-checkout",
         "post-merge", "post-rewrite", "reference-transaction", "post-index-change",
         "fsmonitor-watchman", "pre-auto-gc", "push-to-checkout")
"""hooks that git runs on its own (a commit, a checkout, a ref update, an index change)"""


def git_run(git, *args: str) -> str:
    return subprocess.run(["git", f"--git-dir={git}", *args], check=True, capture_output=True,
                          text=True, env={"GIT_CONFIG_GLOBAL": "/dev/null", "PATH": "/usr/bin:/bin",
                                          "GIT_CONFIG_NOSYSTEM": "1"}).stdout.strip()


def config(git, key: str, value: str) -> None:
    git_run(git, "config", key, value)


def drop_head_commit(git) -> None:
    """Remove HEAD's commit object: what a partial clone lacks, and fetches when asked for it."""
    sha = git_run(git, "rev-parse", "HEAD")
    (git / "objects" / sha[:2] / sha[2:]).unlink()


def sign_head(git) -> None:
    """Replace HEAD by a copy of its commit carrying a (bogus) PGP signature, same time."""
    commit = git_run(git, "cat-file", "commit", "HEAD")
    header, _, message = commit.partition("\n\n")
    signed = (f"{header}\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n AAAA\n"
              f" -----END PGP SIGNATURE-----\n\n{message}\n")
    sha = subprocess.run(["git", f"--git-dir={git}", "hash-object", "-t", "commit", "-w",
                          "--stdin"], input=signed, check=True, capture_output=True,
                         text=True).stdout.strip()
    git_run(git, "update-ref", "HEAD", sha)
