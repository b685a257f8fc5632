/* The model: a one-parameter least-squares fit of w*t to sin(t). */
#ifndef MODEL_H
#define MODEL_H
enum { MODEL_N = 8 };
double model_loss(double w);
#endif
