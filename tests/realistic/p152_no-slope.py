# exercise: 152
# mistake: no sigmoid derivative in the update
# expect: no-slope
import numpy as np


def sigmoid(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, iterations):
    np.random.seed(1)
    syn0 = np.random.random_sample((3, 1))
    for _ in range(iterations):
        l1 = sigmoid(X @ syn0)  # 순전파
        l1_delta = y - l1  # 오차 × 기울기
        syn0 += X.T @ l1_delta  # 가중치 갱신
    return syn0, l1
