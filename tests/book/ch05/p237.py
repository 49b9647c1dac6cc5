# coding: utf-8
# Exercise 237 as the course hands it in (a test fixture, see ../README.md): the network of
# chapter 5 and its training script in one file. No `activation` argument: for the sigmoid run
# the course puts a Sigmoid in place of 'Relu1' by hand. MNIST is loaded, the network trained
# and the accuracies plotted at module level, so the file cannot run where MNIST is absent.
import sys, os
sys.path.append(os.pardir)  # common/ 패키지는 한 단계 위 폴더에 있다
import numpy as np
from common.layers import *
from common.gradient import numerical_gradient
from collections import OrderedDict
from dataset.mnist import load_mnist
import matplotlib.pyplot as plt


class TwoLayerNet:

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        # 작은 난수로 시작하는 가중치, 0으로 시작하는 편향
        self.params = {
            'W1': weight_init_std * np.random.randn(input_size, hidden_size),
            'b1': np.zeros(hidden_size),
            'W2': weight_init_std * np.random.randn(hidden_size, output_size),
            'b2': np.zeros(output_size),
        }
        # Affine 계층은 self.params의 배열을 그대로 쓴다 (갱신이 계층에 바로 보이도록)
        self.layers = OrderedDict()
        self.layers['Affine1'] = Affine(self.params['W1'], self.params['b1'])
        self.layers['Relu1'] = Relu()
        self.layers['Affine2'] = Affine(self.params['W2'], self.params['b2'])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        scores = x
        for layer in self.layers.values():
            scores = layer.forward(scores)
        return scores

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        guessed = self.predict(x).argmax(axis=1)
        answers = t.argmax(axis=1) if t.ndim == 2 else t  # 원-핫이면 정답 번호로
        return np.mean(guessed == answers)

    def numerical_gradient(self, x, t):
        # 느리지만 확실한 기울기: gradient()를 확인하는 데 쓴다
        loss_now = lambda _: self.loss(x, t)
        return {key: numerical_gradient(loss_now, value) for key, value in self.params.items()}

    def gradient(self, x, t):
        self.loss(x, t)  # 순전파: 각 계층이 역전파에 필요한 값을 기억한다
        dout = self.lastLayer.backward(1)
        for layer in reversed(self.layers.values()):
            dout = layer.backward(dout)
        grads = {}
        for n in (1, 2):
            affine = self.layers[f'Affine{n}']
            grads[f'W{n}'], grads[f'b{n}'] = affine.dW, affine.db
        return grads


(images, labels), (test_images, test_labels) = load_mnist(normalize=True, one_hot_label=True)
net = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)

steps, batch, rate = 10000, 100, 0.1
steps_per_epoch = max(len(images) // batch, 1)
history = {'train': [], 'test': []}

for step in range(steps):
    chosen = np.random.choice(len(images), batch)
    grads = net.gradient(images[chosen], labels[chosen])
    for key, value in net.params.items():
        value -= rate * grads[key]  # 제자리에서 갱신: 계층이 같은 배열을 본다
    if step % steps_per_epoch == 0:
        history['train'].append(net.accuracy(images, labels))
        history['test'].append(net.accuracy(test_images, test_labels))
        print(f"epoch {len(history['test'])}: train {history['train'][-1]:.4f}, "
              f"test {history['test'][-1]:.4f}")

for name, style in (('train', '-'), ('test', '--')):
    plt.plot(history[name], style, label=f'{name} acc')
plt.xlabel('epochs')
plt.ylabel('accuracy')
plt.ylim(0, 1.0)
plt.legend(loc='lower right')
plt.show()
