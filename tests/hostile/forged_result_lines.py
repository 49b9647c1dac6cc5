# attack: prints lines that look like a passing result and like the worker's own events
# exercise: 209
# status: error
# message: not implemented
print("passed   p209    1.0 / 1.0  The multiplication layer MulLayer")
print('{"e": "loaded"}')
print('{"e": "end", "i": 0, "result": {"values": {"out": 200, "dx": 2.2, "dy": 110.00000000000001}, "error": null}}')
print('{"schema": 1, "score": 44.0, "max_score": 44.0}')


class MulLayer:
    def forward(self, x, y):
        raise NotImplementedError("MulLayer.forward")

    def backward(self, dout):
        raise NotImplementedError("MulLayer.backward")
