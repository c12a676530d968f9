/* Tests of the C interface, compiled with gcc against include/concise.h and the built
 * libconcise.so: every function, every error path, NULL and empty inputs, 64 threads at once.
 * Prints "N passed, N failed" and exits non-zero on any failure. */
#include <concise.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static void test_typed_arrays(void) {
    concise_error err;
    uint8_t *out = NULL;
    size_t len = 0;
    /* [1.5, -2.0] as float64: tag 86, a 16-byte string of the little-endian doubles. */
    const double doubles[] = {1.5, -2.0};
    const uint8_t expected[] = {0xd8, 0x56, 0x50, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0xc0};
    int rc = concise_typed_array_encode(doubles, 2, CONCISE_FLOAT64, &out, &len, &err);
    CHECK(rc == 0 && len == sizeof expected && memcmp(out, expected, len) == 0, "float64 encode rc=%d len=%zu", rc, len);
    void *elements = NULL;
    size_t count = 0;
    rc = concise_typed_array_decode(out, len, CONCISE_FLOAT64, &elements, &count, &err);
    CHECK(rc == 0 && count == 2 && memcmp(elements, doubles, sizeof doubles) == 0, "float64 decode rc=%d count=%zu", rc, count);
    concise_free(elements);
    /* The same bytes are not a float32 array, and a byte short is truncated. */
    rc = concise_typed_array_decode(out, len, CONCISE_FLOAT32, &elements, &count, &err);
    CHECK(rc == CONCISE_E_INVALID_TAG_CONTENT && err.offset == 0, "float32 from float64: rc=%d %s", rc, err.message);
    rc = concise_typed_array_decode(out, len - 1, CONCISE_FLOAT64, &elements, &count, &err);
    CHECK(rc == CONCISE_E_TRUNCATED && err.offset == 2, "truncated: rc=%d offset=%zu %s", rc, err.offset, err.message);
    concise_free(out);

    /* uint8 (tag 64), int16 (tag 77), float16 (tag 84) and an empty int32 array (tag 78). */
    const uint8_t bytes[] = {1, 2, 3};
    const uint8_t bytes_expected[] = {0xd8, 0x40, 0x43, 1, 2, 3};
    rc = concise_typed_array_encode(bytes, 3, CONCISE_UINT8, &out, &len, &err);
    CHECK(rc == 0 && len == sizeof bytes_expected && memcmp(out, bytes_expected, len) == 0, "uint8 encode rc=%d", rc);
    concise_free(out);
    const int16_t shorts[] = {-1, 300, 32767};
    const uint8_t shorts_expected[] = {0xd8, 0x4d, 0x46, 0xff, 0xff, 0x2c, 0x01, 0xff, 0x7f};
    rc = concise_typed_array_encode(shorts, 3, CONCISE_INT16, &out, &len, &err);
    CHECK(rc == 0 && len == sizeof shorts_expected && memcmp(out, shorts_expected, len) == 0, "int16 encode rc=%d", rc);
    rc = concise_typed_array_decode(out, len, CONCISE_INT16, &elements, &count, &err);
    CHECK(rc == 0 && count == 3 && memcmp(elements, shorts, sizeof shorts) == 0, "int16 decode rc=%d count=%zu", rc, count);
    concise_free(elements);
    concise_free(out);
    const uint16_t half_one = 0x3c00;
    const uint8_t half_expected[] = {0xd8, 0x54, 0x42, 0x00, 0x3c};
    rc = concise_typed_array_encode(&half_one, 1, CONCISE_FLOAT16, &out, &len, &err);
    CHECK(rc == 0 && len == sizeof half_expected && memcmp(out, half_expected, len) == 0, "float16 encode rc=%d", rc);
    concise_free(out);
    const uint8_t empty_expected[] = {0xd8, 0x4e, 0x40};
    rc = concise_typed_array_encode(NULL, 0, CONCISE_INT32, &out, &len, &err);
    CHECK(rc == 0 && len == sizeof empty_expected && memcmp(out, empty_expected, len) == 0, "empty int32 rc=%d", rc);
    elements = NULL;
    rc = concise_typed_array_decode(out, len, CONCISE_INT32, &elements, &count, &err);
    CHECK(rc == 0 && count == 0 && elements != NULL, "empty int32 decode rc=%d count=%zu", rc, count);
    concise_free(elements);
    concise_free(out);

    /* Chunked byte strings are read; trailing bytes and other items are errors. */
    const uint8_t chunked[] = {0xd8, 0x40, 0x5f, 0x41, 7, 0x42, 8, 9, 0xff};
    rc = concise_typed_array_decode(chunked, sizeof chunked, CONCISE_UINT8, &elements, &count, &err);
    CHECK(rc == 0 && count == 3 && memcmp(elements, (uint8_t[]){7, 8, 9}, 3) == 0, "chunked rc=%d count=%zu", rc, count);
    concise_free(elements);
    const uint8_t trailing[] = {0xd8, 0x40, 0x41, 7, 0x00};
    rc = concise_typed_array_decode(trailing, sizeof trailing, CONCISE_UINT8, &elements, &count, &err);
    CHECK(rc == CONCISE_E_TRAILING_DATA && err.offset == 4, "trailing rc=%d offset=%zu", rc, err.offset);
    const uint8_t array[] = {0x82, 0x01, 0x02};
    rc = concise_typed_array_decode(array, sizeof array, CONCISE_UINT8, &elements, &count, &err);
    CHECK(rc == CONCISE_E_INVALID_TAG_CONTENT && err.offset == 0, "an array: rc=%d %s", rc, err.message);

    /* Arguments. */
    CHECK(concise_typed_array_encode(NULL, 3, CONCISE_FLOAT64, &out, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "NULL, 3");
    CHECK(concise_typed_array_encode(doubles, 2, 0, &out, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "element type 0");
    CHECK(concise_typed_array_encode(doubles, 2, CONCISE_FLOAT64, NULL, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "out NULL");
    CHECK(concise_typed_array_encode(doubles, SIZE_MAX / 4, CONCISE_FLOAT64, &out, &len, &err) == CONCISE_E_INVALID_ARGUMENT,
          "a count that overflows: %s", err.message);
    /* A count past INT64_MAX is reported as the caller passed it, not as a negative number. */
    CHECK(concise_typed_array_encode(doubles, (size_t)1 << 63, CONCISE_FLOAT64, &out, &len, &err) == CONCISE_E_INVALID_ARGUMENT
              && strstr(err.message, "9223372036854775808 elements") != NULL && strchr(err.message, '-') == NULL,
          "a count of 2^63: %s", err.message);
    CHECK(concise_typed_array_decode(bytes_expected, sizeof bytes_expected, 12, &elements, &count, &err) == CONCISE_E_INVALID_ARGUMENT,
          "element type 12");
    CHECK(concise_typed_array_decode(NULL, 0, CONCISE_UINT8, &elements, &count, &err) == CONCISE_E_TRUNCATED, "NULL, 0");
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

/* Lengths past PTRDIFF_MAX (SIZE_MAX: a length of -1 computed in size_t) are invalid arguments:
 * the data is never read. They used to crash (diagnostic, JSON) or report a truncation. */
static void test_huge_lengths(void) {
    concise_error err;
    const uint8_t one[] = {0x01};
    char *text = NULL;
    uint8_t *bytes = NULL;
    void *elements = NULL;
    size_t len = 7, count = 7;
    const size_t lengths[] = {SIZE_MAX, (size_t)PTRDIFF_MAX + 1};
    for (int i = 0; i < 2; i++) {
        size_t n = lengths[i];
        CHECK(concise_validate(one, n, NULL, &err) == CONCISE_E_INVALID_ARGUMENT && strstr(err.message, "PTRDIFF_MAX"),
              "validate, %zu: %d %s", n, err.code, err.message);
        CHECK(concise_to_diagnostic(one, n, &text, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "diagnostic, %zu", n);
        CHECK(concise_to_diagnostic_encoded(one, n, &text, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "encoded diagnostic, %zu", n);
        CHECK(concise_canonicalize(one, n, &bytes, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "canonicalize, %zu", n);
        CHECK(concise_cbor_to_json(one, n, CONCISE_JSON_CBOR2TOOL, &text, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "cbor2tool json, %zu", n);
        CHECK(concise_cbor_to_json(one, n, CONCISE_JSON_CONCRETE, &text, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "concrete json, %zu", n);
        CHECK(concise_json_to_cbor("1", n, CONCISE_JSON_CBOR2TOOL, &bytes, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "json to cbor, %zu", n);
        CHECK(concise_json_to_cbor("1", n, CONCISE_JSON_CONCRETE, &bytes, &len, &err) == CONCISE_E_INVALID_ARGUMENT, "concrete to cbor, %zu", n);
        CHECK(concise_typed_array_decode(one, n, CONCISE_UINT8, &elements, &count, &err) == CONCISE_E_INVALID_ARGUMENT, "typed array, %zu", n);
        CHECK(concise_validate(NULL, n, NULL, &err) == CONCISE_E_INVALID_ARGUMENT, "NULL, %zu", n);
    }
    CHECK(text == NULL && bytes == NULL && elements == NULL && len == 0 && count == 0, "outputs of the failures are cleared");
    /* A byte count that malloc cannot give: out of memory is CONCISE_E_UNSUPPORTED. */
    if (getenv("CONCISE_NO_HUGE_MALLOC") == NULL) {
        bytes = (uint8_t *)one;
        CHECK(concise_typed_array_encode(one, (size_t)PTRDIFF_MAX / 2, CONCISE_UINT8, &bytes, &len, &err) == CONCISE_E_UNSUPPORTED
                  && strstr(err.message, "out of memory") && bytes == NULL && len == 0,
              "out of memory: %d %s", err.code, err.message);
    }
}

/* On failure *out is NULL and *out_len (or *count) 0, whatever they held: concise_free(*out)
 * is always safe, as the example in CInterface.md does. They used to be left untouched. */
static void test_outputs_on_failure(void) {
    concise_error err;
    const uint8_t truncated[] = {0x82, 0x01};
    char dummy;
    char *text = &dummy;
    uint8_t *bytes = (uint8_t *)&dummy;
    void *elements = &dummy;
    size_t len = 7, count = 7;
#define RESET() (text = &dummy, bytes = (uint8_t *)&dummy, elements = &dummy, len = 7, count = 7)
    CHECK(concise_to_diagnostic(truncated, 2, &text, &len, &err) == CONCISE_E_TRUNCATED && text == NULL && len == 0, "diagnostic");
    RESET();
    CHECK(concise_to_diagnostic_encoded(truncated, 2, &text, &len, &err) == CONCISE_E_TRUNCATED && text == NULL && len == 0, "encoded");
    RESET();
    CHECK(concise_canonicalize(truncated, 2, &bytes, &len, &err) == CONCISE_E_TRUNCATED && bytes == NULL && len == 0, "canonical");
    RESET();
    CHECK(concise_cbor_to_json(truncated, 2, CONCISE_JSON_CBOR2TOOL, &text, &len, &err) == CONCISE_E_TRUNCATED && text == NULL && len == 0,
          "cbor to json");
    RESET();
    CHECK(concise_cbor_to_json(truncated, 2, 5, &text, &len, &err) == CONCISE_E_INVALID_ARGUMENT && text == NULL && len == 0, "flavor");
    RESET();
    CHECK(concise_json_to_cbor("[1,", 3, CONCISE_JSON_CONCRETE, &bytes, &len, &err) == CONCISE_E_INVALID_JSON && bytes == NULL && len == 0,
          "json to cbor");
    RESET();
    CHECK(concise_typed_array_encode(NULL, 2, CONCISE_UINT8, &bytes, &len, &err) == CONCISE_E_INVALID_ARGUMENT && bytes == NULL && len == 0,
          "typed array encode");
    RESET();
    CHECK(concise_typed_array_decode(truncated, 2, CONCISE_UINT8, &elements, &count, &err) == CONCISE_E_TRUNCATED && elements == NULL
              && count == 0, "typed array decode");
    RESET();
    CHECK(concise_canonicalize(truncated, 2, NULL, &len, &err) == CONCISE_E_INVALID_ARGUMENT && len == 0, "out NULL, out_len given");
    CHECK(concise_canonicalize(truncated, 2, &bytes, &len, &err) == CONCISE_E_TRUNCATED, "canonical");
    concise_free(bytes); /* NULL after the failure */
#undef RESET
    /* out_len and count may be NULL: the output is still made. */
    const uint8_t one[] = {0x01};
    text = NULL;
    CHECK(concise_to_diagnostic(one, 1, &text, NULL, &err) == 0 && text && strcmp(text, "1") == 0, "out_len NULL");
    concise_free(text);
    const uint8_t typed[] = {0xd8, 0x40, 0x41, 7};
    elements = NULL;
    CHECK(concise_typed_array_decode(typed, sizeof typed, CONCISE_UINT8, &elements, NULL, &err) == 0 && elements
              && *(uint8_t *)elements == 7, "count NULL");
    concise_free(elements);
}

/* max_depth above the ceiling (2048) is the ceiling; SIZE_MAX used to be read as -1 and fall
 * back to the default 400. */
static void test_max_depth_ceiling(void) {
    concise_error err;
    static uint8_t nested[3001];
    memset(nested, 0x81, sizeof nested - 1);
    nested[sizeof nested - 1] = 0;
    concise_limits limits = {SIZE_MAX, 1, 1};
    CHECK(concise_validate(nested + 3000 - 500, 501, &limits, &err) == 0, "500 levels, max_depth SIZE_MAX: %s", err.message);
    CHECK(concise_validate(nested, sizeof nested, &limits, &err) == CONCISE_E_DEPTH_LIMIT_EXCEEDED && err.offset == 2049,
          "3000 levels, max_depth SIZE_MAX: %zu %s", err.offset, err.message);
    limits.max_depth = (size_t)1 << 40;
    CHECK(concise_validate(nested + 3000 - 2048, 2049, &limits, &err) == 0, "2048 levels, max_depth 2^40: %s", err.message);
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

/* Every function from 8 threads at once for CONCISE_STRESS_SECONDS (default 2), successes and
 * failures mixed, each result checked: for ThreadSanitizer, valgrind --tool=helgrind or plain. */
static int stress_stop; /* read and written with __atomic builtins */

static void *stress_worker(void *arg) {
    long id = (long)arg;
    int *failures = calloc(1, sizeof(int));
    const uint8_t item[] = {0xa2, 0x18, 0x64, 0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0x20, (uint8_t)(id & 0x17)};
    const uint8_t canonical[] = {0xa2, 0x20, (uint8_t)(id & 0x17), 0x18, 0x64, 0xf9, 0x3e, 0x00};
    double doubles[64];
    for (int i = 0; i < 64; i++) doubles[i] = (double)id * 1000 + i;
    char expected[64];
    snprintf(expected, sizeof expected, "{100: 1.5, -1: %d}", (int)(id & 0x17));
    while (!__atomic_load_n(&stress_stop, __ATOMIC_RELAXED)) {
        concise_error err;
        char *text = NULL;
        uint8_t *bytes = NULL;
        void *elements = NULL;
        size_t len = 0, count = 0;
        if (concise_validate(item, sizeof item, NULL, &err) != 0) (*failures)++;
        if (concise_validate(item, sizeof item - 1, NULL, &err) != CONCISE_E_TRUNCATED || err.offset != 13) (*failures)++;
        if (concise_to_diagnostic(item, sizeof item, &text, &len, &err) != 0 || strcmp(text, expected) != 0) (*failures)++;
        concise_free(text);
        if (concise_to_diagnostic_encoded(item, sizeof item, &text, &len, &err) != 0 || strstr(text, "1.5_3") == NULL) (*failures)++;
        concise_free(text);
        if (concise_canonicalize(item, sizeof item, &bytes, &len, &err) != 0 || len != sizeof canonical
            || memcmp(bytes, canonical, len) != 0) (*failures)++;
        concise_free(bytes);
        if (concise_cbor_to_json(item, sizeof item, CONCISE_JSON_CBOR2TOOL, &text, &len, &err) != 0) (*failures)++;
        concise_free(text);
        if (concise_json_to_cbor("{\"a\": [1, 2.5]}", 15, CONCISE_JSON_CBOR2TOOL, &bytes, &len, &err) != 0) (*failures)++;
        concise_free(bytes);
        if (concise_json_to_cbor("[1,", 3, CONCISE_JSON_CONCRETE, &bytes, &len, &err) != CONCISE_E_INVALID_JSON || bytes != NULL) (*failures)++;
        if (concise_typed_array_encode(doubles, 64, CONCISE_FLOAT64, &bytes, &len, &err) != 0) (*failures)++;
        if (concise_typed_array_decode(bytes, len, CONCISE_FLOAT64, &elements, &count, &err) != 0 || count != 64
            || memcmp(elements, doubles, sizeof doubles) != 0) (*failures)++;
        concise_free(elements);
        concise_free(bytes);
    }
    return failures;
}

static void test_stress(void) {
    const char *env = getenv("CONCISE_STRESS_SECONDS");
    unsigned seconds = env ? (unsigned)atoi(env) : 2;
    pthread_t threads[8];
    __atomic_store_n(&stress_stop, 0, __ATOMIC_RELAXED);
    for (long i = 0; i < 8; i++) pthread_create(&threads[i], NULL, stress_worker, (void *)i);
    sleep(seconds);
    __atomic_store_n(&stress_stop, 1, __ATOMIC_RELAXED);
    int total = 0;
    for (int i = 0; i < 8; i++) {
        void *result;
        pthread_join(threads[i], &result);
        total += *(int *)result;
        free(result);
    }
    CHECK(total == 0, "8 threads for %u s: %d failures", seconds, total);
}

int main(void) {
    test_version();
    test_validate();
    test_diagnostic();
    test_canonicalize();
    test_typed_arrays();
    test_json_arguments();
    test_json_cbor2tool();
    test_json_concrete();
    test_huge_lengths();
    test_outputs_on_failure();
    test_max_depth_ceiling();
    test_threads();
    test_stress();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
