/* Tests of the C interface, compiled with gcc against include/concise.h and the built
 * libconcise.so: every function, every error path, NULL and empty inputs, 64 threads at once.
 * Prints "N passed, N failed" and exits non-zero on any failure. */
#include <concise.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;
#define CHECK(cond, ...) do { if (cond) { passed++; } else { failed++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

static void test_version(void) {
    const char *v = concise_version();
    CHECK(v != NULL && strlen(v) >= 5, "version %s", v ? v : "(null)");
}

static void test_validate(void) {
    concise_error err;
    const uint8_t ok[] = {0x82, 0x01, 0x61, 0x61};
    CHECK(concise_validate(ok, sizeof ok, NULL, &err) == 0 && err.code == 0, "valid item: %s", err.message);
    CHECK(concise_validate(ok, sizeof ok, NULL, NULL) == 0, "err may be NULL");

    const uint8_t huge[] = {0x9b, 0x80, 0, 0, 0, 0, 0, 0, 0};
    int rc = concise_validate(huge, sizeof huge, NULL, &err);
    CHECK(rc == CONCISE_E_TRUNCATED && err.code == rc && err.offset == 0 && strstr(err.message, "declares") != NULL,
          "huge array: rc=%d offset=%zu %s", rc, err.offset, err.message);

    CHECK(concise_validate(NULL, 0, NULL, &err) == CONCISE_E_TRUNCATED && err.offset == 0, "NULL, 0: %s", err.message);
    CHECK(concise_validate(NULL, 5, NULL, &err) == CONCISE_E_INVALID_ARGUMENT, "NULL, 5");

    const uint8_t trailing[] = {0x01, 0x02};
    CHECK(concise_validate(trailing, 2, NULL, &err) == CONCISE_E_TRAILING_DATA && err.offset == 1, "trailing: %zu", err.offset);
    const uint8_t utf8[] = {0x62, 0xc3, 0x28};
    CHECK(concise_validate(utf8, 3, NULL, &err) == CONCISE_E_INVALID_UTF8 && err.offset == 1, "utf8: %s", err.message);
    const uint8_t brk[] = {0xff};
    CHECK(concise_validate(brk, 1, NULL, &err) == CONCISE_E_UNEXPECTED_BREAK, "break: %s", err.message);
    const uint8_t reserved[] = {0x1c};
    CHECK(concise_validate(reserved, 1, NULL, &err) == CONCISE_E_RESERVED_ADDITIONAL_INFO, "reserved: %s", err.message);

    concise_limits limits = {2, 1, 1};
    const uint8_t deep[] = {0x81, 0x81, 0x81, 0x01};
    CHECK(concise_validate(deep, 4, &limits, &err) == CONCISE_E_DEPTH_LIMIT_EXCEEDED && err.offset == 3, "depth: %s", err.message);
    limits.max_depth = 0;
    CHECK(concise_validate(deep, 4, &limits, &err) == 0, "default depth");
    limits.allow_indefinite = 0;
    const uint8_t indefinite[] = {0x9f, 0xff};
    CHECK(concise_validate(indefinite, 2, &limits, &err) == CONCISE_E_INDEFINITE_LENGTH_NOT_ALLOWED, "indefinite: %s", err.message);
    limits.allow_indefinite = 1;
    limits.allow_duplicate_keys = 0;
    const uint8_t dup[] = {0xa2, 0x01, 0x02, 0x01, 0x03};
    CHECK(concise_validate(dup, 5, &limits, &err) == CONCISE_E_DUPLICATE_MAP_KEY && err.offset == 3, "dup: %s", err.message);

    uint8_t nested[100001];
    memset(nested, 0x81, sizeof nested - 1);
    nested[sizeof nested - 1] = 0;
    CHECK(concise_validate(nested, sizeof nested, NULL, &err) == CONCISE_E_DEPTH_LIMIT_EXCEEDED, "100k nesting");
}

