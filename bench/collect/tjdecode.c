/* tjdecode: the throughput of libjpeg-turbo decoding alone — the limit the
 * turbojpeg build of "qmcheck collect" is compared with. Reads the files
 * listed in LIST (one path per line) and decodes each with tjDecompress2 to
 * RGB (TJPF_RGB, default flags, as the collector does), on THREADS threads,
 * reading each file from disk as the collector does.
 *
 *   cc -O2 -o tjdecode tjdecode.c -lturbojpeg -lpthread
 *   ./tjdecode THREADS LIST
 */
#include <turbojpeg.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <time.h>
#include <string.h>
static char **files; static int nfiles; static int next_i = 0; static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned long long sink = 0;
static void *work(void *arg) {
  tjhandle h = tjInitDecompress(); unsigned char *rgb = NULL; size_t cap = 0; unsigned char *buf = NULL; size_t bcap = 0;
  for (;;) {
    pthread_mutex_lock(&mu); int i = next_i++; pthread_mutex_unlock(&mu);
    if (i >= nfiles) break;
    FILE *f = fopen(files[i], "rb"); fseek(f, 0, SEEK_END); long n = ftell(f); fseek(f, 0, SEEK_SET);
    if ((size_t)n > bcap) { bcap = n; buf = realloc(buf, bcap); }
    fread(buf, 1, n, f); fclose(f);
    int w, hh, ss, cs; tjDecompressHeader3(h, buf, n, &w, &hh, &ss, &cs);
    size_t need = (size_t)w * hh * 3; if (need > cap) { cap = need; rgb = realloc(rgb, cap); }
    if (tjDecompress2(h, buf, n, rgb, w, 0, hh, TJPF_RGB, 0) != 0) { fprintf(stderr, "%s: %s\n", files[i], tjGetErrorStr2(h)); }
    sink += rgb[0];
  }
  tjDestroy(h); return NULL;
}
int main(int argc, char **argv) {
  int threads = atoi(argv[1]); FILE *l = fopen(argv[2], "r"); char line[4096]; files = malloc(sizeof(char*) * 1000000);
  while (fgets(line, sizeof line, l)) { line[strcspn(line, "\n")] = 0; files[nfiles++] = strdup(line); }
  struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
  pthread_t th[64]; for (int i = 0; i < threads; i++) pthread_create(&th[i], NULL, work, NULL);
  for (int i = 0; i < threads; i++) pthread_join(th[i], NULL);
  clock_gettime(CLOCK_MONOTONIC, &t1); double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("{\"threads\": %d, \"images\": %d, \"seconds\": %.3f, \"images_per_s\": %.1f}\n", threads, nfiles, s, nfiles / s);
  return 0;
}
