// Messages a blind corpus found unclear: a negative width was "expected a
// name", and an empty directive an "unknown cgrad directive end of line".
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double f(double x) { return x * x; }
// CHECK: {{^}}{{.*}}pragma-wording.c:[[@LINE+1]]:50: error: width(...) takes a number of directions from 1 to 1024, not '-'
#pragma cgrad differentiate f mode(vector) width(-1)
// CHECK: {{^}}{{.*}}pragma-wording.c:[[@LINE+1]]:14: error: '#pragma cgrad' needs a directive: 'differentiate', 'derivative' or 'inactive'
#pragma cgrad
