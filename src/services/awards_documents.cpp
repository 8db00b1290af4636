// Commendation's documents: decisions (and their preview), certificates (one, or a decision's batch to print), the
// generated parts of a proposal's dossier, and the ceremony's program. Each use case reads what it needs in one
// read transaction, checks who asks, fills the renderer's plain struct, and renders after the transaction.

#include "documents/pdf/decision.hpp"
#include "documents/pdf/dossier.hpp"
#include "documents/pdf/program.hpp"
#include "domain/territory.hpp"
#include "services/awards.hpp"
#include "services/document_blocks.hpp"
#include "services/movement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace danvan {
namespace {

namespace doc = documents;

doc::DocumentSystem SystemOf(const Issuer& issuer) {
  return issuer.format == DocumentFormat::kParty ? doc::DocumentSystem::kParty : doc::DocumentSystem::kState;
}

// The unit a document is issued in and the unit above it (the header names both): one statement.
struct UnitAndParent {
  std::optional<AdminUnit> unit;
  std::optional<AdminUnit> parent;
};
UnitAndParent FindUnitAndParent(TerritoryRepository& territory, Tx& tx, int64_t unit_id) {
  auto chain = territory.FindWithAncestors(tx, unit_id);  // the unit, then its parent, … nearest first
  UnitAndParent out;
  if (!chain.empty()) out.unit = std::move(chain[0]);
  if (chain.size() > 1) out.parent = std::move(chain[1]);
  return out;
}

// "Hội đồng …" → "hội đồng …" after a verb; only an ASCII first letter is lowered (Vietnamese capitals are kept).
std::string LowerFirst(std::string s) {
  if (!s.empty() && static_cast<unsigned char>(s[0]) < 0x80) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

// Who decides, above the legal bases: the chair for a People's Committee (Luật TĐKT 2022, Art. 80.3), the standing
// committee for a Party committee, the standing board for the Fatherland Front.
std::string AuthorityOf(const Issuer& issuer) {
  switch (issuer.kind) {
    case IssuerKind::kPeoplesCommitteeChair: return "Chủ tịch " + issuer.name;
    case IssuerKind::kPartyCommittee: return "Ban Thường vụ " + issuer.name;
    case IssuerKind::kFatherlandFront: return "Ban Thường trực " + issuer.name;
    case IssuerKind::kHigherLevel: return issuer.name;
  }
  return issuer.name;
}


std::string Count(int n) { return n < 10 ? fmt::format("0{}", n) : std::to_string(n); }

// "10 tập thể và 03 cá nhân": how Vietnamese decisions count beneficiaries.
std::string Beneficiaries(int collectives, int individuals) {
  std::vector<std::string> parts;
  if (collectives) parts.push_back(Count(collectives) + " tập thể");
  if (individuals) parts.push_back(Count(individuals) + " cá nhân");
  if (parts.empty()) return "0 tập thể, cá nhân";
  return parts.size() == 1 ? parts[0] : parts[0] + " và " + parts[1];
}

// "Về việc công nhận …" → "Công nhận …": the summary as the object of Điều 1.
std::string Object(const std::string& summary) {
  constexpr std::string_view kAbout = "Về việc ";
  std::string s = summary.starts_with(kAbout) ? summary.substr(kAbout.size()) : summary;
  if (!s.empty() && static_cast<unsigned char>(s[0]) < 0x80) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// The UTC instant "2022-10-13T01:00:00.000Z" as Vietnam's date and "08:00".
Date VietnamDate(const std::string& utc) {
  auto day = Date::Parse(utc.substr(0, 10));
  if (!day) return Date();
  const int hour = utc.size() >= 13 ? std::atoi(utc.substr(11, 2).c_str()) : 0;
  return Date::TodayInVietnam(TimePoint(day->days()) + std::chrono::hours(hour));
}
std::string VietnamClock(const std::string& utc) {
  if (utc.size() < 16) return "";
  const int hour = (std::atoi(utc.substr(11, 2).c_str()) + 7) % 24;
  return fmt::format("{:02d}:{}", hour, utc.substr(14, 2));
}

// The decision as printed: the articles come from the record (what, the bonus, who executes).
doc::DecisionDocument DecisionDocumentOf(const Decision& d, const Issuer& issuer, const std::optional<AdminUnit>& parent,
                                         const std::string& number) {
  doc::DecisionDocument out;
  out.system = SystemOf(issuer);
  out.issuer = HeaderOf(issuer, parent);
  out.number = number;
  out.place = d.place;
  out.date = d.decided_on;
  out.summary = d.summary;
  out.authority = AuthorityOf(issuer);
  out.legal_bases = d.legal_bases;
  int collectives = 0, individuals = 0;
  doc::Annex annex;
  for (const auto& b : d.beneficiaries) {
    (b.subject == Subject::kCollective ? collectives : individuals)++;
    annex.rows.push_back({b.name, b.achievement, b.amount});
  }
  out.articles.push_back(fmt::format("{}: {} có tên tại Phụ lục kèm theo Quyết định này.", Object(d.summary),
                                     Beneficiaries(collectives, individuals)));
  out.articles.push_back(fmt::format(
      "Kèm theo mỗi tập thể, cá nhân tiền thưởng theo mức tại Phụ lục (hệ số khen thưởng nhân mức lương cơ sở {} đồng); "
      "tổng số tiền thưởng {} đồng.",
      doc::FormatMoney(d.base_salary), doc::FormatMoney(d.total_amount())));
  out.articles.push_back(d.executors.empty() ? "Quyết định này có hiệu lực kể từ ngày ký."
                                             : "Quyết định này có hiệu lực kể từ ngày ký. " + d.executors +
                                                   " chịu trách nhiệm thi hành Quyết định này.");
  out.recipients = SplitList(d.recipients);
  out.signer = SignerBlock(issuer, d.signer_capacity, d.signer_title, d.signer_name);
  out.annex = std::move(annex);
  return out;
}

// "     /QĐ-UBND": the number left blank for a draft.
std::string BlankNumber(const Issuer& issuer) {
  const std::string blank(5, ' ');
  return issuer.format == DocumentFormat::kParty ? blank + "-QĐ/" + issuer.symbol : blank + "/QĐ-" + issuer.symbol;
}

// "Giấy khen" for a giấy khen; "Giấy công nhận" for a recognition of a model or an exemplar.
std::string AwardTitle(const std::string& type_name) {
  if (type_name.starts_with("Công nhận")) return "Giấy công nhận";
  if (type_name.starts_with("Giấy khen")) return "Giấy khen";
  return type_name;
}

}  // namespace

// The header block of the issuer (Nghị định 30/2020: the body and, for bodies that have one, the body above it;
// Hướng dẫn 36: "ĐẢNG BỘ …" above the Party committee). A People's Committee prints on two lines.
doc::Issuer HeaderOf(const Issuer& issuer, const std::optional<AdminUnit>& parent) {
  doc::Issuer out;
  out.name = issuer.name;
  constexpr std::string_view kCommittee = "Ủy ban nhân dân ";
  if (issuer.name.starts_with(kCommittee)) out.name = "Ủy ban nhân dân\n" + issuer.name.substr(kCommittee.size());
  if (issuer.format == DocumentFormat::kParty && parent)
    out.superior = "Đảng bộ " + ReadUnitName(parent->name).InSentence();
  return out;
}

// The signature block: "TM. ỦY BAN NHÂN DÂN" / "T/M ĐẢNG ỦY" for the collective, "KT. CHỦ TỊCH" for a deputy.
doc::Signer SignerBlock(const Issuer& issuer, const std::string& capacity, const std::string& title,
                        const std::string& name) {
  doc::Signer s{"", title, name};
  std::string body = issuer.name;
  for (std::string_view collective : {"Ủy ban nhân dân", "Đảng ủy", "Ban Thường trực", "Ban Thường vụ"})
    if (issuer.name.starts_with(collective)) body = std::string(collective);
  if (issuer.kind == IssuerKind::kFatherlandFront) body = "Ban Thường trực";
  if (capacity == "TM.") {
    s.capacity = (issuer.format == DocumentFormat::kParty ? "T/M " : "TM. ") + body;
  } else if (capacity == "KT.") {
    std::string head = title;
    if (head.starts_with("Phó ")) head = head.substr(std::string_view("Phó ").size());
    s.capacity = "KT. " + head;
  } else if (!capacity.empty()) {
    s.capacity = capacity + " " + body;
  }
  return s;
}

// "Như Điều 3; Lưu VT." → {"Như Điều 3", "Lưu VT"}.
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of(";\n", start);
    std::string item = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    while (!item.empty() && (item.back() == ' ' || item.back() == '.')) item.pop_back();
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    if (!item.empty()) out.push_back(std::move(item));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

Result<std::string> AwardService::DecisionPdf(const Caller& caller, int64_t id) {
  doc::DecisionDocument document;
  DANVAN_TRY(db_.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    const auto d = DANVAN_TRY(VisibleDecision(tx, caller, id));
    const auto issuer = awards_.FindIssuer(tx, d.issuer_id);
    if (!issuer) return DecisionNotFound();
    const auto parent = FindUnitAndParent(*repos_.territory, tx, issuer->unit_id).parent;
    document = DecisionDocumentOf(d, *issuer, parent, d.symbol);
    return OkStatus();
  }));
  return doc::RenderDecisionPdf(document);
}

