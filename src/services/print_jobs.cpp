#include "services/print_jobs.hpp"

#include "core/crypto.hpp"
#include "documents/pdf/certificate.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace danvan {
namespace {

// Thrown from the progress callback to stop a batch at shutdown; caught by the worker.
struct Stopped {};

Error JobNotFound() {
  return MakeError(ErrorKind::kNotFound, "print_job_not_found", "Không tìm thấy lượt in (hoặc đã hết hạn).",
                   "No such print job (or it has expired).");
}

}  // namespace

std::string_view ToString(PrintJobState s) {
  switch (s) {
    case PrintJobState::kRunning: return "running";
    case PrintJobState::kDone: return "done";
    case PrintJobState::kFailed: return "failed";
  }
  return "running";
}

PrintJobs::~PrintJobs() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

Result<PrintJobView> PrintJobs::Start(const Caller& caller, int64_t decision_id) {
  auto batch = DANVAN_TRY(awards_.CertificatesToPrint(caller, decision_id));
  auto job = std::make_shared<Job>();
  job->view.id = RandomToken(12);
  job->view.decision_id = batch.decision_id;
  job->view.decision_symbol = batch.decision_symbol;
  job->view.total = batch.certificates.size();
  job->unit_id = batch.unit_id;
  if (caller.principal.method != AuthMethod::kCommandLine) job->creator = caller.principal.user_id;
  job->certificates = std::move(batch.certificates);
  std::lock_guard lock(mutex_);
  Expire();
  // The same decision asked again while its job waits or runs: that job (its readers are the decision's).
  if (current_ && current_->view.decision_id == decision_id) return current_->view;
  for (const auto& waiting : queue_)
    if (waiting->view.decision_id == decision_id) return waiting->view;
  if (queue_.size() + (current_ ? 1 : 0) >= limits_.max_waiting)
    return MakeError(ErrorKind::kTooManyRequests, "print_queue_full",
                     "Đang có nhiều lượt in giấy khen; vui lòng thử lại sau ít phút.",
                     "Many certificate print jobs are waiting; try again in a few minutes.")
        .WithDetail("retry_after_seconds", 30);
  jobs_[job->view.id] = job;
  queue_.push_back(job);
  if (!worker_.joinable()) worker_ = std::thread([this] { Work(); });
  wake_.notify_one();
  return job->view;
}

void PrintJobs::Work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    auto job = queue_.front();
    queue_.pop_front();
    current_ = job;
    lock.unlock();
    std::optional<Result<std::string>> pdf;
    try {
      pdf = documents::RenderCertificatesPdf(job->certificates, {}, [this, &job](std::size_t done, std::size_t) {
        std::lock_guard progress(mutex_);
        if (stopping_) throw Stopped{};
        job->view.done = done;
      });
    } catch (const Stopped&) {
      return;
    } catch (const std::exception& e) {
      spdlog::error("print job {} failed: {}", job->view.id, e.what());
    }
    lock.lock();
    current_.reset();
    if (pdf && pdf->ok()) {
      job->pdf = std::move(pdf->value());
      job->view.state = PrintJobState::kDone;
      job->view.done = job->view.total;
    } else {
      job->view.state = PrintJobState::kFailed;
      job->view.error = pdf ? pdf->error()
                            : MakeError(ErrorKind::kInternal, "pdf_render_failed", "Không tạo được tệp PDF.",
                                        "The PDF could not be made.");
    }
    job->certificates.clear();
    job->certificates.shrink_to_fit();
    job->finished_at = std::chrono::steady_clock::now();
    Expire();
  }
}

void PrintJobs::Expire() {
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::shared_ptr<Job>> finished;
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    const auto& job = it->second;
    if (job->view.state != PrintJobState::kRunning && now - job->finished_at > limits_.keep_for) {
      it = jobs_.erase(it);
      continue;
    }
    if (job->view.state != PrintJobState::kRunning) finished.push_back(job);
    ++it;
  }
  if (finished.size() <= limits_.keep_finished) return;
  std::sort(finished.begin(), finished.end(), [](const auto& a, const auto& b) { return a->finished_at < b->finished_at; });
  for (std::size_t i = 0; i + limits_.keep_finished < finished.size(); ++i) jobs_.erase(finished[i]->view.id);
}

Result<std::shared_ptr<PrintJobs::Job>> PrintJobs::Visible(const Caller& caller, const std::string& id) {
  std::shared_ptr<Job> job;
  {
    std::lock_guard lock(mutex_);
    Expire();
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return JobNotFound();
    job = it->second;
  }
  const bool creator = job->creator && caller.principal.method != AuthMethod::kCommandLine &&
                       *job->creator == caller.principal.user_id;
  if (!creator && !awards_.ReadsDecisionsOf(caller, job->unit_id)) return JobNotFound();
  return job;
}

Result<PrintJobView> PrintJobs::Get(const Caller& caller, const std::string& id) {
  auto job = DANVAN_TRY(Visible(caller, id));
  std::lock_guard lock(mutex_);
  return job->view;
}

Result<std::string> PrintJobs::Pdf(const Caller& caller, const std::string& id) {
  auto job = DANVAN_TRY(Visible(caller, id));
  std::lock_guard lock(mutex_);
  if (job->view.state == PrintJobState::kFailed && job->view.error) return *job->view.error;
  if (job->view.state != PrintJobState::kDone)
    return MakeError(ErrorKind::kConflict, "print_job_not_done", "Chưa in xong: hãy chờ tiến độ đạt 100%.",
                     "The print job is not done yet: wait for its progress to reach 100%.")
        .WithDetail("done", static_cast<int64_t>(job->view.done))
        .WithDetail("total", static_cast<int64_t>(job->view.total));
  return job->pdf;
}

}  // namespace danvan
