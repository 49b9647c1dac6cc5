# exercise: 191
# mistake: MulNode.forward keeps neither input
# expect: unset-attribute
class PlusNode:
    def forward(self, x, y):
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
        return x * y

    def backward(self, dz):
        return dz * self.y, dz * self.x
