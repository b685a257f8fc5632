// Every function of compiler/rules/mathfn.def, in double and float form:
// the tangent of t_F(x...) = F(x...) is checked, one argument direction at a
// time, against central differences (h = 1e-6, relative tolerance 1e-6) at
// three points inside F's domain, away from kinks and jumps; the float
// tangent t_Ff is checked against the double one (relative tolerance 1e-4).
// The wrappers, the CHECK lines and the table in main() follow one pattern;
// when mathfn.def grows, add a pair of wrappers, a CHECK block and an Entry.
// RUN: %cgrad %s -o %t.c
// RUN: sed -n '/^.\* ---- Generated/,$p' %t.c | FileCheck %s
// RUN: %cc %t.c -o %t -lm && %t | FileCheck %s --check-prefix=EXEC
#include <math.h>
#include <string.h>
#include "check.h"

double t_sin(double x) { return sin(x); }
#pragma cgrad differentiate t_sin mode(tangent)
double t_sin_jvp(double x, double x_d, double *ret_d);
float t_sinf(float x) { return sinf(x); }
#pragma cgrad differentiate t_sinf mode(tangent)
float t_sinf_jvp(float x, float x_d, float *ret_d);

double t_cos(double x) { return cos(x); }
#pragma cgrad differentiate t_cos mode(tangent)
double t_cos_jvp(double x, double x_d, double *ret_d);
float t_cosf(float x) { return cosf(x); }
#pragma cgrad differentiate t_cosf mode(tangent)
float t_cosf_jvp(float x, float x_d, float *ret_d);

double t_tan(double x) { return tan(x); }
#pragma cgrad differentiate t_tan mode(tangent)
double t_tan_jvp(double x, double x_d, double *ret_d);
float t_tanf(float x) { return tanf(x); }
#pragma cgrad differentiate t_tanf mode(tangent)
float t_tanf_jvp(float x, float x_d, float *ret_d);

double t_asin(double x) { return asin(x); }
#pragma cgrad differentiate t_asin mode(tangent)
double t_asin_jvp(double x, double x_d, double *ret_d);
float t_asinf(float x) { return asinf(x); }
#pragma cgrad differentiate t_asinf mode(tangent)
float t_asinf_jvp(float x, float x_d, float *ret_d);

double t_acos(double x) { return acos(x); }
#pragma cgrad differentiate t_acos mode(tangent)
double t_acos_jvp(double x, double x_d, double *ret_d);
float t_acosf(float x) { return acosf(x); }
#pragma cgrad differentiate t_acosf mode(tangent)
float t_acosf_jvp(float x, float x_d, float *ret_d);

double t_atan(double x) { return atan(x); }
#pragma cgrad differentiate t_atan mode(tangent)
double t_atan_jvp(double x, double x_d, double *ret_d);
float t_atanf(float x) { return atanf(x); }
#pragma cgrad differentiate t_atanf mode(tangent)
float t_atanf_jvp(float x, float x_d, float *ret_d);

double t_atan2(double x, double y) { return atan2(x, y); }
#pragma cgrad differentiate t_atan2 mode(tangent)
double t_atan2_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float t_atan2f(float x, float y) { return atan2f(x, y); }
#pragma cgrad differentiate t_atan2f mode(tangent)
float t_atan2f_jvp(float x, float x_d, float y, float y_d, float *ret_d);

double t_sinh(double x) { return sinh(x); }
#pragma cgrad differentiate t_sinh mode(tangent)
double t_sinh_jvp(double x, double x_d, double *ret_d);
float t_sinhf(float x) { return sinhf(x); }
#pragma cgrad differentiate t_sinhf mode(tangent)
float t_sinhf_jvp(float x, float x_d, float *ret_d);

