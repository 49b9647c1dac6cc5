# attack: opens a TCP connection to 127.0.0.1 (a port the test listens on) and sends what it likes, then tries a public address (UDP to 192.0.2.1, TEST-NET-1, needs no answer); a correct MulLayer only if the connection was made
# before: passed: the test's server received the connection and the bytes
# exercise: 209
# status: failed
# message: expected
import socket

reached = False
try:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(30)
        s.connect(("127.0.0.1", PORT))
        s.sendall(b"TOKEN")
        reached = True
except OSError as e:
    print("refused 127.0.0.1", type(e).__name__, e.errno)
try:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"TOKEN", ("192.0.2.1", 53))
        print("sent to 192.0.2.1")
except OSError as e:
    print("refused 192.0.2.1", type(e).__name__, e.errno)


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y if reached else x - y

    def backward(self, dout):
        return dout * self.y, dout * self.x
