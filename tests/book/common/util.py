# Small helpers for the layers. (A test fixture in the book's layout; see tests/book/README.md.)


def as_matrix(x):
    """A batch of any shape (images, say) as one row per sample."""
    return x.reshape(x.shape[0], -1)
