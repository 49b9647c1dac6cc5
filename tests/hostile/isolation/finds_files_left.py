# attack: none: graded after leaves_files.py, by the same warm worker; a correct MulLayer only if nothing that job left is here
# before: failed: it found the files the job before it left
# exercise: 209
# status: passed
# message:
import os

left = [folder for folder in ("/tmp", "/var/tmp", "/dev/shm")
        if os.path.exists(os.path.join(folder, "TOKEN"))]
print("found", left)


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y + len(left)

    def backward(self, dout):
        return dout * self.y, dout * self.x
