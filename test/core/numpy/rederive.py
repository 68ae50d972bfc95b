# Re-derives the core's training in numpy, straight from the README's definitions, and writes
# rederive.json: the requests and the weights numpy ends with. test/core/rederive.test.ts checks
# that the core agrees. Run (Debian python3-numpy): python3 test/core/numpy/rederive.py >
#   test/core/numpy/rederive.json && npx biome format --write test/core/numpy/rederive.json
import json
import numpy as np

ACT = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "linear": lambda z: z,
}
SLOPE = {  # act' written from the output y
    "sigmoid": lambda y: y * (1 - y),
    "tanh": lambda y: 1 - y * y,
    "relu": lambda y: np.where(y > 0, 1.0, 0.0),
    "leaky_relu": lambda y: np.where(y > 0, 1.0, 0.01),
    "linear": lambda y: np.ones_like(y),
}


def train(request):
    table, network, training = request["table"], request["network"], request["training"]
    X = np.array(table["inputs"], dtype=float)
    T = np.array(table["targets"], dtype=float)
    n = len(X)
    acts = [h["activation"] for h in network["hidden"]] + [network["output"]]
    sizes = [X.shape[1]] + [h["units"] for h in network["hidden"]] + [T.shape[1]]
    bias = network.get("bias", True)
    init = training.get("init", "uniform")
    np.random.seed(training.get("seed", 0))
    W, b = [], []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        draw = 2 * np.random.random((fan_in, fan_out)) - 1
        if init == "uniform":
            W.append(draw)
            b.append(2 * np.random.random((1, fan_out)) - 1 if bias else np.zeros((1, fan_out)))
        else:
            scale = np.sqrt(6 / (fan_in + fan_out)) if init == "xavier" else np.sqrt(6 / fan_in)
            W.append(draw * scale)
            b.append(np.zeros((1, fan_out)))
    loss = training.get("loss", "mse")
    optimizer = training.get("optimizer", "sgd")
    lr, mu = training["learningRate"], training.get("momentum", 0.9)
    batch = training.get("batchSize", n)
    reg = training.get("regularization")
    vW = [np.zeros_like(w) for w in W]; vb = [np.zeros_like(x) for x in b]
    mW = [np.zeros_like(w) for w in W]; mb = [np.zeros_like(x) for x in b]
    b1, b2, eps, b1t, b2t = 0.9, 0.999, 1e-8, 1.0, 1.0
    order = np.arange(n)
    for _ in range(training["epochs"]):
        if batch < n:
            np.random.shuffle(order)
        for start in range(0, n, batch):
            rows = order[start:start + batch]
            a = [X[rows]]
            for w, c, name in zip(W, b, acts):
                a.append(ACT[name](a[-1] @ w + c if bias else a[-1] @ w))
            y, t = a[-1], T[rows]
            count = y.size
            scale = 1.0 if loss == "sse" else 2 / count if loss == "mse" else 1 / count
            delta = (y - t) * scale
            if loss != "bce":
                delta = delta * SLOPE[acts[-1]](y)
            gW, gb = [None] * len(W), [None] * len(W)
            for l in reversed(range(len(W))):
                gW[l] = a[l].T @ delta
                gb[l] = delta.sum(axis=0, keepdims=True)
                if l > 0:
                    delta = (delta @ W[l].T) * SLOPE[acts[l - 1]](a[l])
            if reg:
                for l in range(len(W)):
                    gW[l] = gW[l] + reg["rate"] * (np.sign(W[l]) if reg["kind"] == "l1" else W[l])
            if optimizer == "adam":
                b1t *= b1; b2t *= b2
            for l in range(len(W)):
                pairs = [(W, gW, vW, mW)] + ([(b, gb, vb, mb)] if bias else [])
                for P, G, V, M in pairs:
                    if optimizer == "sgd":
                        P[l] = P[l] - lr * G[l]
                    elif optimizer == "momentum":
                        V[l] = mu * V[l] - lr * G[l]
                        P[l] = P[l] + V[l]
                    else:
                        V[l] = b1 * V[l] + (1 - b1) * G[l]
                        M[l] = b2 * M[l] + (1 - b2) * (G[l] * G[l])
                        P[l] = P[l] - lr * (V[l] / (1 - b1t)) / (np.sqrt(M[l] / (1 - b2t)) + eps)
    return [x for l in range(len(W)) for x in list(W[l].ravel()) + (list(b[l].ravel()) if bias else [])]


bits3 = [[(r >> 2) & 1, (r >> 1) & 1, r & 1] for r in range(8)]
full_adder = [[sum(r) % 2, int(sum(r) >= 2)] for r in bits3]
xor = {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]}
cases = [
    {"table": {"inputs": bits3, "targets": full_adder},
     "network": {"hidden": [{"units": 5, "activation": "tanh"}], "output": "sigmoid", "bias": True},
     "training": {"epochs": 60, "learningRate": 0.3, "seed": 7, "loss": "mse", "optimizer": "momentum",
                  "batchSize": 3, "init": "xavier", "regularization": {"kind": "l2", "rate": 0.001}}},
    {"table": {"inputs": bits3, "targets": full_adder},
     "network": {"hidden": [{"units": 4, "activation": "sigmoid"}, {"units": 3, "activation": "tanh"}],
                 "output": "sigmoid", "bias": True},
     "training": {"epochs": 40, "learningRate": 0.05, "seed": 4294967295, "loss": "bce", "optimizer": "adam",
                  "batchSize": 2, "init": "he", "regularization": {"kind": "l1", "rate": 0.0005}}},
    {"table": xor,
     "network": {"hidden": [{"units": 4, "activation": "relu"}], "output": "linear", "bias": True},
     "training": {"epochs": 50, "learningRate": 0.05, "seed": 3, "loss": "sse", "optimizer": "sgd"}},
    {"table": xor,
     "network": {"hidden": [{"units": 3, "activation": "leaky_relu"}], "output": "sigmoid", "bias": False},
     "training": {"epochs": 30, "learningRate": 0.5, "seed": 12345, "loss": "mse", "optimizer": "sgd",
                  "batchSize": 1}},
]
print(json.dumps({"numpy": np.__version__, "cases": [{"request": c, "weights": train(c)} for c in cases]}, indent=1))
