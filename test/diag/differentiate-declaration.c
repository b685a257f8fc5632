// Differentiating a function that is only declared is an error at its name.
// RUN: rm -f %t.c
// RUN: not %cgrad %s -o %t.c 2>&1 | %filecheck %s
// RUN: not test -e %t.c
double ext(double);
double ext2(double x);

// CHECK: {{^}}{{.*}}differentiate-declaration.c:[[@LINE+1]]:29: error: 'ext' has no definition in this file; cgrad differentiates functions it can see
#pragma cgrad differentiate ext mode(tangent)
// CHECK: {{^}}{{.*}}differentiate-declaration.c:[[@LINE+1]]:29: error: 'ext2' has no definition in this file; cgrad differentiates functions it can see
#pragma cgrad differentiate ext2 mode(tangent)
