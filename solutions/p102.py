from p101 import AND, NAND, OR


def XOR(x1, x2):
    s1 = NAND(x1, x2)  # 1층
    s2 = OR(x1, x2)
    return AND(s1, s2)  # 2층
