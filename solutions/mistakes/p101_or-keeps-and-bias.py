import numpy as np


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    return 1 if np.sum(w * x) + b > 0 else 0


def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])  # AND의 가중치와 편향을 부호만 뒤집는다
    b = 0.7
    return 1 if np.sum(w * x) + b > 0 else 0


def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7  # AND의 편향을 그대로 썼다
    return 1 if np.sum(w * x) + b > 0 else 0
