def numerical_gradient(f, args, h=1e-4):
    args = list(args)
    grads = []
    for i in range(len(args)):
        original = args[i]
        f0 = f(*args)
        args[i] = original + h
        grads.append(f(*args) - f0)  # h로 나누지 않았다
        args[i] = original
    return grads
