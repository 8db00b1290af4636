#pragma once
//! Printing every certificate of a decision as one PDF (one page each) in the background, with its progress.
//!
//! Jobs live in this process (docs/decisions.md says what that means for several nodes): one thread renders them in
//! turn, off the server's I/O and request threads; finished jobs are kept for a bounded time and count. A job is
//! read by its creator or by whoever reads its decision; for anyone else it does not exist.

#include "core/error.hpp"
#include "services/awards.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace danvan {

struct PrintJobLimits {
  std::size_t max_waiting = 32;       //!< jobs queued or running; more are refused (429 print_queue_full)
  std::size_t keep_finished = 16;     //!< finished jobs kept; the oldest goes first
  std::chrono::seconds keep_for{15 * 60};  //!< a finished job (and its PDF) is dropped after this
};

enum class PrintJobState { kRunning, kDone, kFailed };  //!< a queued job reads as running with done = 0
std::string_view ToString(PrintJobState s);

//! What a reader sees of a job.
struct PrintJobView {
  std::string id;
  int64_t decision_id = 0;
  std::string decision_symbol;
  PrintJobState state = PrintJobState::kRunning;
  std::size_t done = 0;
  std::size_t total = 0;
  std::optional<Error> error;  //!< when failed
};

class PrintJobs {
 public:
  PrintJobs(AwardService& awards, PrintJobLimits limits = {}) : awards_(awards), limits_(limits) {}
  //! Stops the running job at its next page and drops the others.
  ~PrintJobs();
  PrintJobs(const PrintJobs&) = delete;
  PrintJobs& operator=(const PrintJobs&) = delete;

  //! Queues the printing of a decision's certificates; whoever reads the decision. While a job of the same decision
  //! waits or runs, that job is the answer. Errors as AwardService::CertificatesToPrint, and "print_queue_full" (429).
  Result<PrintJobView> Start(const Caller& caller, int64_t decision_id);
  //! The job's progress; "print_job_not_found" (404) for unknown, expired, or other people's jobs.
  Result<PrintJobView> Get(const Caller& caller, const std::string& id);
  //! The finished PDF; "print_job_not_done" (409) while running, the job's error when it failed.
  Result<std::string> Pdf(const Caller& caller, const std::string& id);

 private:
  struct Job {
    PrintJobView view;
    std::optional<int64_t> creator;  //!< user id; none for the command line
    int64_t unit_id = 0;             //!< the decision's: its readers read the job
    std::vector<documents::CertificateDocument> certificates;
    std::string pdf;
    std::chrono::steady_clock::time_point finished_at;
  };
  void Work();
  void Expire();  // with mutex_ held
  Result<std::shared_ptr<Job>> Visible(const Caller& caller, const std::string& id);

  AwardService& awards_;
  PrintJobLimits limits_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::shared_ptr<Job>> queue_;
  bool stopping_ = false;
  std::shared_ptr<Job> current_;  // the job being rendered
  std::thread worker_;  // started with the first job
};

}  // namespace danvan