Result<std::string> AwardService::PreviewDecisionPdf(const Caller& caller, const DecisionInput& in) {
  const Date decided_on = DANVAN_TRY(CheckDecisionInput(in));
  doc::DecisionDocument document;
  DANVAN_TRY(db_.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    const auto draft = DANVAN_TRY(DraftDecision(tx, caller, in, decided_on, FormatUtc(clock_.Now())));
    const auto parent = FindUnitAndParent(*repos_.territory, tx, draft.issuer.unit_id).parent;
    document = DecisionDocumentOf(draft.decision, draft.issuer, parent, BlankNumber(draft.issuer));
    return OkStatus();
  }));
  return doc::RenderDecisionPdf(document);
}

namespace {

// One certificate of a decision as printed; `b` is one of `d`'s beneficiaries.
doc::CertificateDocument CertificateOf(const Decision& d, const Beneficiary& b, const Issuer& issuer,
                                       const std::string& unit_name, const std::map<int64_t, std::string>& type_names,
                                       const std::string& public_url) {
  doc::CertificateDocument c;
  c.system = SystemOf(issuer);
  c.issuer = AuthorityOf(issuer);
  const auto type = type_names.find(b.award_type_id);
  c.award = AwardTitle(type == type_names.end() ? "" : type->second);
  c.beneficiary = b.name;
  c.beneficiary_detail = unit_name;
  c.reason = b.achievement;
  c.decision_number = d.symbol;
  c.decision_date = d.decided_on;
  c.place = d.place;
  c.date = d.decided_on;
  c.signer = SignerBlock(issuer, d.signer_capacity, d.signer_title, d.signer_name);
  c.verify_url = public_url + "/verify/" + b.certificate_public_id;
  return c;
}

Error CertificateRevoked() {
  return MakeError(ErrorKind::kInvalidTransition, "certificate_revoked",
                   "Giấy khen đã bị thu hồi: không in lại được.", "The certificate is revoked: it cannot be printed.");
}

}  // namespace

