#pragma once
//! Expected failures as values: a typed error with a stable code and a message in Vietnamese and English.

#include <boost/json/object.hpp>

#include <string>
#include <utility>
#include <variant>

namespace danvan {

//! What went wrong, in terms a caller can act on; http/error_mapping.cpp turns each into a status.
enum class ErrorKind {
  kInvalidInput,       // the request is malformed or a value is out of range
  kUnauthenticated,    // who is asking is unknown
  kForbidden,          // known, but not allowed
  kNotFound,
  kMethodNotAllowed,
  kConflict,           // clashes with the current state (unique keys, stale versions)
  kInvalidTransition,  // a lifecycle step that the current state does not allow
  kTooLarge,
  kHeaderTooLarge,
  kTimeout,
  kUnsupportedMediaType,
  kTooManyRequests,    // slow down (details.retry_after_seconds)
  kUnavailable,        // a dependency (the database) cannot serve now
  kInternal,
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;        //!< stable snake_case identifier clients may rely on
  std::string message_vi;  //!< shown to users first
  std::string message_en;
  boost::json::object details;

  Error WithDetail(std::string_view key, boost::json::value value) && {
    details[key] = std::move(value);
    return std::move(*this);
  }
};

inline Error MakeError(ErrorKind kind, std::string code, std::string vi, std::string en) {
  return Error{kind, std::move(code), std::move(vi), std::move(en), {}};
}

//! A value or an Error. Small on purpose: std::expected arrives with C++23, which GCC 12 lacks.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

  const Error& error() const& { return std::get<1>(data_); }
  Error&& error() && { return std::get<1>(std::move(data_)); }

 private:
  std::variant<T, Error> data_;
};

struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace danvan

//! Evaluates a Result; returns its error from the enclosing function, or yields its value.
#define DANVAN_TRY(expr)                                   \
  ({                                                       \
    auto danvan_try_result_ = (expr);                      \
    if (!danvan_try_result_.ok())                          \
      return std::move(danvan_try_result_).error();        \
    std::move(danvan_try_result_).value();                 \
  })
