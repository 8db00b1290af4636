// Documents: printing every certificate of a decision (issue 5: 1,000 certificates in one PDF, one page each,
// well under 20 s on 2 cores) and one decision with its annex. Run: build/release/bin/documents_bench
// (`--benchmark_filter=Certificates` for the batch alone). docs/performance.md keeps the numbers.

#include "documents/pdf/certificate.hpp"
#include "documents/pdf/decision.hpp"

#include <benchmark/benchmark.h>

#include <string>
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
