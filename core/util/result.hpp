// result<T, E>: a value or an error, never both. Errors are values in the core: no exception
// crosses the wasm boundary (Emscripten disables catching by default), so nothing here throws.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

namespace novatalk {

template <class E>
struct failure {
  E error;
};

template <class E>
failure<std::decay_t<E>> fail(E&& e) {
  return {std::forward<E>(e)};
}

template <class T, class E>
class result {
 public:
  result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  result(failure<E> f) : state_(std::in_place_index<1>, std::move(f.error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const {
    assert(ok());
    return std::get<0>(state_);
  }
  const E& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, E> state_;
};

}  // namespace novatalk
