// The raw libcbor floor for the quick measurement: decodes the same bytes with
// cbor_stream_decode and counting callbacks, and encodes the same logical data with
// cbor_encode_* into a preallocated buffer. Thread-CPU time, best of N rounds.
#include <cbor.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static size_t items;
static void count_u8(void *c, uint8_t v) { (void)c; (void)v; items++; }
static void count_u16(void *c, uint16_t v) { (void)c; (void)v; items++; }
static void count_u32(void *c, uint32_t v) { (void)c; (void)v; items++; }
static void count_u64(void *c, uint64_t v) { (void)c; (void)v; items++; }
static void count_str(void *c, cbor_data d, size_t n) { (void)c; (void)d; (void)n; items++; }
static void count_simple(void *c) { (void)c; items++; }
static void count_coll(void *c, size_t n) { (void)c; (void)n; items++; }
static void count_float(void *c, float v) { (void)c; (void)v; items++; }
static void count_double(void *c, double v) { (void)c; (void)v; items++; }
static void count_bool(void *c, bool v) { (void)c; (void)v; items++; }

static const struct cbor_callbacks callbacks = {
    .uint8 = count_u8, .uint16 = count_u16, .uint32 = count_u32, .uint64 = count_u64,
    .negint8 = count_u8, .negint16 = count_u16, .negint32 = count_u32, .negint64 = count_u64,
    .byte_string = count_str, .byte_string_start = count_simple, .string = count_str,
    .string_start = count_simple, .array_start = count_coll, .indef_array_start = count_simple,
    .map_start = count_coll, .indef_map_start = count_simple, .tag = count_u64,
    .float2 = count_float, .float4 = count_float, .float8 = count_double,
    .undefined = count_simple, .null = count_simple, .boolean = count_bool, .indef_break = count_simple,
};

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    *size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc(*size);
    if (fread(data, 1, *size, f) != *size) { perror(path); exit(1); }
    fclose(f);
    return data;
}

__attribute__((noinline)) static double decode_once(const unsigned char *data, size_t size) {
    double start = cpu_seconds();
    size_t offset = 0;
    while (offset < size) {
        struct cbor_decoder_result r = cbor_stream_decode(data + offset, size - offset, &callbacks, NULL);
        if (r.status != CBOR_DECODER_FINISHED) { fprintf(stderr, "decode error at %zu\n", offset); exit(1); }
        offset += r.read;
    }
    return cpu_seconds() - start;
}

// The logical content of each workload, pulled out of the bytes once (not timed), so encoding
// rebuilds exactly the same bytes from plain C data.
typedef struct { int kind; uint64_t value; double number; const unsigned char *data; size_t length; } item;
static item *plan;
static size_t plan_count;
static void plan_push(int kind, uint64_t value, double number, const unsigned char *data, size_t length) {
    plan[plan_count++] = (item){kind, value, number, data, length};
}
static void p_u8(void *c, uint8_t v) { (void)c; plan_push(0, v, 0, NULL, 0); }
static void p_u16(void *c, uint16_t v) { (void)c; plan_push(0, v, 0, NULL, 0); }
static void p_u32(void *c, uint32_t v) { (void)c; plan_push(0, v, 0, NULL, 0); }
static void p_u64(void *c, uint64_t v) { (void)c; plan_push(0, v, 0, NULL, 0); }
static void p_n8(void *c, uint8_t v) { (void)c; plan_push(1, v, 0, NULL, 0); }
static void p_n16(void *c, uint16_t v) { (void)c; plan_push(1, v, 0, NULL, 0); }
static void p_n32(void *c, uint32_t v) { (void)c; plan_push(1, v, 0, NULL, 0); }
static void p_n64(void *c, uint64_t v) { (void)c; plan_push(1, v, 0, NULL, 0); }
static void p_str(void *c, cbor_data d, size_t n) { (void)c; plan_push(3, 0, 0, d, n); }
static void p_bytes(void *c, cbor_data d, size_t n) { (void)c; plan_push(2, 0, 0, d, n); }
static void p_tag(void *c, uint64_t v) { (void)c; plan_push(6, v, 0, NULL, 0); }
static void p_arr(void *c, size_t n) { (void)c; plan_push(4, n, 0, NULL, 0); }
static void p_map(void *c, size_t n) { (void)c; plan_push(5, n, 0, NULL, 0); }
static void p_dbl(void *c, double v) { (void)c; plan_push(7, 0, v, NULL, 0); }
static void p_bool(void *c, bool v) { (void)c; plan_push(8, v, 0, NULL, 0); }

