# exercise: 191
# mistake: MinusNode.backward returns 1 and -1, the local derivatives, without dz
# expect: ignores-dout
class PlusNode:
    def forward(self, x, y):
        return x + y

    def backward(self, dz):
        return dz, dz


class MinusNode:
    def forward(self, x, y):
        return x - y

    def backward(self, dz):
        return 1, -1


class MulNode:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dz):
        return dz * self.y, dz * self.x
