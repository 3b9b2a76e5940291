#include <gtest/gtest.h>

#include "itsm/tickets.h"

namespace sa::itsm {
namespace {

struct Cell {
  const char* impact;
  const char* urgency;
  const char* priority;
};

class PriorityMatrixTest : public testing::TestWithParam<Cell> {};

TEST_P(PriorityMatrixTest, DefaultFollowsItil) {
  PriorityMatrix matrix;
  EXPECT_EQ(matrix.Priority(GetParam().impact, GetParam().urgency), GetParam().priority);
}

INSTANTIATE_TEST_SUITE_P(Itil, PriorityMatrixTest,
                         testing::Values(Cell{"high", "high", "P1"}, Cell{"high", "medium", "P2"},
                                         Cell{"medium", "high", "P2"},
                                         Cell{"medium", "medium", "P3"}, Cell{"high", "low", "P3"},
                                         Cell{"low", "high", "P3"}, Cell{"medium", "low", "P4"},
                                         Cell{"low", "medium", "P4"}, Cell{"low", "low", "P4"}));

TEST(PriorityMatrixConfigTest, UnknownLevelsCountAsLow) {
  PriorityMatrix matrix;
  EXPECT_EQ(matrix.Priority("huge", "high"), "P3");
  EXPECT_EQ(matrix.Priority("", ""), "P4");
}

TEST(PriorityMatrixConfigTest, CellsCanBeReconfigured) {
  PriorityMatrix matrix;
  ASSERT_TRUE(matrix.Set("low", "high", "P2").ok());
  EXPECT_EQ(matrix.Priority("low", "high"), "P2");
  EXPECT_EQ(matrix.Priority("high", "low"), "P3");  // others unchanged
}

TEST(PriorityMatrixConfigTest, SetRejectsUnknownValues) {
  PriorityMatrix matrix;
  EXPECT_EQ(matrix.Set("huge", "high", "P1").code(), Code::kInvalidArgument);
  EXPECT_EQ(matrix.Set("high", "now", "P1").code(), Code::kInvalidArgument);
  EXPECT_EQ(matrix.Set("high", "high", "P0").code(), Code::kInvalidArgument);
  EXPECT_EQ(matrix.Set("high", "high", "P5").code(), Code::kInvalidArgument);
  EXPECT_EQ(matrix.Priority("high", "high"), "P1");
}

TEST(PriorityMatrixConfigTest, RaiseGoesOneLevelUpAndStopsAtP1) {
  EXPECT_EQ(PriorityMatrix::Raise("P4"), "P3");
  EXPECT_EQ(PriorityMatrix::Raise("P3"), "P2");
  EXPECT_EQ(PriorityMatrix::Raise("P2"), "P1");
  EXPECT_EQ(PriorityMatrix::Raise("P1"), "P1");
}

}  // namespace
}  // namespace sa::itsm
