// Documents: printing every certificate of a decision (issue 5: 1,000 certificates in one PDF, one page each,
// well under 20 s on 2 cores) and one decision with its annex. Run: build/release/bin/documents_bench
// (`--benchmark_filter=PrintJob` for the route's path alone). docs/performance.md keeps the numbers.
//
// BM_PrintJobOfADecision is what POST /api/v1/decisions/{id}/certificates/print does, from the decision in the
// database to the finished PDF: PrintJobs::Start (one read transaction, certificates filled from the decision) and
// the job's thread rendering with its progress, polled as the web app polls GET /api/v1/print-jobs/{id}.
// BM_CertificatesInOnePdf is the renderer alone.

#include "core/crypto.hpp"
#include "documents/pdf/certificate.hpp"
#include "documents/pdf/decision.hpp"
#include "services/demo.hpp"
#include "services/services.hpp"
#include "storage/migrations.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace danvan;
using namespace danvan::documents;

std::vector<CertificateDocument> Certificates(int n) {
  std::vector<CertificateDocument> all;
  for (int i = 1; i <= n; ++i) {
    CertificateDocument c;
    c.issuer = "Chủ tịch Ủy ban nhân dân phường Lý Thái Tổ";
    c.beneficiary = i % 3 ? "Tổ dân vận số " + std::to_string(i) : "Bà Nguyễn Thị Hồng Nhung " + std::to_string(i);
    c.beneficiary_detail = "Phường Lý Thái Tổ, quận Hoàn Kiếm, thành phố Hà Nội";
    c.reason = "Đã có thành tích xuất sắc trong phong trào thi đua \"Dân vận khéo\" năm 2022";
    c.decision_number = "12/QĐ-UBND";
    c.decision_date = Date::FromYmd(2022, 10, 13);
    c.register_number = "Số sổ vàng: " + std::to_string(i) + "/GK";
    c.place = "Hoàn Kiếm";
    c.date = Date::FromYmd(2022, 10, 13);
    c.signer = {"KT. Chủ tịch", "Phó Chủ tịch", "Nguyễn Văn An"};
    c.verify_url = "https://danvan.example.vn/verify/0f8e6c4a-" + std::to_string(100000 + i);
    all.push_back(std::move(c));
  }
  return all;
}