Result<std::string> AwardService::CertificatePdf(const Caller& caller, int64_t id) {
  doc::CertificateDocument document;
  DANVAN_TRY(db_.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    const auto row = awards_.FindCertificate(tx, id);
    if (!row || !Has(tx, caller, Permission::kViewUnitPrivate, row->unit_id)) return CertificateNotFound();
    if (row->certificate.status == CertificateStatus::kRevoked) return CertificateRevoked();
    const auto d = awards_.FindDecision(tx, row->certificate.decision_id);
    const auto issuer = d ? awards_.FindIssuer(tx, d->issuer_id) : std::nullopt;
    if (!d || !issuer) return CertificateNotFound();
    const auto b = std::find_if(d->beneficiaries.begin(), d->beneficiaries.end(),
                                [&](const Beneficiary& x) { return x.id == row->certificate.beneficiary_id; });
    if (b == d->beneficiaries.end()) return CertificateNotFound();
    const auto unit = repos_.territory->Find(tx, d->unit_id);
    document = CertificateOf(*d, *b, *issuer, unit ? unit->name : "", {{b->award_type_id, row->award_type_name}},
                             settings_.public_url);
    return OkStatus();
  }));
  return doc::RenderCertificatePdf(document);
}

Result<CertificateBatch> AwardService::CertificatesToPrint(const Caller& caller, int64_t decision_id) {
  return db_.Run<CertificateBatch>(TxMode::kRead, [&](Tx& tx) -> Result<CertificateBatch> {
    const auto d = DANVAN_TRY(VisibleDecision(tx, caller, decision_id));
    if (d.status == DecisionStatus::kRevoked)
      return MakeError(ErrorKind::kInvalidTransition, "decision_revoked",
                       "Quyết định đã bị thu hồi: không in giấy khen của quyết định này.",
                       "The decision is revoked: its certificates are not printed.");
    const auto issuer = awards_.FindIssuer(tx, d.issuer_id);
    if (!issuer) return DecisionNotFound();
    const auto unit = repos_.territory->Find(tx, d.unit_id);
    std::vector<int64_t> type_ids;
    for (const auto& b : d.beneficiaries) type_ids.push_back(b.award_type_id);
    std::map<int64_t, std::string> type_names;
    for (const auto& t : awards_.FindAwardTypes(tx, type_ids)) type_names[t.id] = t.name;
    CertificateBatch batch{d.id, d.unit_id, d.symbol, {}};
    batch.certificates.reserve(d.beneficiaries.size());
    for (const auto& b : d.beneficiaries)
      batch.certificates.push_back(CertificateOf(d, b, *issuer, unit ? unit->name : "", type_names, settings_.public_url));
    return batch;
  });
}