__attribute__((noinline)) static double encode_once(unsigned char *out, size_t capacity, size_t *written) {
    double start = cpu_seconds();
    size_t n = 0;
    for (size_t i = 0; i < plan_count; i++) {
        const item *it = &plan[i];
        switch (it->kind) {
        case 0: n += cbor_encode_uint(it->value, out + n, capacity - n); break;
        case 1: n += cbor_encode_negint(it->value, out + n, capacity - n); break;
        case 2: n += cbor_encode_bytestring_start(it->length, out + n, capacity - n);
                memcpy(out + n, it->data, it->length); n += it->length; break;
        case 3: n += cbor_encode_string_start(it->length, out + n, capacity - n);
                memcpy(out + n, it->data, it->length); n += it->length; break;
        case 6: n += cbor_encode_tag(it->value, out + n, capacity - n); break;
        case 4: n += cbor_encode_array_start(it->value, out + n, capacity - n); break;
        case 5: n += cbor_encode_map_start(it->value, out + n, capacity - n); break;
        case 7: n += cbor_encode_double(it->number, out + n, capacity - n); break;
        case 8: n += cbor_encode_bool(it->value, out + n, capacity - n); break;
        }
    }
    *written = n;
    return cpu_seconds() - start;
}

// Usage: libcbor_bench FOLDER ROUNDS NAME...; reads FOLDER/NAME.cbor and prints one JSON line
// per workload. Inputs under 64 KiB are processed 1000 times a round, as the Swift side does.
int main(int argc, char **argv) {
    const char *folder = argc > 1 ? argv[1] : "/tmp/concise-bench";
    int rounds = argc > 2 ? atoi(argv[2]) : 20;
    for (int w = 3; w < argc; w++) {
        const char *name = argv[w];
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.cbor", folder, name);
        size_t size;
        unsigned char *data = read_file(path, &size);
        int repeats = size < 65536 ? 1000 : 1;
        double best = 1e9;
        for (int r = 0; r < rounds; r++) {
            items = 0;
            double t = 0;
            for (int k = 0; k < repeats; k++) t += decode_once(data, size);
            if (t < best) best = t;
        }
        double decode_mbs = (double)size * repeats / 1e6 / best;

        struct cbor_callbacks planner = {
            .uint8 = p_u8, .uint16 = p_u16, .uint32 = p_u32, .uint64 = p_u64,
            .negint8 = p_n8, .negint16 = p_n16, .negint32 = p_n32, .negint64 = p_n64,
            .byte_string = p_bytes, .string = p_str, .array_start = p_arr, .map_start = p_map,
            .tag = p_tag, .float8 = p_dbl, .boolean = p_bool,
        };
        plan = malloc(sizeof(item) * (size + 1));
        plan_count = 0;
        for (size_t offset = 0; offset < size;) {
            struct cbor_decoder_result r = cbor_stream_decode(data + offset, size - offset, &planner, NULL);
            offset += r.read;
        }
        unsigned char *out = malloc(size + 16);
        size_t written = 0;
        best = 1e9;
        for (int r = 0; r < rounds; r++) {
            double t = 0;
            for (int k = 0; k < repeats; k++) t += encode_once(out, size + 16, &written);
            if (t < best) best = t;
        }
        if (written != size || memcmp(out, data, size) != 0) { fprintf(stderr, "%s: C re-encoding differs\n", name); return 1; }
        printf("{\"source\": \"libcbor (C)\", \"workload\": \"%s\", \"bytes\": %zu, \"decode\": %.1f, \"encode\": %.1f}\n",
               name, size, decode_mbs, (double)size * repeats / 1e6 / best);
        free(plan); free(out); free(data);
    }
    return 0;
}