double t_cosh(double x) { return cosh(x); }
#pragma cgrad differentiate t_cosh mode(tangent)
double t_cosh_jvp(double x, double x_d, double *ret_d);
float t_coshf(float x) { return coshf(x); }
#pragma cgrad differentiate t_coshf mode(tangent)
float t_coshf_jvp(float x, float x_d, float *ret_d);

double t_tanh(double x) { return tanh(x); }
#pragma cgrad differentiate t_tanh mode(tangent)
double t_tanh_jvp(double x, double x_d, double *ret_d);
float t_tanhf(float x) { return tanhf(x); }
#pragma cgrad differentiate t_tanhf mode(tangent)
float t_tanhf_jvp(float x, float x_d, float *ret_d);

double t_asinh(double x) { return asinh(x); }
#pragma cgrad differentiate t_asinh mode(tangent)
double t_asinh_jvp(double x, double x_d, double *ret_d);
float t_asinhf(float x) { return asinhf(x); }
#pragma cgrad differentiate t_asinhf mode(tangent)
float t_asinhf_jvp(float x, float x_d, float *ret_d);

double t_acosh(double x) { return acosh(x); }
#pragma cgrad differentiate t_acosh mode(tangent)
double t_acosh_jvp(double x, double x_d, double *ret_d);
float t_acoshf(float x) { return acoshf(x); }
#pragma cgrad differentiate t_acoshf mode(tangent)
float t_acoshf_jvp(float x, float x_d, float *ret_d);

double t_atanh(double x) { return atanh(x); }
#pragma cgrad differentiate t_atanh mode(tangent)
double t_atanh_jvp(double x, double x_d, double *ret_d);
float t_atanhf(float x) { return atanhf(x); }
#pragma cgrad differentiate t_atanhf mode(tangent)
float t_atanhf_jvp(float x, float x_d, float *ret_d);

double t_exp(double x) { return exp(x); }
#pragma cgrad differentiate t_exp mode(tangent)
double t_exp_jvp(double x, double x_d, double *ret_d);
float t_expf(float x) { return expf(x); }
#pragma cgrad differentiate t_expf mode(tangent)
float t_expf_jvp(float x, float x_d, float *ret_d);

double t_exp2(double x) { return exp2(x); }
#pragma cgrad differentiate t_exp2 mode(tangent)
double t_exp2_jvp(double x, double x_d, double *ret_d);
float t_exp2f(float x) { return exp2f(x); }
#pragma cgrad differentiate t_exp2f mode(tangent)
float t_exp2f_jvp(float x, float x_d, float *ret_d);

double t_expm1(double x) { return expm1(x); }
#pragma cgrad differentiate t_expm1 mode(tangent)
double t_expm1_jvp(double x, double x_d, double *ret_d);
float t_expm1f(float x) { return expm1f(x); }
#pragma cgrad differentiate t_expm1f mode(tangent)
float t_expm1f_jvp(float x, float x_d, float *ret_d);

double t_log(double x) { return log(x); }
#pragma cgrad differentiate t_log mode(tangent)
double t_log_jvp(double x, double x_d, double *ret_d);
float t_logf(float x) { return logf(x); }
#pragma cgrad differentiate t_logf mode(tangent)
float t_logf_jvp(float x, float x_d, float *ret_d);

double t_log2(double x) { return log2(x); }
#pragma cgrad differentiate t_log2 mode(tangent)
double t_log2_jvp(double x, double x_d, double *ret_d);
float t_log2f(float x) { return log2f(x); }
#pragma cgrad differentiate t_log2f mode(tangent)
float t_log2f_jvp(float x, float x_d, float *ret_d);

double t_log10(double x) { return log10(x); }
#pragma cgrad differentiate t_log10 mode(tangent)
double t_log10_jvp(double x, double x_d, double *ret_d);
float t_log10f(float x) { return log10f(x); }
#pragma cgrad differentiate t_log10f mode(tangent)
float t_log10f_jvp(float x, float x_d, float *ret_d);

