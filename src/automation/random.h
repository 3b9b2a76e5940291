// Private to sa_automation: uniform random integers from the OS CSPRNG.
#pragma once

#include <cstdint>

namespace sa::automation::internal {

// Uniform in [0, upper_bound); upper_bound > 0. Thread-safe.
uint32_t RandomBelow(uint32_t upper_bound);

}  // namespace sa::automation::internal
