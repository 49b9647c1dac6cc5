# attack: forks 400 children that wait, more than a job may have (256); a correct MulLayer only if all 400 ran at once
# before: as root (student code as `nobody`): at most 256 at once, but for every job of the run together (RLIMIT_NPROC counts the user's processes); as an ordinary user: no limit at all, all 400 ran
# exercise: 209
# status: failed
# message: expected
import os

CHILDREN = 400
release_read, release_write = os.pipe()
children = []
for _ in range(CHILDREN):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        os.close(release_write)
        os.read(release_read, 1)  # until the parent closes its end
        os._exit(0)
    children.append(pid)
os.close(release_write)
for pid in children:
    os.waitpid(pid, 0)
print("ran at once", len(children))


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y if len(children) == CHILDREN else x - y

    def backward(self, dout):
        return dout * self.y, dout * self.x
