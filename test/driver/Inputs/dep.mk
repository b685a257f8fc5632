# depfile.c: one object whose prerequisites come from the -MD file.
dep.o: dep.c
	$(CC) -MMD -MP -c dep.c -o dep.o
-include dep.d
