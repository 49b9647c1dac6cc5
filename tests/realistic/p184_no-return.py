# exercise: 184
# mistake: the list of partial derivatives is built but not returned
# expect: returns-none
def numerical_gradient(f, args, h=1e-4):
    args = list(args)
    grads = []
    for i in range(len(args)):
        tmp = args[i]
        args[i] = tmp + h
        fxh1 = f(*args)
        args[i] = tmp - h
        fxh2 = f(*args)
        args[i] = tmp
        grads.append((fxh1 - fxh2) / (2 * h))
