/* Calls the derivatives from another file, through the header that
 * `--emit-header` wrote, and checks both against the closed form. */
#include <math.h>
#include <stdio.h>
#include "model.h"
#include "model_grad.h"

int main(void) {
    double w = 0.5, dloss, grad = 0.0, want = 0.0;
    double loss = model_loss_jvp(w, 1.0, &dloss);    /* forward: dloss = J * 1 */
    model_loss_vjp(w, &grad, 1.0);                    /* reverse: grad += J^T * 1 */
    for (int i = 0; i < MODEL_N; i++)
        want += 2.0 * (0.1 * i) * (w * (0.1 * i) - sin(0.1 * i));
    int ok = fabs(dloss - want) < 1e-12 && fabs(grad - want) < 1e-12 && fabs(loss - model_loss(w)) < 1e-12;
    printf("dloss/dw = %.6f, gradient = %.6f %s\n", dloss, grad, ok ? "ok" : "WRONG");
    return !ok;
}
