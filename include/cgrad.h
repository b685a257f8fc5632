/*
 * cgrad.h — the one public header of libcgrad.
 *
 * Generated derivative code includes it for the tape; user code includes it
 * for tensors, operations and optimizers.  See docs/ for the overview.
 */
#ifndef CGRAD_H
#define CGRAD_H

#include "cgrad/error.h"
#include "cgrad/extent.h"
#include "cgrad/tape.h"
#include "cgrad/tensor.h"
#include "cgrad/elementwise.h"
#include "cgrad/reduce.h"
#include "cgrad/linalg.h"
#include "cgrad/einsum.h"
#include "cgrad/nn.h"
#include "cgrad/optim.h"

#endif
