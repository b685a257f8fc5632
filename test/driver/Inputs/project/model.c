/* The marked file: cgrad writes model_loss_jvp (forward mode) and
 * model_loss_vjp (reverse mode) below model_loss. */
#include <math.h>
#include "model.h"

double model_loss(double w) {
    double s = 0.0;
    for (int i = 0; i < MODEL_N; i++) {
        double r = w * (0.1 * i) - sin(0.1 * i);
        s += r * r;
    }
    return s;
}
#pragma cgrad differentiate model_loss
