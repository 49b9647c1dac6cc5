# attack: kills its parent, the grader's warm worker (in a pid namespace of its own, the job's parent is out of its sight: getppid() is 0, and kill(0, SIGKILL) ends its own process group)
# exercise: 209
# status: error
# message: MulLayer
# isolated: killed by SIGKILL
import os
import signal

try:
    os.kill(os.getppid(), signal.SIGKILL)
except OSError:
    pass
