#pragma once
//! Request metrics in the Prometheus text format: counts by route, method and status; a latency histogram.

#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace danvan::http {

class Metrics {
 public:
  //! Extra gauges read when /metrics is served (database pool use, open connections).
  using Gauges = std::function<std::vector<std::pair<std::string, double>>()>;

  void Observe(std::string_view route, std::string_view method, int status, std::chrono::nanoseconds took);
  void SetGauges(Gauges gauges) { gauges_ = std::move(gauges); }
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  5.0};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  // std::less<>: looked up by views, so an observation allocates nothing once its key exists.
  // Compared as views (not with std::less<>, whose mixed tuple comparison clang 14 cannot resolve).
  struct KeyLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      using View = std::tuple<std::string_view, std::string_view, int>;
      return View(std::get<0>(a), std::get<1>(a), std::get<2>(a)) < View(std::get<0>(b), std::get<1>(b), std::get<2>(b));
    }
  };
  std::map<std::tuple<std::string, std::string, int>, uint64_t, KeyLess> requests_;
  std::map<std::string, Histogram, std::less<>> latency_;  // by route
  Gauges gauges_;
};

}  // namespace danvan::http
