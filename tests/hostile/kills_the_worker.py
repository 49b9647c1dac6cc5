# attack: kills its parent, the grader's warm worker
# exercise: 209
# status: error
# message: MulLayer
import os
import signal

try:
    os.kill(os.getppid(), signal.SIGKILL)
except OSError:
    pass
