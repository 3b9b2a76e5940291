#include "app/spool_mailer.h"

#include <filesystem>
#include <fstream>

#include "core/ids.h"

namespace sa::app {
namespace {

class SpoolMailer : public automation::Mailer {
 public:
  SpoolMailer(std::string dir, std::string from, std::shared_ptr<Clock> clock)
      : dir_(std::move(dir)), from_(std::move(from)), clock_(std::move(clock)) {}

  Status Send(const automation::Mail& mail) override {
    for (const std::string* header : {&mail.to, &mail.subject}) {
      if (header->find_first_of("\r\n") != std::string::npos) {
        return InvalidArgument("mail header fields must not contain line breaks");
      }
    }
    if (mail.to.find('@') == std::string::npos) {
      return InvalidArgument("not an e-mail address: \"" + mail.to + "\"");
    }
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return Unavailable("cannot create mail spool " + dir_ + ": " + ec.message());
    const std::string now = FormatTime(clock_->Now());
    const std::string name = now + "-" + NewUuid() + ".eml";
    const std::string tmp = dir_ + "/." + name;
    {
      std::ofstream out(tmp, std::ios::binary);
      out << "From: " << from_ << "\r\nTo: " << mail.to << "\r\nDate: " << now
          << "\r\nSubject: " << mail.subject
          << "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
          << mail.text;
      if (!out) return Unavailable("cannot write to mail spool " + dir_);
    }
    std::filesystem::rename(tmp, dir_ + "/" + name, ec);  // atomic: readers see whole files
    if (ec) return Unavailable("cannot write to mail spool " + dir_ + ": " + ec.message());
    return Status::Ok();
  }

 private:
  std::string dir_, from_;
  std::shared_ptr<Clock> clock_;
};

}  // namespace

std::unique_ptr<automation::Mailer> NewSpoolMailer(std::string directory, std::string from,
                                                   std::shared_ptr<Clock> clock) {
  return std::make_unique<SpoolMailer>(std::move(directory), std::move(from), std::move(clock));
}

}  // namespace sa::app
