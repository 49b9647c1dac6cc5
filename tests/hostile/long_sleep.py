# attack: a long sleep at import
# exercise: 209
# status: timeout
# message: did not finish loading
import time

time.sleep(3600)