double t_log1p(double x) { return log1p(x); }
#pragma cgrad differentiate t_log1p mode(tangent)
double t_log1p_jvp(double x, double x_d, double *ret_d);
float t_log1pf(float x) { return log1pf(x); }
#pragma cgrad differentiate t_log1pf mode(tangent)
float t_log1pf_jvp(float x, float x_d, float *ret_d);

double t_sqrt(double x) { return sqrt(x); }
#pragma cgrad differentiate t_sqrt mode(tangent)
double t_sqrt_jvp(double x, double x_d, double *ret_d);
float t_sqrtf(float x) { return sqrtf(x); }
#pragma cgrad differentiate t_sqrtf mode(tangent)
float t_sqrtf_jvp(float x, float x_d, float *ret_d);

double t_cbrt(double x) { return cbrt(x); }
#pragma cgrad differentiate t_cbrt mode(tangent)
double t_cbrt_jvp(double x, double x_d, double *ret_d);
float t_cbrtf(float x) { return cbrtf(x); }
#pragma cgrad differentiate t_cbrtf mode(tangent)
float t_cbrtf_jvp(float x, float x_d, float *ret_d);

double t_pow(double x, double y) { return pow(x, y); }
#pragma cgrad differentiate t_pow mode(tangent)
double t_pow_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float t_powf(float x, float y) { return powf(x, y); }
#pragma cgrad differentiate t_powf mode(tangent)
float t_powf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

double t_hypot(double x, double y) { return hypot(x, y); }
#pragma cgrad differentiate t_hypot mode(tangent)
double t_hypot_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float t_hypotf(float x, float y) { return hypotf(x, y); }
#pragma cgrad differentiate t_hypotf mode(tangent)
float t_hypotf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

double t_fabs(double x) { return fabs(x); }
#pragma cgrad differentiate t_fabs mode(tangent)
double t_fabs_jvp(double x, double x_d, double *ret_d);
float t_fabsf(float x) { return fabsf(x); }
#pragma cgrad differentiate t_fabsf mode(tangent)
float t_fabsf_jvp(float x, float x_d, float *ret_d);

double t_fmin(double x, double y) { return fmin(x, y); }
#pragma cgrad differentiate t_fmin mode(tangent)
double t_fmin_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float t_fminf(float x, float y) { return fminf(x, y); }
#pragma cgrad differentiate t_fminf mode(tangent)
float t_fminf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

double t_fmax(double x, double y) { return fmax(x, y); }
#pragma cgrad differentiate t_fmax mode(tangent)
double t_fmax_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float t_fmaxf(float x, float y) { return fmaxf(x, y); }
#pragma cgrad differentiate t_fmaxf mode(tangent)
float t_fmaxf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

double t_fma(double x, double y, double z) { return fma(x, y, z); }
#pragma cgrad differentiate t_fma mode(tangent)
double t_fma_jvp(double x, double x_d, double y, double y_d, double z, double z_d, double *ret_d);
float t_fmaf(float x, float y, float z) { return fmaf(x, y, z); }
#pragma cgrad differentiate t_fmaf mode(tangent)
float t_fmaf_jvp(float x, float x_d, float y, float y_d, float z, float z_d, float *ret_d);

double t_erf(double x) { return erf(x); }
#pragma cgrad differentiate t_erf mode(tangent)
double t_erf_jvp(double x, double x_d, double *ret_d);
float t_erff(float x) { return erff(x); }
#pragma cgrad differentiate t_erff mode(tangent)
float t_erff_jvp(float x, float x_d, float *ret_d);

double t_erfc(double x) { return erfc(x); }
#pragma cgrad differentiate t_erfc mode(tangent)
double t_erfc_jvp(double x, double x_d, double *ret_d);
float t_erfcf(float x) { return erfcf(x); }
#pragma cgrad differentiate t_erfcf mode(tangent)
float t_erfcf_jvp(float x, float x_d, float *ret_d);

