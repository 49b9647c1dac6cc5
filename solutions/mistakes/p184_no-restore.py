def numerical_gradient(f, args, h=1e-4):
    f0 = f(*args)
    grads = []
    for i in range(len(args)):
        args[i] += h  # 움직인 인자를 되돌려 놓지 않았다
        grads.append((f(*args) - f0) / h)
    return grads
