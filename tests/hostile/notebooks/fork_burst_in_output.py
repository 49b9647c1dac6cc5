# attack: an output section that forks 40 sleeping processes (bounded), then prints the right number
# exercise: 210
# status: passed
# message:
# %% [markdown]
# 문제 210
# %%
import os
import time
for _ in range(40):
    try:
        if os.fork() == 0:
            os.execvp("sleep", ["sleep", "987"])
    except OSError:
        break
print(220)
