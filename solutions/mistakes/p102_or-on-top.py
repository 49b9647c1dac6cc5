from p101 import NAND, OR


def XOR(x1, x2):
    s1 = NAND(x1, x2)  # 1층
    s2 = OR(x1, x2)
    return OR(s1, s2)  # 2층
