/* The core's training loop in plain C, as the yardstick for `npm run bench`.
 *
 * Same algorithm as shared/: dense layers, sigmoid everywhere, sse loss, full-batch sgd, weights
 * drawn from numpy's legacy MT19937 (W = 2*random((fanIn, fanOut)) - 1, then b likewise), weights
 * fanIn x fanOut row-major, forward act(x.W + b). Every buffer is allocated once per run.
 *
 * Reads tasks from stdin (written by bench/core.ts), one per block:
 *   name epochs learningRate seed bias repeats layerCount size0 size1 ... rows
 *   inputs (rows x size0), targets (rows x sizeLast)
 * and prints, per task, one line (the arguments: see main):
 *   name median_ns_per_run epochs_run w... (every weight then bias, layer by layer, %.17g)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_LAYERS 8

/* numpy's legacy MT19937 and random_sample, so the C run starts from the core's weights. */
typedef struct {
  uint32_t state[624];
  int index;
} Mt19937;

static void mt_seed(Mt19937 *mt, uint32_t seed) {
  mt->state[0] = seed;
  for (int i = 1; i < 624; i++) {
    uint32_t prev = mt->state[i - 1];
    mt->state[i] = 1812433253u * (prev ^ (prev >> 30)) + (uint32_t)i;
  }
  mt->index = 624;
}

