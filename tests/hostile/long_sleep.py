# attack: a long sleep at import
# exercise: 209
# status: timeout
# message: did not finish loading
# timeout-scale: 0.2
import time

time.sleep(3600)
