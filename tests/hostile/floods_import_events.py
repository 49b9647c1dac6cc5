# attack: floods the result pipe with the worker's own "importing" events, then works correctly
# exercise: 210
# status: passed
# message:
import os

for _ in range(50_000):
    os.write(3, b'{"e": "importing", "module": "p211"}\n')
print(220)
