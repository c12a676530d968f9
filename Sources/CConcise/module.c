/* CConcise only carries include/concise.h to Swift; it has no code of its own. */
#include "concise.h"
