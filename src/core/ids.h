// Identifiers: validation of pack ids and generation of random ids and secrets.
// All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sa {

// True for `[A-Za-z0-9][A-Za-z0-9._-]{0,63}` (shared/orgpack/FORMAT.md).
bool IsValidId(std::string_view id);
// ASCII lower-case copy; ids compare ignoring case ("chg-1001" == "CHG-1001").
std::string FoldId(std::string_view id);
bool SameId(std::string_view a, std::string_view b);

// `bytes` bytes from the OS's CSPRNG (libsodium), hex encoded (2*bytes chars).
std::string RandomHex(size_t bytes);
// A random RFC 4122 version-4 UUID string.
std::string NewUuid();
// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Constant-time equality of two strings (for secrets and hashes).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace sa
