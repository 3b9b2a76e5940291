#include "core/ids.h"

#include <gtest/gtest.h>

namespace sa {
namespace {

TEST(IdsTest, AcceptsPackIdsAndRejectsOthers) {
  EXPECT_TRUE(IsValidId("CHG-1001"));
  EXPECT_TRUE(IsValidId("kb.vpn_setup-2"));
  EXPECT_FALSE(IsValidId(""));
  EXPECT_FALSE(IsValidId("-leading"));
  EXPECT_FALSE(IsValidId("has space"));
  EXPECT_FALSE(IsValidId(std::string(65, 'a')));
}

TEST(IdsTest, ComparesIgnoringCase) { EXPECT_TRUE(SameId("chg-1001", "CHG-1001")); }

TEST(IdsTest, RandomTokensAreLongAndDistinct) {
  auto a = RandomHex(32), b = RandomHex(32);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
}

TEST(IdsTest, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace sa