bool AwardService::ReadsDecisionsOf(const Caller& caller, int64_t unit_id) {
  // As VisibleDecision decides, without loading a decision: a job is polled every second or so.
  if (caller.principal.IsSystemAdmin()) return true;
  auto reads = db_.Run<bool>(TxMode::kRead, [&](Tx& tx) -> Result<bool> { return Has(tx, caller, Permission::kViewUnitPrivate, unit_id); });
  return reads.ok() && reads.value();
}

Result<std::string> AwardService::DossierPdf(const Caller& caller, int64_t proposal_id, DossierDocument part) {
  std::optional<int64_t> session_id;
  doc::SubmissionDocument submission;
  doc::AchievementReportDocument report;
  DANVAN_TRY(db_.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    const auto p = DANVAN_TRY(VisibleProposal(tx, caller, proposal_id));
    if (part == DossierDocument::kMinutes) {
      if (!p.council_session_id)
        return MakeError(ErrorKind::kNotFound, "no_council_minutes",
                         "Hồ sơ chưa có biên bản họp hội đồng (chưa ghi nhận kết quả bỏ phiếu của một phiên họp).",
                         "The proposal has no council minutes (no council session's ballot was recorded).");
      session_id = p.council_session_id;
      return OkStatus();
    }
    const auto issuer = awards_.FindIssuer(tx, p.issuer_id);
    if (!issuer) return ProposalNotFound();
    const auto unit = repos_.territory->Find(tx, p.unit_id);
    const std::string unit_name = unit ? unit->name : "";

    // The proposer: the council whose ballot backs the proposal, else the unit's emulation council.
    std::string council = "Hội đồng Thi đua – Khen thưởng " + ReadUnitName(unit_name).InSentence();
    std::string chair;
    std::optional<Date> voted_on;
    if (p.council_session_id)
      if (auto s = repos_.movement->FindSession(tx, *p.council_session_id))
        if (auto c = repos_.movement->FindCouncil(tx, s->council_id)) {
          council = c->name;
          voted_on = s->held_on;
          for (const auto& m : c->members)
            if (m.role == "chair" && chair.empty()) chair = m.display_name;
        }
    std::optional<Campaign> campaign;
    if (p.campaign_id) campaign = repos_.movement->FindCampaign(tx, *p.campaign_id);

    std::vector<int64_t> type_ids, model_ids;
    for (const auto& n : p.nominees) {
      type_ids.push_back(n.award_type_id);
      if (n.model_id) model_ids.push_back(*n.model_id);
    }
    std::map<int64_t, AwardType> types;
    for (const auto& t : awards_.FindAwardTypes(tx, type_ids)) types[t.id] = t;
    std::map<int64_t, Model> models;
    for (const auto& m : repos_.movement->FindModels(tx, model_ids)) models[m.id] = m;
    std::map<std::string, std::string> fields;
    if (!models.empty())
      for (const auto& f : repos_.movement->Fields(tx)) fields[f.code] = f.name_vi;

    const auto system = SystemOf(*issuer);
    const doc::Issuer header{
        (system == doc::DocumentSystem::kParty ? "Đảng ủy " : "Ủy ban nhân dân ") + ReadUnitName(unit_name).InSentence(),
        council};
    const Date date = VietnamDate(p.created_at);
    const std::string place = issuer->place;
    const doc::Signer signer{"TM. Hội đồng", "Chủ tịch Hội đồng", chair};
    int collectives = 0, individuals = 0;
    for (const auto& n : p.nominees) (n.subject == Subject::kCollective ? collectives : individuals)++;
    auto subject = [](Subject s) { return std::string(s == Subject::kCollective ? "Tập thể" : "Cá nhân"); };
    auto type_name = [&](int64_t id) { return types.count(id) ? types[id].name : std::string(); };

    if (part == DossierDocument::kSubmission) {
      submission.system = system;
      submission.issuer = header;
      submission.number = "     /TTr";
      submission.place = place;
      submission.date = date;
      submission.summary = "Về việc đề nghị " + LowerFirst(p.title);
      submission.addressee = AuthorityOf(*issuer);
      std::set<std::string> seen;
      for (const auto& n : p.nominees)
        if (types.count(n.award_type_id) && seen.insert(types[n.award_type_id].legal_basis).second)
          submission.grounds.push_back("Căn cứ " + types[n.award_type_id].legal_basis);
      if (campaign) submission.grounds.push_back("Căn cứ kết quả " + LowerFirst(campaign->title));
      if (voted_on)
        submission.grounds.push_back(fmt::format("Căn cứ kết quả họp xét và bỏ phiếu kín của {} ngày {}", council,
                                                 voted_on->Vietnamese()));
      submission.paragraphs.push_back(fmt::format(
          "{} kính trình {} xem xét, quyết định khen thưởng {} có thành tích năm {}, danh sách như sau:", council,
          AuthorityOf(*issuer), Beneficiaries(collectives, individuals), p.year));
      for (const auto& n : p.nominees)
        submission.nominees.push_back({n.name, subject(n.subject), type_name(n.award_type_id), n.achievement});
      submission.enclosures.push_back("Báo cáo thành tích của các tập thể, cá nhân");
      if (voted_on) submission.enclosures.push_back("Biên bản họp " + council + " ngày " + voted_on->Vietnamese());
      for (const auto& part_row : p.parts)
        if (part_row.origin != PartOrigin::kGenerated) submission.enclosures.push_back(part_row.title);
      submission.closing = "Kính trình " + AuthorityOf(*issuer) + " xem xét, quyết định./.";
      submission.recipients = {"Như trên", "Lưu: VT"};
      submission.signer = signer;
    } else {
      report.system = system;
      report.issuer = header;
      report.place = place;
      report.date = date;
      report.summary = "Thành tích của " + Beneficiaries(collectives, individuals) + " đề nghị " + LowerFirst(p.title);
      report.introduction.push_back(fmt::format(
          "{} báo cáo thành tích năm {} của các tập thể, cá nhân được đề nghị khen thưởng{}, làm căn cứ để {} xem xét, "
          "quyết định.",
          council, p.year, campaign ? " trong " + LowerFirst(campaign->title) : "", AuthorityOf(*issuer)));
      for (const auto& n : p.nominees) {
        doc::AchievementEntry e{n.name, subject(n.subject), type_name(n.award_type_id), {}, n.achievement};
        if (n.model_id && models.count(*n.model_id)) {
          const auto& m = models[*n.model_id];
          e.facts = {{m.kind == ModelKind::kModel ? "Mô hình" : "Điển hình", m.title},
                     {"Lĩnh vực", fields.count(m.field) ? fields[m.field] : m.field},
                     {"Địa chỉ", m.address},
                     {"Mục tiêu", m.goals},
                     {"Cách làm và kết quả", m.description},
                     {"Mức công nhận", m.recognition_level.value_or("")}};
        }
        report.entries.push_back(std::move(e));
      }
      report.recipients = {"Như trên", "Lưu: VT"};
      report.signer = signer;
    }
    return OkStatus();
  }));
  switch (part) {
    // The minutes are the session's: the same document and the same readers as GET /sessions/{id}/minutes.pdf.
    case DossierDocument::kMinutes: return MovementService(db_, repos_, audit_, clock_).MinutesPdf(caller, *session_id);
    case DossierDocument::kSubmission: return doc::RenderSubmissionPdf(submission);
    case DossierDocument::kAchievements: return doc::RenderAchievementReportPdf(report);
  }
  return ProposalNotFound();
}

