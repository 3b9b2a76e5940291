// SmtpMailer against a real SMTP server (aiosmtpd) whose received messages are
// decoded by Python's e-mail parser.
#include "automation/mailer.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "tests/support/smtp_server.h"

namespace sa::automation {
namespace {

class SmtpMailerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = test::SmtpServer::Start();
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    smtp_ = std::move(server).value();
    auto start = ParseTime("2026-11-23T15:21:39Z");
    ASSERT_TRUE(start.ok());
    clock_ = std::make_shared<ManualClock>(*start);
    mailer_ = MakeMailer(smtp_->port());
  }

  std::unique_ptr<Mailer> MakeMailer(int port) {
    SmtpOptions options;
    options.host = smtp_->host();
    options.port = port;
    options.from = "servicedesk@acme.example";
    options.from_name = "Служба поддержки Acme";
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.timeout = std::chrono::milliseconds(10000);
    options.clock = clock_;
    auto mailer = NewSmtpMailer(options);
    EXPECT_TRUE(mailer.ok()) << mailer.status().ToString();
    return mailer.ok() ? std::move(mailer).value() : nullptr;
  }

  std::unique_ptr<test::SmtpServer> smtp_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Mailer> mailer_;
};

TEST_F(SmtpMailerTest, DeliversAUtf8MessageToTheRightRecipientWithItsSubject) {
  Mail mail;
  mail.to = "alice@acme.example";
  mail.subject = "Код подтверждения / 验证码: сброс пароля для Alice, действителен 10 минут";
  mail.text = "Здравствуйте, Alice!\nВаш код: 482913\n您的验证码是 482913。\n";

  Status sent = mailer_->Send(mail);

  ASSERT_TRUE(sent.ok()) << sent.ToString();
  std::vector<test::ReceivedMail> received = smtp_->Messages();
  ASSERT_EQ(received.size(), 1u);
  const test::ReceivedMail& got = received[0];
  EXPECT_EQ(got.rcpt_tos, std::vector<std::string>{"alice@acme.example"});
  EXPECT_EQ(got.mail_from, "servicedesk@acme.example");
  EXPECT_EQ(got.to, "alice@acme.example");
  EXPECT_EQ(got.from, "Служба поддержки Acme <servicedesk@acme.example>");
  EXPECT_EQ(got.subject, mail.subject);
  EXPECT_EQ(got.content_type, "text/plain");
  EXPECT_EQ(got.charset, "utf-8");
  EXPECT_EQ(got.text, mail.text);
  EXPECT_EQ(got.date, "Mon, 23 Nov 2026 15:21:39 +0000");
  EXPECT_NE(got.message_id.find("@acme.example>"), std::string::npos) << got.message_id;
}

TEST_F(SmtpMailerTest, SendsAPlainAsciiSubjectAsIs) {
  Mail mail{"bob@acme.example", "Your code", "Code: 123456\n"};

  ASSERT_TRUE(mailer_->Send(mail).ok());

  std::vector<test::ReceivedMail> received = smtp_->Messages();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].subject, "Your code");
  EXPECT_NE(received[0].raw.find("\r\nSubject: Your code\r\n"), std::string::npos);
  EXPECT_EQ(received[0].text, "Code: 123456\n");
}

TEST_F(SmtpMailerTest, EachMessageGoesOnlyToItsOwnRecipient) {
  ASSERT_TRUE(mailer_->Send({"alice@acme.example", "A", "for alice\n"}).ok());
  ASSERT_TRUE(mailer_->Send({"chen@acme.example", "C", "给陈\n"}).ok());

  std::vector<test::ReceivedMail> received = smtp_->Messages();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].rcpt_tos, std::vector<std::string>{"alice@acme.example"});
  EXPECT_EQ(received[1].rcpt_tos, std::vector<std::string>{"chen@acme.example"});
  EXPECT_EQ(received[1].text, "给陈\n");
}

TEST_F(SmtpMailerTest, ConnectionRefusedIsUnavailable) {
  const int port = smtp_->port();
  smtp_->Stop();
  std::unique_ptr<Mailer> mailer = MakeMailer(port);

  Status sent = mailer->Send({"alice@acme.example", "Code", "123456\n"});

  EXPECT_EQ(sent.code(), Code::kUnavailable) << sent.ToString();
  EXPECT_NE(sent.message().find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << sent.message();
  EXPECT_EQ(sent.message().find("123456"), std::string::npos);
}

TEST_F(SmtpMailerTest, TemporaryRecipientFailureIsUnavailable) {
  Status sent = mailer_->Send({"alice@tempfail.example", "Code", "123456\n"});

  EXPECT_EQ(sent.code(), Code::kUnavailable) << sent.ToString();
  EXPECT_TRUE(smtp_->Messages().empty());
}

TEST_F(SmtpMailerTest, PermanentRecipientRejectionIsFailedPrecondition) {
  Status sent = mailer_->Send({"ghost@reject.example", "Code", "123456\n"});

  EXPECT_EQ(sent.code(), Code::kFailedPrecondition) << sent.ToString();
  EXPECT_TRUE(smtp_->Messages().empty());
}

TEST_F(SmtpMailerTest, RefusesHeaderInjectionWithoutSending) {
  EXPECT_EQ(mailer_->Send({"alice@acme.example\r\nBcc: eve@evil.example", "x", ""}).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(mailer_->Send({"alice@acme.example, eve@evil.example", "x", ""}).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(mailer_->Send({"alice@acme.example", "x\r\nBcc: eve@evil.example", ""}).code(),
            Code::kInvalidArgument);
  EXPECT_TRUE(smtp_->Messages().empty());
}

TEST(NewSmtpMailerTest, RejectsAMalformedSenderOrPort) {
  SmtpOptions options;
  options.from = "not an address";
  EXPECT_EQ(NewSmtpMailer(options).status().code(), Code::kInvalidArgument);
  options.from = "bot@acme.example";
  options.port = 0;
  EXPECT_EQ(NewSmtpMailer(options).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace sa::automation
