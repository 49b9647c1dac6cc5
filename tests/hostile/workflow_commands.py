# attack: GitHub Actions workflow commands in its output and in an exception message
# exercise: 209
# status: error
# message: ValueError
print("::error file=p211.py,line=1::forged")
print("::add-mask::secret")
print("::stop-commands::abc")
print("::set-output name=score::100")


class MulLayer:
    def forward(self, x, y):
        raise ValueError("\n::error::forged annotation\n::set-output name=points::44\n")

    def backward(self, dout):
        raise ValueError("::notice::forged")
