# attack: none; a syntax error
# exercise: 209
# status: error
# message: SyntaxError
class MulLayer:
    def forward(self, x, y)
        return x * y
