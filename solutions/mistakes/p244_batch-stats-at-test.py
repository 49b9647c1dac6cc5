import numpy as np


class BatchNormalization:
    """Normalises each feature over the batch to mean 0 and variance 1, then scales by gamma and
    shifts by beta. While training it uses the batch's statistics and keeps running averages of
    them; at test time it uses those averages."""

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.running_mean = running_mean
        self.running_var = running_var
        self.xn = None
        self.std = None
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        # BEGIN SOLUTION
        if self.running_mean is None:  # the averages start at zero, one per feature
            self.running_mean = np.zeros(x.shape[1])
            self.running_var = np.zeros(x.shape[1])
        if train_flg:
            mean = x.mean(axis=0)
            var = ((x - mean) ** 2).mean(axis=0)
            keep = self.momentum
            self.running_mean = keep * self.running_mean + (1 - keep) * mean
            self.running_var = keep * self.running_var + (1 - keep) * var
        else:
            mean, var = x.mean(axis=0), x.var(axis=0)
        self.std = np.sqrt(var + 1e-7)
        self.xn = (x - mean) / self.std
        return self.gamma * self.xn + self.beta
        # END SOLUTION

    def backward(self, dout):
        # BEGIN SOLUTION
        self.dbeta = dout.sum(axis=0)
        self.dgamma = (self.xn * dout).sum(axis=0)
        dxn = self.gamma * dout
        # the batch's mean and variance depend on every row: their share comes off each row
        return (dxn - dxn.mean(axis=0) - self.xn * (dxn * self.xn).mean(axis=0)) / self.std
        # END SOLUTION
