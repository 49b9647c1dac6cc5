# exercise: 191
# mistake: MinusNode.backward gives -dz to x and dz to y
# expect: wrong-sign, minus-dy-sign, other-order
class PlusNode:
    def forward(self, x, y):
        return x + y

    def backward(self, dz):
        return dz, dz


class MinusNode:
    def forward(self, x, y):
        return x - y

    def backward(self, dz):
        return -dz, dz


class MulNode:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dz):
        return dz * self.y, dz * self.x
