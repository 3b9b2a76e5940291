#include "automation/random.h"

#include <sodium.h>

#include <stdexcept>

namespace sa::automation::internal {

uint32_t RandomBelow(uint32_t upper_bound) {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    return true;
  }();
  (void)ready;
  return randombytes_uniform(upper_bound);
}

}  // namespace sa::automation::internal