static void test_diagnostic(void) {
    concise_error err;
    char *out = NULL;
    size_t len = 0;
    const uint8_t item[] = {0xa2, 0x61, 0x61, 0x01, 0x61, 0x62, 0x82, 0xf9, 0x3e, 0x00, 0x42, 0x01, 0x02};
    int rc = concise_to_diagnostic(item, sizeof item, &out, &len, &err);
    CHECK(rc == 0 && out && strcmp(out, "{\"a\": 1, \"b\": [1.5, h'0102']}") == 0 && len == strlen(out), "diag: %s", out ? out : err.message);
    concise_free(out);
    out = NULL;
    rc = concise_to_diagnostic(NULL, 0, &out, &len, &err);
    CHECK(rc == CONCISE_E_TRUNCATED && out == NULL, "empty diag");
    CHECK(concise_to_diagnostic(item, sizeof item, NULL, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "NULL out");
    const uint8_t bad[] = {0x5f, 0x01, 0xff};
    CHECK(concise_to_diagnostic(bad, 3, &out, &len, NULL) == CONCISE_E_INVALID_CHUNK, "bad chunk");
    /* [_ 23 (one-byte argument), 1.5 (single)] */
    const uint8_t encoded[] = {0x9f, 0x18, 0x17, 0xfa, 0x3f, 0xc0, 0x00, 0x00, 0xff};
    rc = concise_to_diagnostic_encoded(encoded, sizeof encoded, &out, &len, &err);
    CHECK(rc == 0 && out && strcmp(out, "[_ 23_0, 1.5_2]") == 0 && len == strlen(out), "encoded diag: %s", out ? out : err.message);
    concise_free(out);
    out = NULL;
    CHECK(concise_to_diagnostic_encoded(bad, 3, &out, &len, &err) == CONCISE_E_INVALID_CHUNK && err.offset == 1 && out == NULL,
          "encoded diag of a bad chunk");
    concise_free(NULL);
}

static void test_canonicalize(void) {
    concise_error err;
    uint8_t *out = NULL;
    size_t len = 0;
    /* {100: 1.5 (double), -1: 2} -> {-1: 2, 100: 1.5 (half)} */
    const uint8_t item[] = {0xa2, 0x18, 0x64, 0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0x20, 0x02};
    const uint8_t expected[] = {0xa2, 0x20, 0x02, 0x18, 0x64, 0xf9, 0x3e, 0x00};
    int rc = concise_canonicalize(item, sizeof item, &out, &len, &err);
    CHECK(rc == 0 && len == sizeof expected && memcmp(out, expected, len) == 0, "canonicalize rc=%d len=%zu", rc, len);
    concise_free(out);
    const uint8_t truncated[] = {0xa2, 0x18};
    CHECK(concise_canonicalize(truncated, 2, &out, &len, &err) == CONCISE_E_TRUNCATED && err.offset == 0, "truncated: %s", err.message);
}

static void test_json_arguments(void) {
    concise_error err;
    char *text = NULL;
    uint8_t *bytes = NULL;
    size_t len = 0;
    const uint8_t item[] = {0x01};
    CHECK(concise_cbor_to_json(item, 1, 7, &text, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "bad flavor");
    CHECK(concise_json_to_cbor("1", 1, 9, &bytes, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "bad flavor");
    CHECK(concise_json_to_cbor(NULL, 3, 0, &bytes, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "NULL json");
    CHECK(concise_json_to_cbor(NULL, 0, 0, &bytes, &len, &err) == CONCISE_E_INVALID_JSON, "empty json: %s", err.message);
    CHECK(concise_cbor_to_json(NULL, 0, 0, &text, &len, &err) == CONCISE_E_TRUNCATED, "empty cbor");
    CHECK(concise_cbor_to_json(NULL, 0, 1, &text, &len, &err) == CONCISE_E_TRUNCATED, "empty cbor, concrete");
}

static void test_json_cbor2tool(void) {
    concise_error err;
    char *text = NULL;
    uint8_t *bytes = NULL;
    size_t len = 0;
    /* {"a": 1, "b": [1.5, h'4869'], 1: undefined} */
    const uint8_t item[] = {0xa3, 0x61, 'a', 0x01, 0x61, 'b', 0x82, 0xf9, 0x3e, 0x00, 0x42, 'H', 'i', 0x01, 0xf7};
    int rc = concise_cbor_to_json(item, sizeof item, CONCISE_JSON_CBOR2TOOL, &text, &len, &err);
    CHECK(rc == 0 && text && strcmp(text, "{\"a\": 1, \"b\": [1.5, \"Hi\"], \"1\": \"cbor:undef\"}") == 0 && len == strlen(text),
          "cbor2tool json: %s", text ? text : err.message);
    concise_free(text);
    const char *json = "{\"a\": [1, 2.5, null]}";
    const uint8_t expected[] = {0xa1, 0x61, 'a', 0x83, 0x01, 0xfb, 0x40, 0x04, 0, 0, 0, 0, 0, 0, 0xf6};
    rc = concise_json_to_cbor(json, strlen(json), CONCISE_JSON_CBOR2TOOL, &bytes, &len, &err);
    CHECK(rc == 0 && len == sizeof expected && memcmp(bytes, expected, len) == 0, "json to cbor rc=%d len=%zu", rc, len);
    concise_free(bytes);
    const char *broken = "{\"a\":\n [1, }";
    rc = concise_json_to_cbor(broken, strlen(broken), CONCISE_JSON_CBOR2TOOL, &bytes, &len, &err);
    CHECK(rc == CONCISE_E_INVALID_JSON && err.offset == 11 && strstr(err.message, "line 2, column 6"), "broken json: %d %zu %s", rc, err.offset, err.message);
}

static void test_json_concrete(void) {
    concise_error err;
    char *text = NULL;
    uint8_t *bytes = NULL;
    size_t len = 0, text_len = 0;
    const char *json = "{\"w\": {\"type_name\": \"numpy_array\", \"serialized_value\": [[1.5, -0.0], [NaN, 0.25]], \"dtype\": \"float32\"}, "
                       "\"t\": {\"type_name\": \"tuple\", \"serialized_value\": [1, \"\\u00e9\"]}}";
    int rc = concise_json_to_cbor(json, strlen(json), CONCISE_JSON_CONCRETE, &bytes, &len, &err);
    CHECK(rc == 0 && len > 20 && bytes[3] == 0xd8 && bytes[4] == 40, "concrete to cbor rc=%d %s", rc, err.message);
    rc = concise_cbor_to_json(bytes, len, CONCISE_JSON_CONCRETE, &text, &text_len, &err);
    CHECK(rc == 0 && text && strcmp(text, json) == 0, "concrete round trip: %s", text ? text : err.message);
    concise_free(text);
    concise_free(bytes);
    const char *no_dtype = "{\"type_name\": \"numpy_array\", \"serialized_value\": [1]}";
    rc = concise_json_to_cbor(no_dtype, strlen(no_dtype), CONCISE_JSON_CONCRETE, &bytes, &len, &err);
    CHECK(rc == CONCISE_E_INVALID_JSON && strstr(err.message, "dtype"), "missing dtype: %d %s", rc, err.message);
    const uint8_t opaque[] = {0x41, 0x00};
    rc = concise_cbor_to_json(opaque, sizeof opaque, CONCISE_JSON_CONCRETE, &text, &text_len, &err);
    CHECK(rc == CONCISE_E_UNSUPPORTED_VALUE, "byte string has no concrete form: %d", rc);
}

static void *worker(void *arg) {
    long id = (long)arg;
    int *failures = calloc(1, sizeof(int));
    uint8_t item[] = {0x83, 0x01, 0x62, 'h', 'i', 0xa1, 0x01, 0x18, 0x00};
    item[8] = (uint8_t)id;
    for (int i = 0; i < 2000; i++) {
        concise_error err;
        char *out = NULL;
        size_t len = 0;
        if (concise_validate(item, sizeof item, NULL, &err) != 0) (*failures)++;
        if (concise_to_diagnostic(item, sizeof item, &out, &len, &err) != 0) (*failures)++;
        char expected[64];
        snprintf(expected, sizeof expected, "[1, \"hi\", {1: %ld}]", id);
        if (!out || strcmp(out, expected) != 0) (*failures)++;
        concise_free(out);
        if (concise_validate(item, sizeof item - 1, NULL, &err) != CONCISE_E_TRUNCATED) (*failures)++;
        if (i % 20 == 0) {
            uint8_t *cbor = NULL;
            char json[96];
            snprintf(json, sizeof json, "{\"type_name\": \"tuple\", \"serialized_value\": [%ld, 0.5]}", id);
            if (concise_json_to_cbor(json, strlen(json), CONCISE_JSON_CONCRETE, &cbor, &len, &err) != 0) (*failures)++;
            if (concise_cbor_to_json(cbor, len, CONCISE_JSON_CONCRETE, &out, &len, &err) != 0 || strcmp(out, json) != 0) (*failures)++;
            concise_free(cbor);
            concise_free(out);
        }
    }
    return failures;
}

static void test_threads(void) {
    pthread_t threads[64];
    for (long i = 0; i < 64; i++) pthread_create(&threads[i], NULL, worker, (void *)i);
    int total = 0;
    for (int i = 0; i < 64; i++) {
        void *result;
        pthread_join(threads[i], &result);
        total += *(int *)result;
        free(result);
    }
    CHECK(total == 0, "64 threads: %d failures", total);
}

int main(void) {
    test_version();
    test_validate();
    test_diagnostic();
    test_canonicalize();
    test_json_arguments();
    test_json_cbor2tool();
    test_json_concrete();
    test_threads();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
