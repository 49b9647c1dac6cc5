# attack: an output section that ends its process with os._exit
# exercise: 210
# status: error
# message: exited with code 3
# %% [markdown]
# # 문제 210
# %%
import os
print(220)
os._exit(3)
