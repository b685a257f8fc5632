# The demo with a plain compiler and pkg-config, on sources translated
# beforehand with `cgrad model.c -o model_ad.c --emit-header=model_grad.h`.
CFLAGS = -O1 -Wall $(shell pkg-config --cflags cgrad)
LDLIBS = $(shell pkg-config --libs cgrad) -lm

demo: main.c model_ad.c
	$(CC) $(CFLAGS) -o $@ main.c model_ad.c $(LDLIBS)