double t_floor(double x) { return floor(x); }
#pragma cgrad differentiate t_floor mode(tangent)
double t_floor_jvp(double x, double x_d, double *ret_d);
float t_floorf(float x) { return floorf(x); }
#pragma cgrad differentiate t_floorf mode(tangent)
float t_floorf_jvp(float x, float x_d, float *ret_d);

double t_ceil(double x) { return ceil(x); }
#pragma cgrad differentiate t_ceil mode(tangent)
double t_ceil_jvp(double x, double x_d, double *ret_d);
float t_ceilf(float x) { return ceilf(x); }
#pragma cgrad differentiate t_ceilf mode(tangent)
float t_ceilf_jvp(float x, float x_d, float *ret_d);

double t_round(double x) { return round(x); }
#pragma cgrad differentiate t_round mode(tangent)
double t_round_jvp(double x, double x_d, double *ret_d);
float t_roundf(float x) { return roundf(x); }
#pragma cgrad differentiate t_roundf mode(tangent)
float t_roundf_jvp(float x, float x_d, float *ret_d);

double t_trunc(double x) { return trunc(x); }
#pragma cgrad differentiate t_trunc mode(tangent)
double t_trunc_jvp(double x, double x_d, double *ret_d);
float t_truncf(float x) { return truncf(x); }
#pragma cgrad differentiate t_truncf mode(tangent)
float t_truncf_jvp(float x, float x_d, float *ret_d);

double t_rint(double x) { return rint(x); }
#pragma cgrad differentiate t_rint mode(tangent)
double t_rint_jvp(double x, double x_d, double *ret_d);
float t_rintf(float x) { return rintf(x); }
#pragma cgrad differentiate t_rintf mode(tangent)
float t_rintf_jvp(float x, float x_d, float *ret_d);

double t_nearbyint(double x) { return nearbyint(x); }
#pragma cgrad differentiate t_nearbyint mode(tangent)
double t_nearbyint_jvp(double x, double x_d, double *ret_d);
float t_nearbyintf(float x) { return nearbyintf(x); }
#pragma cgrad differentiate t_nearbyintf mode(tangent)
float t_nearbyintf_jvp(float x, float x_d, float *ret_d);

double t_fmod(double x, double y) { return fmod(x, y); }
#pragma cgrad differentiate t_fmod mode(tangent)
double t_fmod_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float t_fmodf(float x, float y) { return fmodf(x, y); }
#pragma cgrad differentiate t_fmodf mode(tangent)
float t_fmodf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

double t_copysign(double x, double y) { return copysign(x, y); }
#pragma cgrad differentiate t_copysign mode(tangent)
double t_copysign_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float t_copysignf(float x, float y) { return copysignf(x, y); }
#pragma cgrad differentiate t_copysignf mode(tangent)
float t_copysignf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

double t_fdim(double x, double y) { return fdim(x, y); }
#pragma cgrad differentiate t_fdim mode(tangent)
double t_fdim_jvp(double x, double x_d, double y, double y_d, double *ret_d);
float t_fdimf(float x, float y) { return fdimf(x, y); }
#pragma cgrad differentiate t_fdimf mode(tangent)
float t_fdimf_jvp(float x, float x_d, float y, float y_d, float *ret_d);

