# attack: prints 100 MB
# exercise: 210
# status: error
# message: output
import sys

chunk = "x" * 2**20
for _ in range(100):
    sys.stdout.write(chunk)
print(220)
