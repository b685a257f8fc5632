/*
 * The kernels as a user compiles them without cgrad: the f of every
 * gradient/f ratio.  cgrad's output holds another copy of them, but there
 * the generated code around them moves their loops in memory from one
 * version of cgrad to the next, and loop alignment alone moved the
 * attention kernel between 20 and 29 microseconds.  Compiled here, alone,
 * f stays put.  The names get a prefix so both copies link.
 */
#define mlp_loss primal_mlp_loss
#define gmm_nll primal_gmm_nll
#define lstm_loss primal_lstm_loss
#define layernorm_loss primal_layernorm_loss
#define attention_loss primal_attention_loss
#include "kernels.c"
