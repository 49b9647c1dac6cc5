# attack: says on the result channel that it is done before any check ran, then exits: the grader must not judge checks that never reported (they once reached the judges as nothing at all, and the grader crashed)
# exercise: 209
# status: error
# message: exited with code 0
import os

os.write(3, b'{"e": "loaded"}\n{"e": "done"}\n')
os._exit(0)
