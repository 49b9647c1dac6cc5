# attack: leaves files in /tmp, /var/tmp and /dev/shm, and writes up to 96 MiB into /dev/shm (where the grader keeps its working copies), in files of 16 MiB (the most a job may write to one file), and leaves them there
# before: the files outlived the job (a later job found them; filling /dev/shm gave every later student "No space left")
# exercise: 209
# status: failed
# message: expected
import os

for folder in ("/tmp", "/var/tmp", "/dev/shm"):
    try:
        with open(os.path.join(folder, "TOKEN"), "w") as f:
            f.write("left behind")
    except OSError as e:
        print("refused", folder, type(e).__name__)
written = 0
try:
    block = b"\0" * 2**20
    while written < 96:
        with open(f"/dev/shm/TOKEN-fill-{written // 16}", "ab") as f:
            f.write(block)
        written += 1
except OSError as e:
    print("stopped", type(e).__name__, e.errno)
print("wrote MiB", written)


class MulLayer:
    def forward(self, x, y):
        return x - y

    def backward(self, dout):
        return dout, dout
