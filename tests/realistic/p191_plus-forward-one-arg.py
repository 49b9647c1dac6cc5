# exercise: 191
# mistake: PlusNode.forward takes the two inputs as one tuple
# expect: signature
class PlusNode:
    def forward(self, xy):
        x, y = xy
        return x + y

    def backward(self, dz):
        return dz, dz


class MinusNode:
    def forward(self, x, y):
        return x - y

    def backward(self, dz):
        return dz, -dz


class MulNode:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dz):
        return dz * self.y, dz * self.x
