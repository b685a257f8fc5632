/* The cgrad executable: see cli.c. */
#include "driver/driver.h"

int main(int argc, char **argv) { return cgrad_main(argc, argv); }
