# exercise: 217
# mistake: prints the forward output only
# expect: missing-numbers
import numpy as np
from p216 import Sigmoid

x = np.array([[2.0, 4.0], [-0.3, 0.9]])
dout = np.array([[4.0, 2.0], [-0.1, 0.8]])

sigmoid = Sigmoid()
print(sigmoid.forward(x))
sigmoid.backward(dout)
