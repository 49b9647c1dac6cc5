"""An autograder for a numpy backpropagation course."""
__version__ = "0.1.0"


def load_ipython_extension(shell):
    """`%load_ext grader` in Jupyter or Colab: adds `%grade` (see platforms/ipython_extension)."""
    from .platforms.ipython_extension import load_ipython_extension as load

    load(shell)


def unload_ipython_extension(shell):
    from .platforms.ipython_extension import unload_ipython_extension as unload

    unload(shell)
