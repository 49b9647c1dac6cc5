# attack: a segmentation fault
# exercise: 209
# status: error
# message: SIGSEGV
import ctypes


class MulLayer:
    def forward(self, x, y):
        return ctypes.string_at(0)

    def backward(self, dout):
        return dout, dout
