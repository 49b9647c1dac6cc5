# exercise: 184
# mistake: each argument is nudged in the caller's list and never put back (forward difference)
# expect: no-restore
def numerical_gradient(f, args, h=1e-4):
    grads = []
    for i in range(len(args)):
        fx = f(*args)
        args[i] += h
        fxh = f(*args)
        grads.append((fxh - fx) / h)
    return grads
