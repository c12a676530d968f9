/*
 * concise.h — the C interface of Concise, a CBOR (RFC 8949) codec.
 *
 * Every function returns 0 on success or a positive error code (the codes of CBORError, see
 * CONCISE_E_* below). `err` may be NULL; when given, it receives the code, the byte offset of
 * the problem in the input (0 when none applies) and a NUL-terminated message. Outputs are
 * allocated with malloc: release them with concise_free. Textual outputs are NUL-terminated
 * (the NUL is not counted in *out_len). out itself is required (NULL: CONCISE_E_INVALID_ARGUMENT);
 * out_len and count may be NULL. On failure *out is set to NULL and *out_len (*count) to 0, so
 * that concise_free(*out) is safe whatever the result. NULL data with length 0 is a legal call
 * (empty CBOR is CONCISE_E_TRUNCATED, empty JSON CONCISE_E_INVALID_JSON); NULL data with another
 * length, or a length above PTRDIFF_MAX (such as SIZE_MAX), is CONCISE_E_INVALID_ARGUMENT and
 * the data is not read. Every function may be called from many threads at once.
 */
#ifndef CONCISE_H
#define CONCISE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct concise_error {
    int code;
    size_t offset;
    char message[256];
} concise_error;

typedef struct concise_limits {
    size_t max_depth;          /* 0: the default, 400; above 2048 (SIZE_MAX too): 2048 */
    int allow_indefinite;      /* non-zero: accept indefinite-length items */
    int allow_duplicate_keys;  /* non-zero: accept a map key twice */
} concise_limits;

enum { CONCISE_JSON_CBOR2TOOL = 0, CONCISE_JSON_CONCRETE = 1 };

enum {
    CONCISE_OK = 0,
    CONCISE_E_TRUNCATED = 1,
    CONCISE_E_MALFORMED = 2,
    CONCISE_E_RESERVED_ADDITIONAL_INFO = 3,
    CONCISE_E_INVALID_INDEFINITE_LENGTH = 4,
    CONCISE_E_UNEXPECTED_BREAK = 5,
    CONCISE_E_INVALID_CHUNK = 6,
    CONCISE_E_INVALID_SIMPLE_VALUE = 7,
    CONCISE_E_INVALID_UTF8 = 8,
    CONCISE_E_DEPTH_LIMIT_EXCEEDED = 9,
    CONCISE_E_TRAILING_DATA = 10,
    CONCISE_E_INDEFINITE_LENGTH_NOT_ALLOWED = 11,
    CONCISE_E_DUPLICATE_MAP_KEY = 12,
    CONCISE_E_INVALID_TAG_CONTENT = 13,
    CONCISE_E_UNKNOWN_SHARED_REFERENCE = 14,
    CONCISE_E_UNKNOWN_STRING_REFERENCE = 15,
    CONCISE_E_NO_ENCODER_FOR_TYPE = 16,
    CONCISE_E_CYCLIC_STRUCTURE = 17,
    CONCISE_E_UNSUPPORTED_VALUE = 18,
    CONCISE_E_INVALID_ARGUMENT = 100,  /* a required pointer NULL, a bad flavor or element type, a size too large */
    CONCISE_E_INVALID_JSON = 101,      /* JSON input that does not parse */
    CONCISE_E_UNSUPPORTED = 102        /* not available in this build, or out of memory */
};

/* The library version, such as "0.1.0". */
const char *concise_version(void);

/* Checks that data holds exactly one well-formed CBOR item within the limits (NULL: defaults). */
int concise_validate(const uint8_t *data, size_t len, const concise_limits *limits, concise_error *err);

/* RFC 8949 §8 diagnostic notation of the item. */
int concise_to_diagnostic(const uint8_t *data, size_t len, char **out, size_t *out_len, concise_error *err);

/* The same with §8.1 encoding indicators, which show how the item is encoded: "23_0" (a wider
   argument than needed), "1.5_3" (a double), "[_ 1]" (indefinite), "(_ h'01', h'02')". */
int concise_to_diagnostic_encoded(const uint8_t *data, size_t len, char **out, size_t *out_len, concise_error *err);

/* CBOR to JSON: CONCISE_JSON_CBOR2TOOL (as `python -m cbor2.tool`) or CONCISE_JSON_CONCRETE. */
int concise_cbor_to_json(const uint8_t *data, size_t len, int flavor, char **out, size_t *out_len, concise_error *err);

/* JSON to CBOR, in the given flavor. */
int concise_json_to_cbor(const char *json, size_t len, int flavor, uint8_t **out, size_t *out_len, concise_error *err);

/* The canonical form of the item: sorted keys (length-first, as cbor2), shortest floats. */
int concise_canonicalize(const uint8_t *data, size_t len, uint8_t **out, size_t *out_len, concise_error *err);

/* Element types of RFC 8746 typed arrays, in the host's layout (little-endian on the platforms
   Concise builds for). Concise writes the little-endian tags: 64 (uint8), 69 (uint16), 70
   (uint32), 71 (uint64), 72 (int8), 77 (int16), 78 (int32), 79 (int64), 84 (float16), 85
   (float32), 86 (float64). */
enum {
    CONCISE_UINT8 = 1, CONCISE_UINT16 = 2, CONCISE_UINT32 = 3, CONCISE_UINT64 = 4,
    CONCISE_INT8 = 5, CONCISE_INT16 = 6, CONCISE_INT32 = 7, CONCISE_INT64 = 8,
    CONCISE_FLOAT16 = 9, CONCISE_FLOAT32 = 10, CONCISE_FLOAT64 = 11
};

/* Encodes count elements of element_type (CONCISE_FLOAT64…) at elements (aligned for that
   type, as a C array of it is) as one RFC 8746 typed array: the tag, then a byte string of the
   elements' bytes. elements may be NULL when count is 0. */
int concise_typed_array_encode(const void *elements, size_t count, int element_type, uint8_t **out, size_t *out_len,
                               concise_error *err);

/* Decodes data, exactly one typed array of element_type, into a new array of *count elements
   (*out, never NULL on success, even for 0 elements). Another item or tag, content that is not
   a byte string, or a length that is not a whole number of elements: CONCISE_E_INVALID_TAG_CONTENT
   at offset 0. Byte strings in chunks are accepted. */
int concise_typed_array_decode(const uint8_t *data, size_t len, int element_type, void **out, size_t *count,
                               concise_error *err);

/* Releases an output of the functions above. NULL is allowed. */
void concise_free(void *p);

#ifdef __cplusplus
}
#endif

#endif /* CONCISE_H */
