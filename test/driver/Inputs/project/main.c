/* Calls the derivative from another file, through the header that
 * `--emit-header` wrote, and checks it against the closed form. */
#include <math.h>
#include <stdio.h>
#include "model.h"
#include "model_grad.h"

int main(void) {
    double w = 0.5, dloss, want = 0.0;
    double loss = model_loss_jvp(w, 1.0, &dloss);
    for (int i = 0; i < MODEL_N; i++)
        want += 2.0 * (0.1 * i) * (w * (0.1 * i) - sin(0.1 * i));
    int ok = fabs(dloss - want) < 1e-12 && fabs(loss - model_loss(w)) < 1e-12;
    printf("dloss/dw = %.6f %s\n", dloss, ok ? "ok" : "WRONG");
    return !ok;
}
