class PlusNode:  # z = x + y
    def forward(self, x, y):
        return x + y

    def backward(self, dz):
        dx, dy = dz, dz  # 계산만 하고 돌려주지 않았다


class MinusNode:  # z = x - y
    def forward(self, x, y):
        return x - y

    def backward(self, dz):
        return dz, -dz


class MulNode:  # z = x * y
    def forward(self, x, y):
        self.x, self.y = x, y  # backward에서 서로의 값이 필요하다
        return x * y

    def backward(self, dz):
        return dz * self.y, dz * self.x
