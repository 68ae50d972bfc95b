"""The notebook's numpy code, timed in-process for `npm run bench` (python3 with numpy).

Reads tasks from stdin in bench/tasks.ts's text form. T1 runs the notebook's own `backpropagation`
function verbatim; any other task runs the same code grown to hidden layers and bias (still
full-batch, sse, sgd, sigmoid, weights from np.random.seed). Prints one line per task:
    name median_ns_per_run epochs w... (every weight then bias, layer by layer)
Times come from time.perf_counter around the training call alone, so Python's start-up and
numpy's import are not counted.
"""

import sys
import time

import numpy as np


# --- the notebook, verbatim -------------------------------------------------------------------
def sigmoid(x):
    # Sigmoid activation function
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    # Derivative of the sigmoid function
    return x * (1 - x)


def backpropagation(X, y, learning_rate, num_iterations):
    # Randomly initialize weights
    np.random.seed(0)
    weights = 2 * np.random.random((3, 1)) - 1

    for i in range(num_iterations):
        # Forward propagation
        layer0 = X
        layer1 = sigmoid(np.dot(layer0, weights))

        # Calculate the error
        error = y - layer1

        # Backpropagation
        delta = error * sigmoid_derivative(layer1)
        weights += learning_rate * np.dot(layer0.T, delta)

    return weights


# --- the same code with hidden layers and bias -------------------------------------------------
def backpropagation_layers(X, y, sizes, bias, seed, learning_rate, num_iterations):
    np.random.seed(seed)
    weights, biases = [], []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        weights.append(2 * np.random.random((fan_in, fan_out)) - 1)
        biases.append(2 * np.random.random((1, fan_out)) - 1 if bias else None)

    for i in range(num_iterations):
        layers = [X]
        for W, b in zip(weights, biases):
            z = np.dot(layers[-1], W)
            layers.append(sigmoid(z + b if b is not None else z))

        error = y - layers[-1]
        delta = error * sigmoid_derivative(layers[-1])
        for k in reversed(range(len(weights))):
            below = np.dot(delta, weights[k].T) * sigmoid_derivative(layers[k]) if k > 0 else None
            weights[k] += learning_rate * np.dot(layers[k].T, delta)
            if biases[k] is not None:
                biases[k] += learning_rate * delta.sum(axis=0, keepdims=True)
            delta = below

    return [array for pair in zip(weights, biases) for array in pair if array is not None]


def read_tasks(text):
    words = text.split()
    at = 0
    while at < len(words):
        name, epochs, lr, seed, bias, repeats, layer_count = words[at : at + 7]
        at += 7
        sizes = [int(w) for w in words[at : at + int(layer_count) + 1]]
        at += len(sizes)
        rows = int(words[at])
        at += 1
        inputs = np.array([float(w) for w in words[at : at + rows * sizes[0]]]).reshape(rows, sizes[0])
        at += rows * sizes[0]
        targets = np.array([float(w) for w in words[at : at + rows * sizes[-1]]]).reshape(rows, sizes[-1])
        at += rows * sizes[-1]
        yield name, int(epochs), float(lr), int(seed), bias == "1", int(repeats), sizes, inputs, targets


def main():
    for name, epochs, lr, seed, bias, repeats, sizes, X, y in read_tasks(sys.stdin.read()):
        if name == "T1":
            # The notebook's arrays are integer; its function is fixed to seed 0 and 3 inputs.
            X, y = X.astype(int), y.astype(int)
            run = lambda: [backpropagation(X, y, learning_rate=lr, num_iterations=epochs)]
        else:
            run = lambda: backpropagation_layers(X, y, sizes, bias, seed, lr, epochs)
        result = run()  # warm-up
        times = []
        for _ in range(min(repeats, 5)):
            start = time.perf_counter()
            result = run()
            times.append((time.perf_counter() - start) * 1e9)
        times.sort()
        flat = " ".join(repr(float(w)) for array in result for w in array.ravel())
        print(name, repr(times[len(times) // 2]), epochs, flat, flush=True)


if __name__ == "__main__":
    main()
