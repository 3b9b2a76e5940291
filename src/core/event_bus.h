// EventBus<E>: an in-process publish/subscribe channel for "something
// happened" notifications (e.g. the HTTP server tells its WebSocket clients
// that a ticket changed). Header-only; E is any copyable event type.
//
// Thread-safety: every method may be called from any thread. Publish() calls
// the handlers on the publisher's thread, outside the bus's lock, so a handler
// may subscribe or unsubscribe (even itself) without deadlock. Handlers must
// be quick and must not throw (hand the event to your own queue or executor).
// A handler can still be running, or be called once more, while (or just
// after) its Subscription is destroyed on another thread: handlers must only
// capture state that outlives that (e.g. a weak_ptr to their owner).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace sa {

template <typename E>
class EventBus {
 public:
  using Handler = std::function<void(const E&)>;

  // Receives events until destroyed (or Cancel()ed). Movable, not copyable.
  class Subscription {
   public:
    Subscription() = default;
    Subscription(Subscription&& other) noexcept { *this = std::move(other); }
    Subscription& operator=(Subscription&& other) noexcept {
      if (this != &other) {
        Cancel();
        state_ = std::move(other.state_);
        id_ = std::exchange(other.id_, 0);
      }
      return *this;
    }
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    ~Subscription() { Cancel(); }

    void Cancel() {
      if (auto state = state_.lock()) {
        std::lock_guard lock(state->mu);
        state->handlers.erase(id_);
      }
      state_.reset();
      id_ = 0;
    }
    bool active() const { return !state_.expired() && id_ != 0; }

   private:
    friend class EventBus;
    std::weak_ptr<typename EventBus::State> state_;
    uint64_t id_ = 0;
  };

  EventBus() : state_(std::make_shared<State>()) {}
  EventBus(const EventBus&) = delete;
  EventBus& operator=(const EventBus&) = delete;

  // Registers `handler` for every event published from now on.
  [[nodiscard]] Subscription Subscribe(Handler handler) {
    Subscription sub;
    std::lock_guard lock(state_->mu);
    sub.id_ = ++state_->next_id;
    state_->handlers.emplace(sub.id_, std::make_shared<Handler>(std::move(handler)));
    sub.state_ = state_;
    return sub;
  }

  // Calls every current handler with `event`, in subscription order.
  void Publish(const E& event) const {
    std::vector<std::shared_ptr<Handler>> handlers;
    {
      std::lock_guard lock(state_->mu);
      handlers.reserve(state_->handlers.size());
      for (const auto& [id, h] : state_->handlers) handlers.push_back(h);
    }
    for (const auto& h : handlers) (*h)(event);
  }

  // Whether anyone listens (lets publishers skip building costly events).
  bool HasSubscribers() const {
    std::lock_guard lock(state_->mu);
    return !state_->handlers.empty();
  }
  size_t SubscriberCount() const {
    std::lock_guard lock(state_->mu);
    return state_->handlers.size();
  }

 private:
  struct State {
    mutable std::mutex mu;
    uint64_t next_id = 0;
    std::map<uint64_t, std::shared_ptr<Handler>> handlers;
  };
  std::shared_ptr<State> state_;
};

}  // namespace sa