Result<std::string> AwardService::ProgramPdf(int64_t event_id) {
  doc::ProgramDocument program;
  DANVAN_TRY(db_.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    const auto e = awards_.FindEvent(tx, event_id);
    if (!e) return EventNotFound();
    const auto [unit, parent] = FindUnitAndParent(*repos_.territory, tx, e->unit_id);
    program.issuer = {parent ? parent->name : "", unit ? unit->name : ""};
    if (unit) {
      // The date line names a commune without its kind ("Lý Thái Tổ, ngày …"), a larger unit as in a sentence.
      const UnitName name = ReadUnitName(unit->name);
      program.place = name.kind && name.kind->level == UnitLevel::kCommune ? std::string(name.proper) : name.InSentence();
    }
    program.date = e->held_on;
    program.title = e->title;
    program.time = VietnamClock(e->starts_at) + " – " + VietnamClock(e->ends_at);
    program.venue = e->place;
    for (const auto& a : AnniversariesOn(e->held_on))
      program.anniversaries.push_back(fmt::format("Kỷ niệm {} năm {} ({} – {})", a.count, a.name_vi, a.origin.Vietnamese(),
                                                  a.this_year.Vietnamese()));
    // Decisions named by the program: one look-up each (a program has a handful of award segments).
    std::map<int64_t, std::string> decisions;
    for (const auto& s : e->segments)
      if (s.decision_id && !decisions.count(*s.decision_id))
        if (auto d = awards_.FindDecision(tx, *s.decision_id)) {
          const auto issuer = awards_.FindIssuer(tx, d->issuer_id);
          decisions[*s.decision_id] = fmt::format("Quyết định số {} ngày {}{}", d->symbol, d->decided_on.Vietnamese(),
                                                  issuer ? " của " + issuer->name : "");
        }
    for (const auto& s : e->segments) {
      doc::ProgramItem item;
      item.time = s.position == 1 ? VietnamClock(e->starts_at) : "";
      item.title = s.title;
      item.presenter = s.presenter_name;
      item.presenter_title = s.presenter_title;
      if (s.decision_id && decisions.count(*s.decision_id)) item.decision = decisions[*s.decision_id];
      auto recipients = s.recipients;
      std::sort(recipients.begin(), recipients.end(),
                [](const SegmentRecipient& a, const SegmentRecipient& b) { return a.stage_order < b.stage_order; });
      for (const auto& r : recipients) item.recipients.push_back(r.name);
      program.items.push_back(std::move(item));
    }
    return OkStatus();
  }));
  return doc::RenderProgramPdf(program);
}

}  // namespace danvan
