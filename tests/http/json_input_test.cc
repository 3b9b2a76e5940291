#include "http/json_input.h"

#include <gtest/gtest.h>

#include "http/message.h"

namespace sa::http {
namespace {

TEST(JsonInputTest, MalformedJsonNamesTheParseError) {
  auto r = ParseJsonObject("{\"title\": ");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("malformed JSON"), std::string::npos);
  EXPECT_NE(r.status().message().find("line 1"), std::string::npos);
}

TEST(JsonInputTest, RejectsNonObjectBodies) {
  auto r = ParseJsonObject("[1, 2]");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("expected an object, got array"), std::string::npos);
}

TEST(JsonInputTest, EmptyBodyIsAnObjectOnlyWhenAllowed) {
  EXPECT_FALSE(ParseJsonObject("").ok());
  EXPECT_TRUE(ParseJsonObject("", true).ok());
}

TEST(JsonInputTest, UnknownFieldIsNamed) {
  Json j = {{"title", "x"}, {"foo", 1}};
  JsonReader in(j, {"title"});
  EXPECT_EQ(in.status().message(), "unknown field \"foo\"");
}

TEST(JsonInputTest, WrongTypeNamesFieldAndExpectedType) {
  Json j = {{"limit", "ten"}, {"title", 3}};
  JsonReader in(j, {"limit", "title"});
  in.OptInt("limit");
  in.OptString("title");
  EXPECT_EQ(in.status().message(), "field \"limit\": expected integer, got string");
}

TEST(JsonInputTest, RequiredFieldMissing) {
  Json j = Json::object();
  JsonReader in(j, {"title"});
  EXPECT_EQ(in.String("title"), "");
  EXPECT_EQ(in.status().message(), "field \"title\": required");
}

TEST(JsonInputTest, NullClearsWhereAllowed) {
  Json j = {{"assignee", nullptr}};
  JsonReader in(j, {"assignee", "team"});
  EXPECT_EQ(in.OptStringOrNull("assignee"), std::optional<std::string>(""));
  EXPECT_EQ(in.OptStringOrNull("team"), std::nullopt);
  EXPECT_TRUE(in.status().ok());
}

TEST(JsonInputTest, QueryIntegersAreCheckedAndBounded) {
  std::map<std::string, std::string> q = {{"limit", "abc"}};
  QueryReader r(q, {"limit"});
  r.OptInt("limit", 1, 500);
  EXPECT_EQ(r.status().message(), "parameter \"limit\": expected integer");
  std::map<std::string, std::string> q2 = {{"limit", "900"}};
  QueryReader r2(q2, {"limit"});
  r2.OptInt("limit", 1, 500);
  EXPECT_EQ(r2.status().message(), "parameter \"limit\": must be between 1 and 500");
  std::map<std::string, std::string> q3 = {{"bogus", "1"}};
  EXPECT_EQ(QueryReader(q3, {"limit"}).status().message(), "unknown parameter \"bogus\"");
}

TEST(JsonInputTest, PercentDecodingRejectsBadEscapes) {
  EXPECT_EQ(*PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(*PercentDecode("a+b", false), "a+b");
  EXPECT_FALSE(PercentDecode("a%2", false).ok());
  EXPECT_FALSE(PercentDecode("a%zz", false).ok());
}

}  // namespace
}  // namespace sa::http
