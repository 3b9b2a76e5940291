// Masks secrets users type (passwords, card numbers, API tokens) before
// anything is stored or logged. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sa::dialogue {

struct Masked {
  std::string text;      // the message with each secret replaced by "[hidden]"
  bool changed = false;  // true when something was hidden
};

// Hides: a word following "password/пароль/密码 ... is/:/=" ; digit runs that
// pass the Luhn check (13-19 digits, spaces or dashes allowed); long random-looking
// tokens (24+ letters and digits mixed).
Masked MaskSecrets(std::string_view text);

}  // namespace sa::dialogue
