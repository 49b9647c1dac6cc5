"""The grader's version, in its own module: the results, a batch's record and the files the
grader writes name it, and none of them need import the package's `__init__` (which loads the
IPython extension) to read it."""
__version__ = "0.1.0"
