#pragma once
// A value or an error sentence, in the spirit of std::expected (C++23), so
// library code reports failures as values instead of exceptions.
#include <string>
#include <utility>
#include <variant>

namespace ta {

// What went wrong, as one sentence a user can act on. `code` is the process
// exit code a command should use when it gives up because of this error.
struct Error {
  std::string message;
  int code = 1;
};

inline Error make_error(std::string message, int code = 1) {
  return Error{std::move(message), code};
}

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation with no value.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace ta
