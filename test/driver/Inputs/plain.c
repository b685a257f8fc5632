/* A source without cgrad pragmas: cgradcc compiles it untouched. */
double plain_offset(void);
double plain_offset(void) { return 0.0; }
