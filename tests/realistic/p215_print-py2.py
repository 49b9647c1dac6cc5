# exercise: 215
# mistake: Python 2 print
# expect: python2
import numpy as np
from p214 import Relu

x = np.array([[1.0, -0.5], [-2.0, 3.0]])
dout = np.array([[2.0, 3.0], [-3.0, -4.0]])

relu = Relu()
out = relu.forward(x)
print relu.backward(out)
print relu.backward(dout)