void BM_CertificatesInOnePdf(benchmark::State& state) {
  const auto all = Certificates(static_cast<int>(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) {
    auto pdf = RenderCertificatesPdf(all);
    if (!pdf.ok()) state.SkipWithError(pdf.error().message_en.c_str());
    bytes = pdf.ok() ? pdf->size() : 0;
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(state.range(0)) * state.iterations(),
                                                 benchmark::Counter::kIsRate);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_CertificatesInOnePdf)->Arg(1)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

// The demo ward in a SQLite file, and decisions of the demo's People's Committee with n beneficiaries each (written
// through the repository: a proposal holds at most 500 nominees, a decision made this way has no such bound).
class PrintFixture {
 public:
  PrintFixture() {
    EnsureCrypto();
    dir_ = std::filesystem::temp_directory_path() / ("danvan-bench-" + ToHex(RandomBytes(6)));
    std::filesystem::create_directories(dir_);
    DatabaseConfig config;
    config.url = "sqlite:" + (dir_ / "danvan.db").string();
    db_ = std::move(Database::Open(config).value());
    if (!Migrate(*db_)) throw std::runtime_error("migrations failed");
    services_ = std::make_unique<Services>(*db_, clock_, AuthPolicy{}, AwardSettings{"https://danvan.example.vn"});
    if (!SeedDemo(*services_)) throw std::runtime_error("demo failed");
  }
  ~PrintFixture() {
    services_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Services& services() { return *services_; }

  int64_t DecisionWith(int n) {
    if (auto it = decisions_.find(n); it != decisions_.end()) return it->second;
    DecisionQuery q;
    q.limit = 200;
    Decision d;
    const auto page = services_->awards.ListDecisions(CommandLineCaller(), q);
    for (const auto& x : page->items)
      if (x.symbol == "1/QĐ-UBND") d = services_->awards.GetDecision(CommandLineCaller(), x.id).value();
    const danvan::Beneficiary model = d.beneficiaries.at(0);
    auto st = db_->Run(TxMode::kWrite, [&](Tx& tx) -> Status {
      d.id = 0;
      d.proposal_id.reset();
      d.number = 1000 + n;
      d.symbol = std::to_string(d.number) + "/QĐ-UBND";
      d.beneficiaries.clear();
      for (int i = 1; i <= n; ++i) {
        danvan::Beneficiary b = model;
        b.id = 0;
        b.nominee_id.reset();
        b.name = i % 3 ? "Tổ dân vận số " + std::to_string(i) : "Bà Nguyễn Thị Hồng Nhung " + std::to_string(i);
        b.achievement = "Đã có thành tích xuất sắc trong phong trào thi đua \"Dân vận khéo\" năm 2022";
        d.beneficiaries.push_back(b);
      }
      services_->award_repo->InsertDecision(tx, d);
      for (const auto& b : d.beneficiaries) {
        Certificate c;
        c.public_id = RandomToken(12);
        c.decision_id = d.id;
        c.beneficiary_id = b.id;
        c.issued_at = "2022-10-12T02:00:00.000Z";
        services_->award_repo->InsertCertificate(tx, c);
      }
      return OkStatus();
    });
    if (!st) throw std::runtime_error(st.error().message_en);
    return decisions_[n] = d.id;
  }

 private:
  SystemClock clock_;
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Services> services_;
  std::map<int, int64_t> decisions_;
};

void BM_PrintJobOfADecision(benchmark::State& state) {
  static PrintFixture fixture;
  const int64_t decision = fixture.DecisionWith(static_cast<int>(state.range(0)));
  auto& jobs = fixture.services().print_jobs;
  const Caller caller = CommandLineCaller();
  size_t bytes = 0;
  for (auto _ : state) {
    auto job = jobs.Start(caller, decision);
    if (!job.ok()) {
      state.SkipWithError(job.error().message_en.c_str());
      break;
    }
    for (;;) {
      auto v = jobs.Get(caller, job->id);
      if (!v.ok() || v->state != PrintJobState::kRunning) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    auto pdf = jobs.Pdf(caller, job->id);
    if (!pdf.ok()) {
      state.SkipWithError(pdf.error().message_en.c_str());
      break;
    }
    bytes = pdf->size();
  }
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(state.range(0)) * state.iterations(),
                                                 benchmark::Counter::kIsRate);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_PrintJobOfADecision)->Arg(13)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

void BM_DecisionWithAnnex(benchmark::State& state) {
  DecisionDocument d;
  d.issuer = {"", "Ủy ban nhân dân\nphường Lý Thái Tổ"};
  d.number = "12/QĐ-UBND";
  d.place = "Hoàn Kiếm";
  d.date = Date::FromYmd(2022, 10, 13);
  d.summary = "Về việc khen thưởng các tập thể có thành tích trong phong trào thi đua \"Dân vận khéo\" năm 2022";
  d.authority = "Chủ tịch Ủy ban nhân dân phường Lý Thái Tổ";
  d.legal_bases = {"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Xét đề nghị của Hội đồng Thi đua – Khen thưởng"};
  d.articles = {"Tặng Giấy khen cho các tập thể có tên trong danh sách kèm theo.", "Tiền thưởng theo Phụ lục.",
                "Các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."};
  d.recipients = {"Như Điều 3", "Lưu: VT"};
  d.signer = {"KT. Chủ tịch", "Phó Chủ tịch", "Nguyễn Văn An"};
  Annex annex;
  for (int i = 1; i <= state.range(0); ++i)
    annex.rows.push_back({"Tổ dân vận số " + std::to_string(i), "Phường Lý Thái Tổ", 1'800'000});
  d.annex = annex;
  for (auto _ : state) {
    auto pdf = RenderDecisionPdf(d);
    if (!pdf.ok()) state.SkipWithError(pdf.error().message_en.c_str());
    benchmark::DoNotOptimize(pdf);
  }
}
BENCHMARK(BM_DecisionWithAnnex)->Arg(13)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
