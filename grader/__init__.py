"""An autograder for a numpy backpropagation course."""
__version__ = "0.1.0"
