def numerical_gradient(f, args, h=1e-4):
    f0 = f(*args)
    nudged = [v + h for v in args]  # 모든 인자를 한꺼번에 움직였다
    grads = []
    for i in range(len(args)):
        grads.append((f(*nudged) - f0) / h)
    return grads
