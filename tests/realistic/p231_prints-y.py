# exercise: 231
# mistake: prints the softmax output y instead of dx
# expect: prints-y
import numpy as np
from p230 import SoftmaxWithLoss

t = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])  # the answer is class 2
x1 = np.array([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.05, 0.3, 0.1, 0.5])
x2 = np.array([0.01, 0.01, 0.9, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02])

layer1 = SoftmaxWithLoss()
loss1 = layer1.forward(x1, t)
dx1 = layer1.backward()

layer2 = SoftmaxWithLoss()
loss2 = layer2.forward(x2, t)
dx2 = layer2.backward()

print(loss1)
print(layer1.y)
print(loss2)
print(dx2)
