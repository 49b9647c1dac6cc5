# exercise: 184
# mistake: xrange, which Python 3 calls range
# expect: python2
def numerical_gradient(f, args, h=1e-4):
    args = list(args)
    grads = []
    for i in xrange(len(args)):
        tmp = args[i]
        args[i] = tmp + h
        fxh1 = f(*args)
        args[i] = tmp - h
        fxh2 = f(*args)
        args[i] = tmp
        grads.append((fxh1 - fxh2) / (2 * h))
    return grads
