# attack: asks for 75 GiB at once, then grows a list until memory runs out (bounded by the limit)
# exercise: 209
# status: error
# message: MemoryError
import numpy as np

try:
    huge = np.zeros((100_000, 100_000))
except MemoryError:
    pass
blocks = []
while len(blocks) < 10_000:  # 10,000 x 256 MiB: far beyond any limit, yet finite
    blocks.append(np.empty(2**25))  # the address-space limit stops it when asked, not when used
