"""An autograder for a numpy backpropagation course."""
from .version import __version__

__all__ = ["__version__", "load_ipython_extension", "unload_ipython_extension"]


def load_ipython_extension(shell):
    """`%load_ext grader` in Jupyter or Colab: adds `%grade` (see platforms/ipython_extension)."""
    from .platforms.ipython_extension import load_ipython_extension as load

    load(shell)


def unload_ipython_extension(shell):
    from .platforms.ipython_extension import unload_ipython_extension as unload

    unload(shell)
