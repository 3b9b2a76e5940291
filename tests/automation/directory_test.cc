// LdapDirectory against a real slapd with the ppolicy overlay.
#include "automation/directory.h"

#include <gtest/gtest.h>

#include "tests/support/slapd_server.h"

namespace sa::automation {
namespace {

class LdapDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = test::SlapdServer::Start();
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    slapd_ = std::move(server).value();
    auto directory = NewLdapDirectory(Options());
    ASSERT_TRUE(directory.ok()) << directory.status().ToString();
    directory_ = std::move(directory).value();
    alice_ = slapd_->UserDn("alice");
  }

  LdapOptions Options() const {
    LdapOptions options;
    options.uri = slapd_->uri();
    options.bind_dn = slapd_->service_dn();
    options.bind_password = slapd_->service_password();
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.operation_timeout = std::chrono::milliseconds(5000);
    return options;
  }

  std::vector<std::string> PwdReset(const std::string& dn) const {
    auto values = slapd_->Attribute(dn, "pwdReset");
    EXPECT_TRUE(values.ok()) << values.status().ToString();
    return values.ok() ? *values : std::vector<std::string>{};
  }

  std::unique_ptr<test::SlapdServer> slapd_;
  std::unique_ptr<Directory> directory_;
  std::string alice_;
  const std::string kOldPassword = "Alice-Initial-1";
  const std::string kNewPassword = "Brand-New-Pass-42";
};

TEST_F(LdapDirectoryTest, ResetMakesTheNewPasswordBindAndTheOldOneFail) {
  ASSERT_TRUE(directory_->CheckCredentials(alice_, kOldPassword).ok());

  Status reset = directory_->ResetPassword(alice_, kNewPassword, /*must_change=*/false);

  ASSERT_TRUE(reset.ok()) << reset.ToString();
  EXPECT_TRUE(directory_->CheckCredentials(alice_, kNewPassword).ok());
  EXPECT_EQ(directory_->CheckCredentials(alice_, kOldPassword).code(), Code::kUnauthenticated);
  // ppolicy (pwdMustChange TRUE) flags an admin reset; a chosen password is not.
  EXPECT_TRUE(PwdReset(alice_).empty());
  EXPECT_TRUE(slapd_->ReadOwnEntry(alice_, kNewPassword).ok());
}

TEST_F(LdapDirectoryTest, ResetAsTheRootDnWorksToo) {
  LdapOptions options = Options();
  options.bind_dn = slapd_->admin_dn();
  options.bind_password = slapd_->admin_password();
  auto directory = NewLdapDirectory(options);
  ASSERT_TRUE(directory.ok());

  ASSERT_TRUE((*directory)->ResetPassword(alice_, kNewPassword, true).ok());

  EXPECT_TRUE(directory_->CheckCredentials(alice_, kNewPassword).ok());
  EXPECT_EQ(PwdReset(alice_), std::vector<std::string>{"TRUE"});
}

TEST_F(LdapDirectoryTest, ThePasswordTheServerPolicyRefusesIsFailedPrecondition) {
  // The default policy has pwdMinLength 8 and pwdCheckQuality 2.
  Status reset = directory_->ResetPassword(alice_, "Ab1-xyz", false);

  EXPECT_EQ(reset.code(), Code::kFailedPrecondition) << reset.ToString();
  EXPECT_EQ(reset.message().find("Ab1-xyz"), std::string::npos);
  EXPECT_TRUE(directory_->CheckCredentials(alice_, kOldPassword).ok());
}

TEST_F(LdapDirectoryTest, ResetStoresTheNewPasswordHashedNotInClear) {
  ASSERT_TRUE(directory_->ResetPassword(alice_, kNewPassword, false).ok());

  auto stored = slapd_->Attribute(alice_, "userPassword");

  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().rfind("{SSHA}", 0), 0u);
  EXPECT_EQ(stored->front().find(kNewPassword), std::string::npos);
}

TEST_F(LdapDirectoryTest, MustChangeSetsPwdResetSoPpolicyForcesAChange) {
  ASSERT_TRUE(directory_->ResetPassword(alice_, kNewPassword, /*must_change=*/true).ok());

  EXPECT_EQ(PwdReset(alice_), std::vector<std::string>{"TRUE"});
  // The temporary password binds, but the session may do nothing until changed.
  EXPECT_TRUE(directory_->CheckCredentials(alice_, kNewPassword).ok());
  EXPECT_EQ(slapd_->ReadOwnEntry(alice_, kNewPassword).code(), Code::kPermissionDenied);
}

TEST_F(LdapDirectoryTest, ResetWithoutMustChangeClearsAnEarlierPwdReset) {
  ASSERT_TRUE(directory_->ResetPassword(alice_, "Temporary-Pass-7", true).ok());
  ASSERT_EQ(PwdReset(alice_), std::vector<std::string>{"TRUE"});

  ASSERT_TRUE(directory_->ResetPassword(alice_, kNewPassword, /*must_change=*/false).ok());

  EXPECT_TRUE(PwdReset(alice_).empty());
  EXPECT_TRUE(slapd_->ReadOwnEntry(alice_, kNewPassword).ok());
}

