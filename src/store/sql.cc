#include "store/sql.h"

#include <charconv>
#include <cstdlib>

namespace sa::store::sql {

std::string Value::ToText() const {
  struct Visitor {
    std::string operator()(std::nullptr_t) const { return {}; }
    std::string operator()(int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      char buf[64];
      auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d);
      return ec == std::errc() ? std::string(buf, end) : std::string("0");
    }
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, v_);
}

const std::string& Row::Text(size_t i) const {
  static const std::string kEmpty;
  const auto& cell = cells_.at(i);
  return cell ? *cell : kEmpty;
}

int64_t Row::Int(size_t i) const {
  const std::string& s = Text(i);
  int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

double Row::Double(size_t i) const {
  const std::string& s = Text(i);
  return s.empty() ? 0.0 : std::strtod(s.c_str(), nullptr);
}

Pool::Lease::~Lease() {
  if (conn_) pool_->Release(std::move(conn_));
}

Result<Pool::Lease> Pool::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_count_ < max_size_; });
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  ++open_count_;
  lock.unlock();
  auto opened = open_();
  if (!opened.ok()) {
    std::lock_guard relock(mu_);
    --open_count_;
    cv_.notify_one();
    return opened.status();
  }
  return Lease(this, std::move(opened).value());
}

void Pool::Release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mu_);
  if (conn->Healthy()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_count_;
  }
  cv_.notify_one();
}

}  // namespace sa::store::sql
