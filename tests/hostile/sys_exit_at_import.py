# attack: sys.exit while imported
# exercise: 209
# status: error
# message: SystemExit
import sys

sys.exit(0)