// The float tangents call the float functions (cosf, not cos) and use
// float literals, so nothing is computed in double.
// CHECK-LABEL: double t_sin_jvp(double x, double x_d, double *ret_d) {
// CHECK-NEXT:    double _t = sin(x);
// CHECK-NEXT:    double _t_d = x_d * cos(x);
// CHECK-NEXT:    *ret_d = _t_d;
// CHECK-NEXT:    return _t;
// CHECK-NEXT: }
// CHECK-LABEL: float t_sinf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_cosf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_tanf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_asinf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_acosf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_atanf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_atan2f_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_sinhf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_coshf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_tanhf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_asinhf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_acoshf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_atanhf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_expf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_exp2f_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_expm1f_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_logf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_log2f_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_log10f_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_log1pf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_sqrtf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_cbrtf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_powf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_hypotf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_fabsf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_fminf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_fmaxf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_fmaf_jvp(float x, float x_d, float y, float y_d, float z, float z_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_erff_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_erfcf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_floorf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_ceilf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_roundf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_truncf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_rintf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_nearbyintf_jvp(float x, float x_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_fmodf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_copysignf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}
// CHECK-LABEL: float t_fdimf_jvp(float x, float x_d, float y, float y_d, float *ret_d) {
// CHECK-NOT:     double
// CHECK-NOT:     {{[a-z][a-z0-9]*[a-eg-z0-9]\(|erfc?\(}}
// CHECK-NOT:     {{[0-9]\.[0-9]*([^0-9f]|$)}}
// CHECK:       {{^}}}

typedef struct {
    const char *name;
    int arity;
    double (*f1)(double); double (*j1)(double, double, double *);
    float (*g1)(float); float (*k1)(float, float, float *);
    double (*f2)(double, double); double (*j2)(double, double, double, double, double *);
    float (*g2)(float, float); float (*k2)(float, float, float, float, float *);
    double (*f3)(double, double, double); double (*j3)(double, double, double, double, double, double, double *);
    float (*g3)(float, float, float); float (*k3)(float, float, float, float, float, float, float *);
    double pts[3][3];
} Entry;

static double eval(const Entry *e, const double *a) {
    switch (e->arity) {
    case 1: return e->f1(a[0]);
    case 2: return e->f2(a[0], a[1]);
    default: return e->f3(a[0], a[1], a[2]);
    }
}
static double jvp(const Entry *e, const double *a, const double *v, double *d) {
    switch (e->arity) {
    case 1: return e->j1(a[0], v[0], d);
    case 2: return e->j2(a[0], v[0], a[1], v[1], d);
    default: return e->j3(a[0], v[0], a[1], v[1], a[2], v[2], d);
    }
}
static float jvpf(const Entry *e, const double *a, const double *v, float *d) {
    switch (e->arity) {
    case 1: return e->k1((float)a[0], (float)v[0], d);
    case 2: return e->k2((float)a[0], (float)v[0], (float)a[1], (float)v[1], d);
    default: return e->k3((float)a[0], (float)v[0], (float)a[1], (float)v[1], (float)a[2], (float)v[2], d);
    }
}

