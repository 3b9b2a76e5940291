// The fakes keep the real implementations' contracts.
#include "automation/fakes.h"

#include <gtest/gtest.h>

namespace sa::automation {
namespace {

constexpr const char* kAlice = "uid=alice,ou=people,dc=acme,dc=example";

TEST(FakeDirectoryTest, ResetReplacesThePasswordAndRecordsMustChange) {
  FakeDirectory directory;
  directory.AddEntry(kAlice, "old-Password-1");

  ASSERT_TRUE(directory.ResetPassword(kAlice, "new-Password-2", true).ok());

  EXPECT_TRUE(directory.CheckCredentials(kAlice, "new-Password-2").ok());
  EXPECT_EQ(directory.CheckCredentials(kAlice, "old-Password-1").code(), Code::kUnauthenticated);
  EXPECT_TRUE(directory.MustChange(kAlice));
  EXPECT_EQ(directory.resets(), 1);
}

TEST(FakeDirectoryTest, UnknownEntryIsNotFoundAndFailureIsReturnedAsTold) {
  FakeDirectory directory;
  EXPECT_EQ(directory.ResetPassword("uid=nobody", "x-Password-1", false).code(), Code::kNotFound);
  EXPECT_FALSE(*directory.Exists("uid=nobody"));

  directory.FailWith(Unavailable("directory down"));

  EXPECT_EQ(directory.Exists(kAlice).status().code(), Code::kUnavailable);
  EXPECT_EQ(directory.ResetPassword(kAlice, "x-Password-1", false).code(), Code::kUnavailable);
}

TEST(RecordingMailerTest, RecordsSentMailsAndFailsAsTold) {
  RecordingMailer mailer;
  ASSERT_TRUE(mailer.Send({"alice@acme.example", "Code", "123456\n"}).ok());
  mailer.FailWith(Unavailable("smtp down"));

  EXPECT_EQ(mailer.Send({"bob@acme.example", "Code", "654321\n"}).code(), Code::kUnavailable);
  ASSERT_EQ(mailer.sent().size(), 1u);
  EXPECT_EQ(mailer.sent()[0].to, "alice@acme.example");
}

}  // namespace
}  // namespace sa::automation
