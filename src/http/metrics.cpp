#include "http/metrics.hpp"

#include <fmt/format.h>

namespace danvan::http {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::Observe(std::string_view route, std::string_view method, int status, std::chrono::nanoseconds took) {
  const double seconds = std::chrono::duration<double>(took).count();
  std::lock_guard lock(mu_);
  const auto key = std::make_tuple(route, method, status);
  auto count = requests_.find(key);
  if (count == requests_.end()) count = requests_.emplace(std::make_tuple(std::string(route), std::string(method), status), 0).first;
  ++count->second;
  auto h_it = latency_.find(route);
  if (h_it == latency_.end()) h_it = latency_.emplace(std::string(route), Histogram{}).first;
  auto& h = h_it->second;
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render() const {
  std::string out;
  {
    std::lock_guard lock(mu_);
    out += "# HELP danvan_http_requests_total HTTP requests served, by route, method and status.\n";
    out += "# TYPE danvan_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      const auto& [route, method, status] = key;
      out += fmt::format("danvan_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                         Escape(route), method, status, n);
    }
    out += "# HELP danvan_http_request_duration_seconds Time from a request's arrival to its response, by route.\n";
    out += "# TYPE danvan_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      for (size_t i = 0; i < kBuckets.size(); ++i)
        out += fmt::format("danvan_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                           Escape(route), kBuckets[i], h.buckets[i]);
      out += fmt::format("danvan_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                         Escape(route), h.count);
      out += fmt::format("danvan_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", Escape(route), h.sum);
      out += fmt::format("danvan_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", Escape(route), h.count);
    }
  }
  if (gauges_) {
    for (const auto& [name, value] : gauges_()) {
      out += fmt::format("# TYPE {} gauge\n{} {}\n", name, name, value);
    }
  }
  return out;
}

}  // namespace danvan::http