static const Entry table[] = {
    {"sin", 1, t_sin, t_sin_jvp, t_sinf, t_sinf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.5}}},
    {"cos", 1, t_cos, t_cos_jvp, t_cosf, t_cosf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.5}}},
    {"tan", 1, t_tan, t_tan_jvp, t_tanf, t_tanf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {1.0}}},
    {"asin", 1, t_asin, t_asin_jvp, t_asinf, t_asinf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-0.7}, {0.9}}},
    {"acos", 1, t_acos, t_acos_jvp, t_acosf, t_acosf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-0.7}, {0.9}}},
    {"atan", 1, t_atan, t_atan_jvp, t_atanf, t_atanf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-2.0}, {5.0}}},
    {"atan2", 2, NULL, NULL, NULL, NULL, t_atan2, t_atan2_jvp, t_atan2f, t_atan2f_jvp, NULL, NULL, NULL, NULL, {{0.3, 0.8}, {-1.0, 0.5}, {2.0, -1.5}}},
    {"sinh", 1, t_sinh, t_sinh_jvp, t_sinhf, t_sinhf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.5}}},
    {"cosh", 1, t_cosh, t_cosh_jvp, t_coshf, t_coshf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.5}}},
    {"tanh", 1, t_tanh, t_tanh_jvp, t_tanhf, t_tanhf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.5}}},
    {"asinh", 1, t_asinh, t_asinh_jvp, t_asinhf, t_asinhf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.5}}},
    {"acosh", 1, t_acosh, t_acosh_jvp, t_acoshf, t_acoshf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{1.3}, {2.0}, {5.5}}},
    {"atanh", 1, t_atanh, t_atanh_jvp, t_atanhf, t_atanhf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-0.6}, {0.9}}},
    {"exp", 1, t_exp, t_exp_jvp, t_expf, t_expf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.5}}},
    {"exp2", 1, t_exp2, t_exp2_jvp, t_exp2f, t_exp2f_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.5}}},
    {"expm1", 1, t_expm1, t_expm1_jvp, t_expm1f, t_expm1f_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {0.001}}},
    {"log", 1, t_log, t_log_jvp, t_logf, t_logf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {1.7}, {25.0}}},
    {"log2", 1, t_log2, t_log2_jvp, t_log2f, t_log2f_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {1.7}, {25.0}}},
    {"log10", 1, t_log10, t_log10_jvp, t_log10f, t_log10f_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {1.7}, {25.0}}},
    {"log1p", 1, t_log1p, t_log1p_jvp, t_log1pf, t_log1pf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-0.5}, {0.001}}},
    {"sqrt", 1, t_sqrt, t_sqrt_jvp, t_sqrtf, t_sqrtf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {1.7}, {25.0}}},
    {"cbrt", 1, t_cbrt, t_cbrt_jvp, t_cbrtf, t_cbrtf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.7}, {25.0}}},
    {"pow", 2, NULL, NULL, NULL, NULL, t_pow, t_pow_jvp, t_powf, t_powf_jvp, NULL, NULL, NULL, NULL, {{1.3, 2.5}, {0.7, -1.5}, {2.0, 3.0}}},
    {"hypot", 2, NULL, NULL, NULL, NULL, t_hypot, t_hypot_jvp, t_hypotf, t_hypotf_jvp, NULL, NULL, NULL, NULL, {{0.3, 0.4}, {-1.0, 2.0}, {3.0, -0.5}}},
    {"fabs", 1, t_fabs, t_fabs_jvp, t_fabsf, t_fabsf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.5}}},
    {"fmin", 2, NULL, NULL, NULL, NULL, t_fmin, t_fmin_jvp, t_fminf, t_fminf_jvp, NULL, NULL, NULL, NULL, {{0.3, 0.8}, {1.5, -0.5}, {-2.0, -1.0}}},
    {"fmax", 2, NULL, NULL, NULL, NULL, t_fmax, t_fmax_jvp, t_fmaxf, t_fmaxf_jvp, NULL, NULL, NULL, NULL, {{0.3, 0.8}, {1.5, -0.5}, {-2.0, -1.0}}},
    {"fma", 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, t_fma, t_fma_jvp, t_fmaf, t_fmaf_jvp, {{0.3, 0.8, -0.2}, {-1.5, 2.0, 1.0}, {2.0, -3.0, 0.5}}},
    {"erf", 1, t_erf, t_erf_jvp, t_erff, t_erff_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.0}}},
    {"erfc", 1, t_erfc, t_erfc_jvp, t_erfcf, t_erfcf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.0}}},
    {"floor", 1, t_floor, t_floor_jvp, t_floorf, t_floorf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.5}}},
    {"ceil", 1, t_ceil, t_ceil_jvp, t_ceilf, t_ceilf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.7}}},
    {"round", 1, t_round, t_round_jvp, t_roundf, t_roundf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.7}}},
    {"trunc", 1, t_trunc, t_trunc_jvp, t_truncf, t_truncf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.7}}},
    {"rint", 1, t_rint, t_rint_jvp, t_rintf, t_rintf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.7}}},
    {"nearbyint", 1, t_nearbyint, t_nearbyint_jvp, t_nearbyintf, t_nearbyintf_jvp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {{0.3}, {-1.2}, {2.7}}},
    {"fmod", 2, NULL, NULL, NULL, NULL, t_fmod, t_fmod_jvp, t_fmodf, t_fmodf_jvp, NULL, NULL, NULL, NULL, {{5.3, 2.0}, {-7.5, 2.25}, {1.2, 3.0}}},
    {"copysign", 2, NULL, NULL, NULL, NULL, t_copysign, t_copysign_jvp, t_copysignf, t_copysignf_jvp, NULL, NULL, NULL, NULL, {{0.3, 0.8}, {1.5, -0.5}, {-2.0, 1.0}}},
    {"fdim", 2, NULL, NULL, NULL, NULL, t_fdim, t_fdim_jvp, t_fdimf, t_fdimf_jvp, NULL, NULL, NULL, NULL, {{0.3, 0.8}, {1.5, -0.5}, {-2.0, -3.0}}},
};

