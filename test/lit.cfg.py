# lit configuration for the cgrad suite.
#
# Substitutions available to RUN lines:
#   %cgrad      the translator
#   %cc         clang-19 compiling C11 with warnings as errors, the runtime's
#               headers and test/Inputs on the include path
#   %gcc        the same with gcc
#   %rt         link flags for libcgrad (static), OpenMP and libm
#   %filecheck  FileCheck that also rejects any unexpected "error:" line
#   %inputs     test/Inputs
import os
import lit.formats

config.name = "cgrad"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs", "bench", "CMakeLists.txt", "check.py", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cgrad_obj_root, "test")

src = config.cgrad_src_root
obj = config.cgrad_obj_root
config.environment["PATH"] = os.pathsep.join([os.path.join(obj, "bin"), config.llvm_bin, config.environment.get("PATH", "")])
for var in ("HOME", "TMPDIR", "CGRAD_CC"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
config.environment["OMP_NUM_THREADS"] = os.environ.get("OMP_NUM_THREADS", "2")
if config.sanitize:
    config.environment["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    config.available_features.add("sanitize")

cflags = "-std=c11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter"
incs = "-I%s -I%s" % (os.path.join(src, "include"), os.path.join(src, "test", "Inputs"))
config.substitutions.append(("%cgradcc", os.path.join(obj, "bin", "cgradcc")))
config.substitutions.append(("%cgrad", "%s -I%s" % (os.path.join(obj, "bin", "cgrad"), os.path.join(src, "test", "Inputs"))))
config.substitutions.append(("%cc", "%s %s %s %s" % (config.test_cc, cflags, config.sanitize_flags, incs)))
if config.gcc:
    config.available_features.add("gcc")
    config.substitutions.append(("%gcc", "%s %s %s" % (config.gcc, cflags, incs)))
config.substitutions.append(("%rt", "-L%s -l:libcgrad.a %s -lopenblas -lm" % (os.path.join(obj, "lib"), config.openmp_flags)))
config.substitutions.append(("%filecheck", "FileCheck --implicit-check-not=error:"))
config.substitutions.append(("%inputs", os.path.join(src, "test", "Inputs")))
config.substitutions.append(("%examples", os.path.join(obj, "examples")))
config.substitutions.append(("%llvmlib", os.path.join(os.path.dirname(config.llvm_bin), "lib")))
if config.valgrind and not config.sanitize:
    config.available_features.add("valgrind")
