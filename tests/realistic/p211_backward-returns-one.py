# exercise: 211
# mistake: backward returns dout alone, where the layer has two inputs
# expect: return-count
class AddLayer:
    def __init__(self):
        pass

    def forward(self, x, y):
        return x + y

    def backward(self, dout):
        return dout
