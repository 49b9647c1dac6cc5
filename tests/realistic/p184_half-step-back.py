# exercise: 184
# mistake: after x + h, "args[i] -= h" goes back to x, not to x - h, so the central difference
#   is divided by 2h over a step of h: every partial derivative is half what it should be
# expect: scaled
def numerical_gradient(f, args, h=1e-4):
    args = list(args)
    grads = []
    for i in range(len(args)):
        args[i] += h
        fxh1 = f(*args)
        args[i] -= h
        fxh2 = f(*args)
        grads.append((fxh1 - fxh2) / (2 * h))
    return grads
