def numerical_gradient(f, args, h=1e-4):
    args = list(args)
    grads = []
    for i in range(len(args)):
        original = args[i]
        args[i] = original + h  # 한 번에 인자 하나만 조금 움직인다
        f_plus = f(*args)
        args[i] = original - h
        f_minus = f(*args)
        args[i] = original  # 되돌려 놓는다
        grads.append((f_plus - f_minus) / (2 * h))  # 중앙 차분
    return grads
