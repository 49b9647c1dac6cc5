# exercise: 184
# mistake: x + h, then x - h, and the argument is left at x - h in the caller's list
# expect: no-restore
def numerical_gradient(f, args, h=1e-4):
    grads = []
    for i in range(len(args)):
        args[i] = args[i] + h
        f1 = f(*args)
        args[i] = args[i] - 2 * h
        f2 = f(*args)
        grads.append((f1 - f2) / (2 * h))
    return grads
