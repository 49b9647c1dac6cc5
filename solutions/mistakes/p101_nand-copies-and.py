import numpy as np


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    return 1 if np.sum(w * x) + b > 0 else 0


def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])  # AND를 그대로 복사했다
    b = -0.7
    return 1 if np.sum(w * x) + b > 0 else 0


def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2  # AND와 가중치는 같고 편향만 다르다
    return 1 if np.sum(w * x) + b > 0 else 0
