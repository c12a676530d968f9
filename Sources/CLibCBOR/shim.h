// The one header through which Concise sees libcbor (Debian's libcbor-dev 0.8).
// Only Sources/Concise/LibCBOR/ imports this module, with `internal import`.
#ifndef CONCISE_CLIBCBOR_SHIM_H
#define CONCISE_CLIBCBOR_SHIM_H
#include <cbor.h>
#endif
