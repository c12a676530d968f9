// The copy speed of this machine, against which the typed arrays' `Any` rows are judged: 8 MiB
// copied into a buffer allocated for each copy, with glibc's memcpy and with non-temporal AVX2
// stores (which write past the cache, without reading the destination first). Thread-CPU time,
// best of 50 copies. Build and run:
//   gcc -O2 -mavx2 -o copy_speed Benchmarks/C/copy_speed.c && ./copy_speed
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void copy_streaming(char *destination, const char *source, size_t count) {
    while (((uintptr_t)destination & 31) && count) {
        *destination++ = *source++;
        count--;
    }
    size_t done = 0;
    for (; done + 128 <= count; done += 128) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(source + done));
        __m256i b = _mm256_loadu_si256((const __m256i *)(source + done + 32));
        __m256i c = _mm256_loadu_si256((const __m256i *)(source + done + 64));
        __m256i d = _mm256_loadu_si256((const __m256i *)(source + done + 96));
        _mm256_stream_si256((__m256i *)(destination + done), a);
        _mm256_stream_si256((__m256i *)(destination + done + 32), b);
        _mm256_stream_si256((__m256i *)(destination + done + 64), c);
        _mm256_stream_si256((__m256i *)(destination + done + 96), d);
    }
    _mm_sfence();
    memcpy(destination + done, source + done, count - done);
}

static double best_megabytes_per_second(int streaming, const char *source, size_t count) {
    double best = 1e9;
    for (int round = 0; round < 50; round++) {
        double start = cpu_seconds();
        char *destination = malloc(count);
        if (!destination) exit(1);
        if (streaming) copy_streaming(destination, source, count);
        else memcpy(destination, source, count);
        double seconds = cpu_seconds() - start;
        if (destination[count - 1] != source[count - 1]) exit(1);
        free(destination);
        if (seconds < best) best = seconds;
    }
    return count / best / 1e6;
}

int main(void) {
    size_t count = (size_t)8 << 20;
    char *source = malloc(count);
    if (!source) return 1;
    memset(source, 1, count);
    printf("memcpy: %.0f MB/s\n", best_megabytes_per_second(0, source, count));
    printf("non-temporal stores: %.0f MB/s\n", best_megabytes_per_second(1, source, count));
    return 0;
}