static uint32_t mt_next(Mt19937 *mt) {
  if (mt->index >= 624) {
    for (int i = 0; i < 624; i++) {
      uint32_t y = (mt->state[i] & 0x80000000u) | (mt->state[(i + 1) % 624] & 0x7fffffffu);
      mt->state[i] = mt->state[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
    }
    mt->index = 0;
  }
  uint32_t y = mt->state[mt->index++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

static double mt_random(Mt19937 *mt) {
  uint32_t a = mt_next(mt) >> 5, b = mt_next(mt) >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

static double sigmoid(double z) { return 1 / (1 + exp(-z)); }

typedef struct {
  char name[64];
  int epochs, seed, bias, repeats, layer_count, rows;
  double learning_rate;
  int size[MAX_LAYERS + 1]; /* size[0] inputs, size[layer_count] outputs */
  double *inputs, *targets;
} Task;

typedef struct {
  double *weights[MAX_LAYERS], *bias[MAX_LAYERS];
  double *weight_grad[MAX_LAYERS], *bias_grad[MAX_LAYERS];
  double *act[MAX_LAYERS];   /* rows x size[l+1]: each layer's output for every row */
  double *delta[MAX_LAYERS]; /* rows x size[l+1]: dLoss/dz for every row */
  double loss;
  int epochs_run;
} Net;

static double now_ns(void) {
  struct timespec ts;
  /* CPU time, as bench/core.ts measures it: on a shared machine, waiting for a core is not work. */
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void init_weights(const Task *t, Net *n) {
  Mt19937 mt;
  mt_seed(&mt, (uint32_t)t->seed);
  for (int l = 0; l < t->layer_count; l++) {
    int fan_in = t->size[l], fan_out = t->size[l + 1];
    for (int k = 0; k < fan_in * fan_out; k++) n->weights[l][k] = 2 * mt_random(&mt) - 1;
    if (t->bias)
      for (int j = 0; j < fan_out; j++) n->bias[l][j] = 2 * mt_random(&mt) - 1;
  }
}

/* One full-batch epoch: forward every row, sse loss, backward deltas, gradients, sgd update.
 * Returns the loss of the weights before the update. */
static double epoch(const Task *t, Net *n) {
  int layers = t->layer_count, rows = t->rows, outputs = t->size[layers];
  for (int l = 0; l < layers; l++) {
    memset(n->weight_grad[l], 0, sizeof(double) * t->size[l] * t->size[l + 1]);
    if (t->bias) memset(n->bias_grad[l], 0, sizeof(double) * t->size[l + 1]);
  }
  double loss = 0;
  for (int r = 0; r < rows; r++) {
    /* forward: a = sigmoid(x.W + b), each unit's sum in a register, inputs in order */
    for (int l = 0; l < layers; l++) {
      int fan_in = t->size[l], fan_out = t->size[l + 1];
      const double *x = l == 0 ? t->inputs + r * fan_in : n->act[l - 1] + r * fan_in;
      const double *w = n->weights[l], *b = n->bias[l];
      double *a = n->act[l] + r * fan_out;
      for (int j = 0; j < fan_out; j++) {
        double z = 0;
        for (int i = 0; i < fan_in; i++) z += x[i] * w[i * fan_out + j];
        if (t->bias) z += b[j];
        a[j] = sigmoid(z);
      }
    }
    /* output delta for sse = 1/2 sum (y - t)^2 with a sigmoid output */
    const double *y = n->act[layers - 1] + r * outputs;
    const double *target = t->targets + r * outputs;
    double *d = n->delta[layers - 1] + r * outputs;
    for (int j = 0; j < outputs; j++) {
      double error = y[j] - target[j];
      loss += 0.5 * error * error;
      d[j] = error * (y[j] * (1 - y[j]));
    }
    /* backward: each hidden layer's delta from the layer above it */
    for (int l = layers - 2; l >= 0; l--) {
      int fan_out = t->size[l + 1], above = t->size[l + 2];
      const double *a = n->act[l] + r * fan_out;
      const double *d_above = n->delta[l + 1] + r * above;
      const double *w = n->weights[l + 1];
      double *dl = n->delta[l] + r * fan_out;
      for (int i = 0; i < fan_out; i++) {
        double s = 0;
        const double *wi = w + i * above;
        for (int j = 0; j < above; j++) s += d_above[j] * wi[j];
        dl[i] = s * (a[i] * (1 - a[i]));
      }
    }
    /* gradients: dW[i][j] += x[i] * d[j], summed over rows in order */
    for (int l = 0; l < layers; l++) {
      int fan_in = t->size[l], fan_out = t->size[l + 1];
      const double *x = l == 0 ? t->inputs + r * fan_in : n->act[l - 1] + r * fan_in;
      const double *dl = n->delta[l] + r * fan_out;
      double *g = n->weight_grad[l];
      for (int i = 0; i < fan_in; i++) {
        double xi = x[i];
        double *gi = g + i * fan_out;
        for (int j = 0; j < fan_out; j++) gi[j] += xi * dl[j];
      }
      if (t->bias)
        for (int j = 0; j < fan_out; j++) n->bias_grad[l][j] += dl[j];
    }
  }
  /* sgd update */
  double lr = t->learning_rate;
  for (int l = 0; l < layers; l++) {
    int count = t->size[l] * t->size[l + 1];
    for (int k = 0; k < count; k++) n->weights[l][k] -= lr * n->weight_grad[l][k];
    if (t->bias)
      for (int j = 0; j < t->size[l + 1]; j++) n->bias[l][j] -= lr * n->bias_grad[l][j];
  }
  return loss;
}

static void run(const Task *t, Net *n) {
  init_weights(t, n);
  n->epochs_run = 0;
  for (int e = 0; e < t->epochs; e++) {
    n->loss = epoch(t, n);
    n->epochs_run++;
    if (!isfinite(n->loss)) break; /* diverged: the core stops here too */
  }
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int read_task(Task *t) {
  if (scanf("%63s %d %lf %d %d %d %d", t->name, &t->epochs, &t->learning_rate, &t->seed, &t->bias,
            &t->repeats, &t->layer_count) != 7)
    return 0;
  if (t->layer_count < 1 || t->layer_count > MAX_LAYERS) return 0;
  for (int l = 0; l <= t->layer_count; l++)
    if (scanf("%d", &t->size[l]) != 1) return 0;
  if (scanf("%d", &t->rows) != 1) return 0;
  int in = t->rows * t->size[0], out = t->rows * t->size[t->layer_count];
  t->inputs = malloc(sizeof(double) * in);
  t->targets = malloc(sizeof(double) * out);
  for (int k = 0; k < in; k++)
    if (scanf("%lf", &t->inputs[k]) != 1) return 0;
  for (int k = 0; k < out; k++)
    if (scanf("%lf", &t->targets[k]) != 1) return 0;
  return 1;
}

/* argv[1]: the seconds of runs to time per task (default 0.5); argv[2]: at least this many runs
 * instead of the task's own count. bench/core.ts asks for many short measurements, each paired
 * with one of the core's right after it, so that a ratio compares two runs made moments apart. */
int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 0.5;
  int least = argc > 2 ? atoi(argv[2]) : 0;
  Task t;
  while (read_task(&t)) {
    Net n;
    for (int l = 0; l < t.layer_count; l++) {
      int fan_in = t.size[l], fan_out = t.size[l + 1];
      n.weights[l] = calloc(fan_in * fan_out, sizeof(double));
      n.weight_grad[l] = calloc(fan_in * fan_out, sizeof(double));
      n.bias[l] = calloc(fan_out, sizeof(double));
      n.bias_grad[l] = calloc(fan_out, sizeof(double));
      n.act[l] = calloc(t.rows * fan_out, sizeof(double));
      n.delta[l] = calloc(t.rows * fan_out, sizeof(double));
    }
    double warm_up = now_ns();
    run(&t, &n); /* warm-up: caches, branch predictors, page faults */
    warm_up = now_ns() - warm_up;
    /* Short runs are repeated for at least `seconds`, so a median is not one busy moment. */
    int repeats = least > 0 ? least : t.repeats;
    while (repeats < 1001 && repeats * warm_up < seconds * 1e9) repeats += 2;
    double *times = malloc(sizeof(double) * repeats);
    for (int k = 0; k < repeats; k++) {
      double start = now_ns();
      run(&t, &n);
      times[k] = now_ns() - start;
    }
    qsort(times, repeats, sizeof(double), compare_doubles);
    printf("%s %.17g %d", t.name, times[repeats / 2], n.epochs_run);
    for (int l = 0; l < t.layer_count; l++) {
      for (int k = 0; k < t.size[l] * t.size[l + 1]; k++) printf(" %.17g", n.weights[l][k]);
      if (t.bias)
        for (int j = 0; j < t.size[l + 1]; j++) printf(" %.17g", n.bias[l][j]);
    }
    printf("\n");
    fflush(stdout);
    for (int l = 0; l < t.layer_count; l++) {
      free(n.weights[l]), free(n.weight_grad[l]), free(n.bias[l]), free(n.bias_grad[l]);
      free(n.act[l]), free(n.delta[l]);
    }
    free(times), free(t.inputs), free(t.targets);
  }
  return 0;
}