TEST_F(LdapDirectoryTest, ResetLeavesOtherUsersAlone) {
  ASSERT_TRUE(directory_->ResetPassword(alice_, kNewPassword, true).ok());

  EXPECT_TRUE(directory_->CheckCredentials(slapd_->UserDn("bob"), "Bob-Initial-22").ok());
  EXPECT_TRUE(PwdReset(slapd_->UserDn("bob")).empty());
}

TEST_F(LdapDirectoryTest, ResetOfAnUnknownEntryIsNotFoundAndDoesNotEchoThePassword) {
  Status reset = directory_->ResetPassword(slapd_->UserDn("nobody"), kNewPassword, false);

  EXPECT_EQ(reset.code(), Code::kNotFound) << reset.ToString();
  EXPECT_EQ(reset.message().find(kNewPassword), std::string::npos);
}

TEST_F(LdapDirectoryTest, ExistsTellsPresentFromAbsentEntries) {
  auto present = directory_->Exists(alice_);
  auto absent = directory_->Exists(slapd_->UserDn("nobody"));

  ASSERT_TRUE(present.ok()) << present.status().ToString();
  ASSERT_TRUE(absent.ok()) << absent.status().ToString();
  EXPECT_TRUE(*present);
  EXPECT_FALSE(*absent);
}

TEST_F(LdapDirectoryTest, CheckCredentialsRefusesWrongAndEmptyPasswords) {
  EXPECT_EQ(directory_->CheckCredentials(alice_, "wrong-password").code(), Code::kUnauthenticated);
  // An empty password would be an anonymous bind that LDAP lets "succeed".
  EXPECT_EQ(directory_->CheckCredentials(alice_, "").code(), Code::kUnauthenticated);
  EXPECT_EQ(directory_->CheckCredentials(slapd_->UserDn("nobody"), "x").code(),
            Code::kUnauthenticated);
}

TEST_F(LdapDirectoryTest, ServerDownIsUnavailableWithAMessageNamingTheServer) {
  slapd_->Stop();

  Status reset = directory_->ResetPassword(alice_, kNewPassword, false);
  auto exists = directory_->Exists(alice_);

  EXPECT_EQ(reset.code(), Code::kUnavailable) << reset.ToString();
  EXPECT_NE(reset.message().find(slapd_->uri()), std::string::npos) << reset.message();
  EXPECT_NE(reset.message().find("Can't contact LDAP server"), std::string::npos)
      << reset.message();
  EXPECT_EQ(reset.message().find(kNewPassword), std::string::npos);
  EXPECT_EQ(exists.status().code(), Code::kUnavailable);
}

TEST_F(LdapDirectoryTest, WrongServiceAccountPasswordIsPermissionDenied) {
  LdapOptions options = Options();
  options.bind_password = "not-the-admin-password";
  auto directory = NewLdapDirectory(options);
  ASSERT_TRUE(directory.ok());

  Status reset = (*directory)->ResetPassword(alice_, kNewPassword, false);

  EXPECT_EQ(reset.code(), Code::kPermissionDenied) << reset.ToString();
  EXPECT_EQ(reset.message().find("not-the-admin-password"), std::string::npos);
  EXPECT_TRUE(directory_->CheckCredentials(alice_, kOldPassword).ok());
}

TEST_F(LdapDirectoryTest, MalformedDnOrEmptyPasswordIsInvalidArgument) {
  EXPECT_EQ(directory_->ResetPassword("not a dn", kNewPassword, false).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(directory_->ResetPassword(alice_, "", false).code(), Code::kInvalidArgument);
  EXPECT_EQ(directory_->Exists("").status().code(), Code::kInvalidArgument);
}

TEST(LdapDirectoryWithoutPpolicyTest, MustChangeIsFailedPreconditionButTheResetHappens) {
  test::SlapdOptions no_policy;
  no_policy.password_policy = false;
  auto slapd = test::SlapdServer::Start(no_policy);
  ASSERT_TRUE(slapd.ok()) << slapd.status().ToString();
  LdapOptions options;
  options.uri = (*slapd)->uri();
  options.bind_dn = (*slapd)->service_dn();
  options.bind_password = (*slapd)->service_password();
  auto directory = NewLdapDirectory(options);
  ASSERT_TRUE(directory.ok());
  const std::string alice = (*slapd)->UserDn("alice");

  Status chosen = (*directory)->ResetPassword(alice, "Chosen-Pass-123", false);
  Status temporary = (*directory)->ResetPassword(alice, "Temporary-Pass-456", true);

  EXPECT_TRUE(chosen.ok()) << chosen.ToString();
  EXPECT_EQ(temporary.code(), Code::kFailedPrecondition) << temporary.ToString();
  EXPECT_NE(temporary.message().find("pwdReset"), std::string::npos) << temporary.message();
  EXPECT_TRUE((*directory)->CheckCredentials(alice, "Temporary-Pass-456").ok());
}

TEST(NewLdapDirectoryTest, RejectsAUriThatIsNotLdap) {
  LdapOptions options;
  options.uri = "http://127.0.0.1:389/";
  EXPECT_EQ(NewLdapDirectory(options).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace sa::automation
