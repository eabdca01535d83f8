#pragma once
// Result type of every core API: a value, or an Error with one user-readable sentence.
// Nothing throws across the core API or a thread boundary.

#include <QString>
#include <tl/expected.hpp>

namespace bulkhead {

struct Error {
    QString message;   // one clear sentence, shown to the user as is
    int code = 0;      // optional machine-readable detail (ErrorCode below)
};

enum ErrorCode : int {
    GenericError = 0,
    NotFound = 1,
    InvalidInput = 2,      // corrupt or unsupported input (bad tarball, bad JSON, digest mismatch)
    LimitExceeded = 3,     // decompression bomb, size limits
    Cancelled = 4,
    IoError = 5,
    NetworkError = 6,
    AuthError = 7,
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(const QString &message, int code = GenericError)
{
    return tl::unexpected<Error>(Error{message, code});
}

} // namespace bulkhead
