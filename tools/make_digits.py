"""How grader/data/digits.npz was made (run once; not needed at grade time).

Source: the UCI "Optical Recognition of Handwritten Digits" data (E. Alpaydin, C. Kaynak, 1998;
CC BY 4.0), in the copy that scikit-learn ships as sklearn/datasets/data/digits.csv.gz: 1,797
images of 8x8 pixels with values 0..16, and their labels. Usage:

    pip download --no-deps --only-binary=:all: scikit-learn -d /tmp/skl
    unzip -o /tmp/skl/scikit_learn-*.whl 'sklearn/datasets/data/digits.csv.gz' -d /tmp/skl
    python tools/make_digits.py /tmp/skl/sklearn/datasets/data/digits.csv.gz

Pixels stay integers 0..16 (the grader scales them to [0, 1]); a fixed shuffle splits 1,437
training and 360 test images.
"""
import gzip
import sys
from pathlib import Path

import numpy as np

source = Path(sys.argv[1])
with gzip.open(source, "rt") as f:
    data = np.loadtxt(f, delimiter=",", dtype=np.int64)
images, labels = data[:, :64].astype(np.uint8), data[:, 64].astype(np.uint8)
order = np.random.default_rng(0).permutation(len(labels))
images, labels = images[order], labels[order]
split = 1437
target = Path(__file__).resolve().parent.parent / "grader" / "data" / "digits.npz"
np.savez_compressed(target, x_train=images[:split], t_train=labels[:split],
                    x_test=images[split:], t_test=labels[split:])
print(f"{target}: {split} train, {len(labels) - split} test, {target.stat().st_size} bytes")
