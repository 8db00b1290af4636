#pragma once
//! Time: stored in UTC, shown in Vietnam's time (+07:00).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace danvan {

using TimePoint = std::chrono::system_clock::time_point;

//! The source of "now"; tests pass a fixed one.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

//! "2022-10-13T02:00:00.000Z": how instants are stored.
std::string FormatUtc(TimePoint t);

//! "2022-10-13T09:00:00+07:00": how instants are shown and sent by the API.
std::string FormatVietnam(TimePoint t);

//! Reads an instant back: "2022-10-13T02:00:00.000Z" (FormatUtc), also without milliseconds, or with an offset
//! ("2022-10-13T09:00:00+07:00"). nullopt for anything else.
std::optional<TimePoint> ParseInstant(std::string_view text);

}  // namespace danvan
