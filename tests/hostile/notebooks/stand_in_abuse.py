# attack: uses a stand-in for a skipped import every way it can, at module level of an API section
# exercise: 209
# status: error
# message: not available
# %%
import matplotlib.pyplot as plt
# %% [markdown]
# # 문제 209
# %%
class MulLayer:
    figure = plt.figure()

    def forward(self, x, y):
        return x * y
