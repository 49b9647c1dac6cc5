"""A Jupyter notebook: given to `grader check`, graded first, on the exercises its sections
hold, with the folder it works in (its data, the book's `common/`); in a class, one student's
whole submission (`alice.ipynb` is alice's), copied alone into a scratch folder so that nothing
beside it, another student's work least of all, is read with it."""
from __future__ import annotations

import shutil

from .base import Opened, Opener, one_file, read_job, scratch


class Notebook(Opener):
    def open(self, path, stack, *, alone=False, name=None, workdir=None, kernel=None) -> Opened:
        if not alone:
            return one_file(path, name, kernel)
        copy = scratch(stack, workdir)
        shutil.copyfile(path, copy / path.name)
        return Opened(read_job(copy, name or self.entry_name(path), kernel=kernel), path.parent)


OPENER = Notebook("notebook", rank=40,
                  words=(("en", "a notebook (.ipynb)"), ("ko", "노트북(.ipynb)")),
                  suffixes=(".ipynb",), in_a_class=True)
