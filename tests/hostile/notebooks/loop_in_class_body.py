# attack: a notebook whose section's class body never ends (class bodies run when the section loads)
# exercise: 209
# status: timeout
# message: did not finish loading
# timeout-scale: 0.2
# %% [markdown]
# ## 문제 209
# %%
class MulLayer:
    while True:
        pass