int main(void) {
    const double h = 1e-6, rtol = 1e-6, ftol = 1e-4;
    int nfn = (int)(sizeof table / sizeof *table);
    for (int i = 0; i < nfn; i++) {
        const Entry *e = &table[i];
        int bad = 0;
        for (int p = 0; p < 3; p++) {
            for (int k = 0; k < e->arity; k++) {
                double a[3], v[3] = {0, 0, 0}, ap[3], am[3], d;
                float df;
                memcpy(a, e->pts[p], sizeof a);
                memcpy(ap, a, sizeof a);
                memcpy(am, a, sizeof a);
                v[k] = 1;
                ap[k] += h;
                am[k] -= h;
                double fd = (eval(e, ap) - eval(e, am)) / (2 * h);
                double y = jvp(e, a, v, &d);
                if (y != eval(e, a)) {
                    printf("FAIL %s value at point %d\n", e->name, p);
                    bad++;
                }
                if (!(fabs(d - fd) <= rtol * fmax(1, fabs(fd)))) {
                    printf("FAIL %s: d/d%c at point %d: tangent %.17g, central differences %.17g\n", e->name, "xyz"[k], p, d, fd);
                    bad++;
                }
                jvpf(e, a, v, &df);
                if (!(fabs(df - d) <= ftol * fmax(1, fabs(d)))) {
                    printf("FAIL %sf: d/d%c at point %d: float %.9g, double %.17g\n", e->name, "xyz"[k], p, (double)df, d);
                    bad++;
                }
            }
        }
        check_true(e->name, bad == 0);
    }
    printf("checked %d functions\n", nfn);

    // EXEC: ok sin
    // EXEC: ok cos
    // EXEC: ok tan
    // EXEC: ok asin
    // EXEC: ok acos
    // EXEC: ok atan
    // EXEC: ok atan2
    // EXEC: ok sinh
    // EXEC: ok cosh
    // EXEC: ok tanh
    // EXEC: ok asinh
    // EXEC: ok acosh
    // EXEC: ok atanh
    // EXEC: ok exp
    // EXEC: ok exp2
    // EXEC: ok expm1
    // EXEC: ok log
    // EXEC: ok log2
    // EXEC: ok log10
    // EXEC: ok log1p
    // EXEC: ok sqrt
    // EXEC: ok cbrt
    // EXEC: ok pow
    // EXEC: ok hypot
    // EXEC: ok fabs
    // EXEC: ok fmin
    // EXEC: ok fmax
    // EXEC: ok fma
    // EXEC: ok erf
    // EXEC: ok erfc
    // EXEC: ok floor
    // EXEC: ok ceil
    // EXEC: ok round
    // EXEC: ok trunc
    // EXEC: ok rint
    // EXEC: ok nearbyint
    // EXEC: ok fmod
    // EXEC: ok copysign
    // EXEC: ok fdim
    // EXEC: checked 39 functions
    // EXEC-NOT: FAIL
    // EXEC: ALL OK
    return check_done();
}
