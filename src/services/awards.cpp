#include "services/awards.hpp"

#include "core/crypto.hpp"
#include "documents/media.hpp"
#include "services/community.hpp"
#include "services/movement.hpp"
#include "services/territory.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <set>

namespace danvan {
namespace {


std::string ProposalJson(const Proposal& p) {
  return boost::json::serialize(boost::json::object{{"title", p.title}, {"status", ToString(p.status)},
                                                    {"reason", p.status_reason}, {"nominees", p.nominees.size()}});
}

Error IssuerNotFound() {
  return MakeError(ErrorKind::kNotFound, "issuer_not_found", "Không tìm thấy cơ quan ban hành.", "No such issuer.")
      .WithDetail("field", "issuer_id");
}

Error AwardTypeNotFound(int64_t id) {
  return MakeError(ErrorKind::kNotFound, "award_type_not_found", "Không tìm thấy loại khen thưởng.", "No such award type.")
      .WithDetail("award_type_id", id);
}

// "08:00" on a Vietnamese date → the UTC instant as stored.
Result<std::string> VietnamTime(const Date& day, const std::string& hhmm, std::string_view field) {
  int h = -1, m = -1;
  if (hhmm.size() != 5 || hhmm[2] != ':' || std::sscanf(hhmm.c_str(), "%2d:%2d", &h, &m) != 2 || h < 0 || h > 23 ||
      m < 0 || m > 59)
    return MakeError(ErrorKind::kInvalidInput, "invalid_time", "Giờ phải có dạng HH:MM (ví dụ 08:00).",
                     "A time reads HH:MM (e.g. 08:00).")
        .WithDetail("field", boost::json::string(field));
  return FormatUtc(TimePoint(day.days()) + std::chrono::hours(h - 7) + std::chrono::minutes(m));
}

int64_t Rounding(AwardRepository& awards, Tx& tx) {
  const auto text = awards.Setting(tx, "bonus_rounding_dong");
  try {
    return text ? std::max<int64_t>(1, std::stoll(*text)) : 1;
  } catch (const std::exception&) {
    return 1;
  }
}

std::string KeyId(const std::string& public_key) { return Sha256Hex(public_key).substr(0, 16); }

// A unit member speaks for the organisations of its unit-member grants only (as in the movement): every nominee
// must be one of them, a model one of them owns, or a person who is (or was) a member of one of them.
// Memberships come in one query whatever the number of nominees.
Status MemberSpeaksForAll(Tx& tx, Repositories& repos, const Principal& principal, const std::vector<Nominee>& nominees) {
  std::set<int64_t> own;
  for (const auto& g : principal.grants)
    if (g.role == Role::kUnitMember && g.organisation_id) own.insert(*g.organisation_id);
  std::vector<int64_t> people;
  for (const auto& n : nominees)
    if (!(n.organisation_id && own.count(*n.organisation_id)) && n.person_id) people.push_back(*n.person_id);
  std::set<int64_t> members;
  if (!people.empty())
    for (const auto& m : repos.people->MembershipsOf(tx, people))
      if (own.count(m.organisation_id)) members.insert(m.person_id);
  for (size_t i = 0; i < nominees.size(); ++i) {
    const auto& n = nominees[i];
    if (n.organisation_id && own.count(*n.organisation_id)) continue;
    if (!n.organisation_id && n.person_id && members.count(*n.person_id)) continue;
    return MakeError(ErrorKind::kForbidden, "not_own_organisation",
                     fmt::format("Bạn chỉ được đề nghị khen thưởng cho tổ chức của mình; \"{}\" không thuộc tổ chức đó.", n.name),
                     fmt::format("You propose awards only for your own organisation, and \"{}\" is not in it.", n.name))
        .WithDetail("index", static_cast<int64_t>(i));
  }
  return OkStatus();
}

}  // namespace

Result<Date> CheckDecisionInput(const DecisionInput& in) {
  const Date decided_on = DANVAN_TRY(Date::Parse(in.decided_on, "decided_on"));
  DANVAN_TRY(ValidateSignerCapacity(in.signer_capacity));
  if (in.signer_name.empty() || in.signer_title.empty())
    return MakeError(ErrorKind::kInvalidInput, "signer_required", "Cần chức vụ và họ tên người ký.",
                     "The signer's title and name are required.")
        .WithDetail("field", in.signer_name.empty() ? "signer_name" : "signer_title");
  return decided_on;
}

Error ProposalNotFound() {
  return MakeError(ErrorKind::kNotFound, "proposal_not_found", "Không tìm thấy hồ sơ đề nghị.", "No such proposal.");
}
Error DecisionNotFound() {
  return MakeError(ErrorKind::kNotFound, "decision_not_found", "Không tìm thấy quyết định.", "No such decision.");
}
Error CertificateNotFound() {
  return MakeError(ErrorKind::kNotFound, "certificate_not_found", "Không tìm thấy giấy khen.", "No such certificate.");
}
Error EventNotFound() {
  return MakeError(ErrorKind::kNotFound, "event_not_found", "Không tìm thấy sự kiện.", "No such event.");
}

bool AwardService::Has(Tx& tx, const Caller& caller, Permission permission, int64_t unit_id) {
  if (caller.principal.IsSystemAdmin()) return true;
  return Allows(caller.principal, permission, repos_.territory->Ancestry(tx, unit_id));
}

// Unit representatives propose people and collectives for rewards (DESIGN.md): a unit member of the unit.
bool AwardService::IsMemberOf(Tx& tx, const Caller& caller, int64_t unit_id) {
  const auto ancestry = repos_.territory->Ancestry(tx, unit_id);
  return std::any_of(caller.principal.grants.begin(), caller.principal.grants.end(), [&](const RoleGrant& g) {
    return g.role == Role::kUnitMember && g.unit_id &&
           std::find(ancestry.begin(), ancestry.end(), *g.unit_id) != ancestry.end();
  });
}

Result<std::vector<AwardType>> AwardService::AwardTypes() {
  return db_.Run<std::vector<AwardType>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<AwardType>> {
    return awards_.AwardTypes(tx);
  });
}

Result<AwardType> AwardService::CreateAwardType(const Caller& caller, const AwardTypeInput& in) {
  if (!caller.principal.IsSystemAdmin()) return Forbidden();
  AwardType t;
  t.code = in.code;
  t.name = in.name;
  auto kind = ParseIssuerKind(in.issuer_kind);
  if (!kind)
    return MakeError(ErrorKind::kInvalidInput, "invalid_issuer_kind",
                     "Loại cơ quan phải là party_committee, peoples_committee_chair, fatherland_front hoặc higher_level.",
                     "issuer_kind must be party_committee, peoples_committee_chair, fatherland_front or higher_level.")
        .WithDetail("field", "issuer_kind");
  auto subject = ParseSubject(in.subject);
  if (!subject)
    return MakeError(ErrorKind::kInvalidInput, "invalid_subject", "Đối tượng phải là collective hoặc individual.",
                     "subject must be collective or individual.")
        .WithDetail("field", "subject");
  t.issuer_kind = *kind;
  t.subject = *subject;
  t.legal_basis = in.legal_basis;
  t.bonus_coefficient = in.bonus_coefficient;
  t.created_at = FormatUtc(clock_.Now());
  DANVAN_TRY(ValidateAwardType(t));
  return db_.Run<AwardType>(TxMode::kWrite, [&](Tx& tx) -> Result<AwardType> {
    t.id = awards_.InsertAwardType(tx, t);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"system", "award_type", std::to_string(t.id), "create", std::nullopt,
                             boost::json::serialize(boost::json::object{
                                 {"code", t.code}, {"name", t.name}, {"bonus_coefficient", t.bonus_coefficient}})});
    return t;
  });
}

Result<BonusQuote> AwardService::QuoteBonus(const std::string& on, std::optional<int64_t> award_type_id) {
  const Date date = DANVAN_TRY(Date::Parse(on, "on"));
  return db_.Run<BonusQuote>(TxMode::kRead, [&](Tx& tx) -> Result<BonusQuote> {
    BonusQuote q;
    q.base_salary = DANVAN_TRY(BaseSalaryOn(awards_.BaseSalaries(tx), date));
    q.rounding = Rounding(awards_, tx);
    if (award_type_id) {
      auto types = awards_.FindAwardTypes(tx, {*award_type_id});
      if (types.empty()) return AwardTypeNotFound(*award_type_id);
      q.award_type = types.front();
      q.amount = ComputeBonus(types.front().bonus_coefficient, q.base_salary.amount, q.rounding);
    }
    return q;
  });
}

Result<std::vector<Issuer>> AwardService::Issuers(std::optional<int64_t> unit_id) {
  return db_.Run<std::vector<Issuer>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<Issuer>> {
    return awards_.ListIssuers(tx, unit_id);
  });
}

Result<Issuer> AwardService::CreateIssuer(const Caller& caller, const IssuerInput& in) {
  Issuer i;
  i.unit_id = in.unit_id;
  i.organisation_id = in.organisation_id;
  i.name = in.name;
  i.symbol = in.symbol;
  i.place = in.place;
  auto kind = ParseIssuerKind(in.kind);
  if (!kind)
    return MakeError(ErrorKind::kInvalidInput, "invalid_issuer_kind",
                     "Loại cơ quan phải là party_committee, peoples_committee_chair, fatherland_front hoặc higher_level.",
                     "kind must be party_committee, peoples_committee_chair, fatherland_front or higher_level.")
        .WithDetail("field", "kind");
  i.kind = *kind;
  // Party bodies write Party documents (Hướng dẫn 36-HD/VPTW) unless told otherwise.
  const std::string format = in.document_format.empty()
                                 ? (i.kind == IssuerKind::kPartyCommittee ? "party" : "state")
                                 : in.document_format;
  auto parsed = ParseDocumentFormat(format);
  if (!parsed)
    return MakeError(ErrorKind::kInvalidInput, "invalid_document_format", "Thể thức văn bản phải là state hoặc party.",
                     "document_format must be state or party.")
        .WithDetail("field", "document_format");
  i.format = *parsed;
  i.created_at = FormatUtc(clock_.Now());
  DANVAN_TRY(ValidateIssuer(i));
  return db_.Run<Issuer>(TxMode::kWrite, [&](Tx& tx) -> Result<Issuer> {
    if (!repos_.territory->Find(tx, i.unit_id)) return UnitNotFound(i.unit_id).WithDetail("field", "unit_id");
    if (!Has(tx, caller, Permission::kManageMovement, i.unit_id)) return Forbidden();
    if (i.organisation_id && !repos_.organisations->Find(tx, *i.organisation_id))
      return OrganisationNotFound(*i.organisation_id).WithDetail("field", "organisation_id");
    i.id = awards_.InsertIssuer(tx, i);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(i.unit_id), "issuer", std::to_string(i.id), "create", std::nullopt,
                             boost::json::serialize(boost::json::object{{"name", i.name}, {"symbol", i.symbol}})});
    return i;
  });
}

Result<Nominee> AwardService::BuildNominee(Tx& tx, const NomineeInput& in, const Proposal& p,
                                           const std::vector<AwardType>& types, const Issuer& issuer) {
  const auto type = std::find_if(types.begin(), types.end(), [&](const AwardType& t) { return t.id == in.award_type_id; });
  if (type == types.end()) return AwardTypeNotFound(in.award_type_id).WithDetail("field", "award_type_id");
  if (type->issuer_kind != issuer.kind)
    return MakeError(ErrorKind::kInvalidInput, "issuer_mismatch",
                     fmt::format("\"{}\" không thuộc thẩm quyền của {}.", type->name, issuer.name),
                     fmt::format("\"{}\" is not awarded by {}.", type->name, issuer.name))
        .WithDetail("field", "award_type_id");
  Nominee n;
  n.award_type_id = type->id;
  n.subject = type->subject;
  n.model_id = in.model_id;
  n.organisation_id = in.organisation_id;
  n.person_id = in.person_id;
  n.name = in.name;
  n.achievement = in.achievement;
  // Nominees belong to the proposing unit or a unit below it.
  auto inside = [&](int64_t unit) {
    const auto ancestry = repos_.territory->Ancestry(tx, unit);
    return std::find(ancestry.begin(), ancestry.end(), p.unit_id) != ancestry.end();
  };
  std::optional<Model> model;
  if (in.model_id) {
    model = repos_.movement->FindModel(tx, *in.model_id);
    if (!model || !inside(model->unit_id)) return ModelNotFound().WithDetail("field", "model_id");
    n.organisation_id = model->owner_organisation_id;
    n.person_id = model->owner_person_id;
    if (n.achievement.empty()) n.achievement = model->title;
  }
  if (n.organisation_id) {
    auto o = repos_.organisations->Find(tx, *n.organisation_id);
    if (!o || !inside(o->unit_id)) return OrganisationNotFound(*n.organisation_id).WithDetail("field", "organisation_id");
    if (n.name.empty()) n.name = o->name;
  }
  if (n.person_id) {
    auto person = repos_.people->Find(tx, *n.person_id);
    if (!person || !inside(person->unit_id)) return PersonNotFound().WithDetail("field", "person_id");
    if (n.name.empty()) n.name = person->full_name;
  }
  DANVAN_TRY(ValidateNominee(n, *type, model));
  if (model) {
    if (auto claim = awards_.FindClaim(tx, model->id)) {
      const std::string first = claim->decision_symbol
                                    ? fmt::format("Quyết định số {} của {}", *claim->decision_symbol, claim->issuer_name)
                                    : fmt::format("hồ sơ đề nghị số {} \"{}\"", claim->proposal_id, claim->proposal_title);
      return AchievementAlreadyRewarded(model->title, first)
          .WithDetail("field", "model_id")
          .WithDetail("model_id", model->id)
          .WithDetail("proposal_id", claim->proposal_id);
    }
  }
  return n;
}

Result<Proposal> AwardService::CreateProposal(const Caller& caller, const ProposalInput& in) {
  if (in.title.empty())
    return MakeError(ErrorKind::kInvalidInput, "field_required", "Cần tiêu đề hồ sơ đề nghị.", "A proposal needs a title.")
        .WithDetail("field", "title");
  if (in.nominees.empty() || in.nominees.size() > 500)
    return MakeError(ErrorKind::kInvalidInput, "nominees_required", "Hồ sơ cần từ 1 đến 500 tập thể, cá nhân được đề nghị.",
                     "A proposal needs 1 to 500 nominees.")
        .WithDetail("field", "nominees");
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<Proposal>(TxMode::kWrite, [&](Tx& tx) -> Result<Proposal> {
    if (!repos_.territory->Find(tx, in.unit_id)) return UnitNotFound(in.unit_id).WithDetail("field", "unit_id");
    const bool officer = Has(tx, caller, Permission::kManageMovement, in.unit_id);
    if (!officer && !IsMemberOf(tx, caller, in.unit_id)) return Forbidden();
    auto issuer = awards_.FindIssuer(tx, in.issuer_id);
    if (!issuer) return IssuerNotFound();
    Proposal p;
    p.unit_id = in.unit_id;
    p.issuer_id = issuer->id;
    p.campaign_id = in.campaign_id;
    p.title = in.title;
    p.year = in.year.value_or(Date::TodayInVietnam(clock_.Now()).year());
    if (in.campaign_id) {
      auto c = repos_.movement->FindCampaign(tx, *in.campaign_id);
      if (!c || c->unit_id != in.unit_id) return CampaignNotFound().WithDetail("field", "campaign_id");
      if (!in.year) p.year = c->starts_on.year();
    }
    p.created_by = caller.actor().id;
    p.created_at = p.updated_at = now;
    const auto types = awards_.AwardTypes(tx);
    std::set<int64_t> models;
    for (size_t i = 0; i < in.nominees.size(); ++i) {
      auto n = BuildNominee(tx, in.nominees[i], p, types, *issuer);
      if (!n) return std::move(n).error().WithDetail("index", static_cast<int64_t>(i));
      if (n->model_id && !models.insert(*n->model_id).second)
        return MakeError(ErrorKind::kInvalidInput, "duplicate_nominee", "Một mô hình được đề nghị hai lần trong cùng hồ sơ.",
                         "The same model is nominated twice in this proposal.")
            .WithDetail("index", static_cast<int64_t>(i));
      p.nominees.push_back(std::move(n).value());
    }
    if (!officer) DANVAN_TRY(MemberSpeaksForAll(tx, repos_, caller.principal, p.nominees));
    awards_.InsertProposal(tx, p);
    for (const auto& n : p.nominees)
      if (n.model_id && !awards_.ClaimModel(tx, *n.model_id, n.id))
        return AchievementAlreadyRewarded(std::to_string(*n.model_id), "một hồ sơ khác / another proposal");
    // The generated parts of the dossier: rendered as PDF by the documents layer.
    for (auto [kind, title] : {std::pair{PartKind::kCoverSubmission, "Tờ trình đề nghị khen thưởng"},
                               std::pair{PartKind::kAchievementReport, "Báo cáo thành tích"}}) {
      DossierPart part;
      part.proposal_id = p.id;
      part.kind = kind;
      part.origin = PartOrigin::kGenerated;
      part.title = title;
      part.created_at = now;
      part.id = awards_.InsertPart(tx, part, std::nullopt);
      p.parts.push_back(part);
    }
    audit_.Record(tx, caller.actor(), AuditEvent{UnitChain(p.unit_id), "proposal", std::to_string(p.id), "create", std::nullopt,
                                                 ProposalJson(p)});
    return p;
  });
}

// Lists are of one unit's subtree (any grant on it reads them); only system admins list everything.
Status AwardService::CheckListScope(Tx& tx, const Caller& caller, std::optional<int64_t> unit_id) {
  if (!unit_id && !caller.principal.IsSystemAdmin())
    return MakeError(ErrorKind::kInvalidInput, "field_required", "Cần chọn đơn vị (unit_id).", "unit_id is required.")
        .WithDetail("field", "unit_id");
  if (unit_id && !Has(tx, caller, Permission::kViewUnitPrivate, *unit_id)) return Forbidden();
  return OkStatus();
}

Result<Proposal> AwardService::VisibleProposal(Tx& tx, const Caller& caller, int64_t id) {
  auto p = awards_.FindProposal(tx, id);
  if (!p || !Has(tx, caller, Permission::kViewUnitPrivate, p->unit_id)) return ProposalNotFound();
  return *p;
}

Result<Proposal> AwardService::GetProposal(const Caller& caller, int64_t id) {
  return db_.Run<Proposal>(TxMode::kRead, [&](Tx& tx) -> Result<Proposal> { return VisibleProposal(tx, caller, id); });
}

Result<Page<Proposal>> AwardService::ListProposals(const Caller& caller, ProposalQuery query) {
  return db_.Run<Page<Proposal>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<Proposal>> {
    DANVAN_TRY(CheckListScope(tx, caller, query.unit_id));
    return awards_.ListProposals(tx, query);
  });
}

Result<Proposal> AwardService::Transition(const Caller& caller, int64_t id, const std::string& action_text,
                                          const std::string& reason, std::optional<int64_t> council_session_id) {
  auto action = ParseProposalAction(action_text);
  if (!action || *action == ProposalAction::kDecide || *action == ProposalAction::kRevoke)
    return MakeError(ErrorKind::kInvalidInput, "invalid_action",
                     "Thao tác phải là submit, accept, record_vote, forward hoặc return (ký quyết định: POST /api/v1/decisions).",
                     "action must be submit, accept, record_vote, forward or return (decisions: POST /api/v1/decisions).")
        .WithDetail("field", "action");
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<Proposal>(TxMode::kWrite, [&](Tx& tx) -> Result<Proposal> {
    auto p = DANVAN_TRY(VisibleProposal(tx, caller, id));
    const bool officer = Has(tx, caller, Permission::kManageMovement, p.unit_id);
    const bool allowed = ActorFor(*action) == ProposalActor::kProposer ? officer || IsMemberOf(tx, caller, p.unit_id)
                         : *action == ProposalAction::kReturn ? officer || Has(tx, caller, Permission::kSignDecisions, p.unit_id)
                                                              : officer;
    if (!allowed) return Forbidden();
    if (!officer && ActorFor(*action) == ProposalActor::kProposer)
      DANVAN_TRY(MemberSpeaksForAll(tx, repos_, caller.principal, p.nominees));
    const auto to = DANVAN_TRY(NextProposalStatus(p.status, *action, reason));
    if (*action == ProposalAction::kRecordVote && council_session_id) {
      auto s = repos_.movement->FindSession(tx, *council_session_id);
      auto council = s ? repos_.movement->FindCouncil(tx, s->council_id) : std::nullopt;
      auto campaign = council ? repos_.movement->FindCampaign(tx, council->campaign_id) : std::nullopt;
      if (!campaign || campaign->unit_id != p.unit_id)
        return MakeError(ErrorKind::kNotFound, "session_not_found", "Không tìm thấy phiên họp.", "No such session.")
            .WithDetail("field", "council_session_id");
      if (s->status != "closed")
        return MakeError(ErrorKind::kInvalidTransition, "session_not_closed",
                         "Phiên họp hội đồng chưa kết thúc: chưa có kết quả bỏ phiếu.",
                         "The council session is not closed: there is no ballot result yet.");
      p.council_session_id = s->id;
      DossierPart minutes;
      minutes.proposal_id = p.id;
      minutes.kind = PartKind::kCouncilMinutes;
      minutes.origin = PartOrigin::kGenerated;
      minutes.title = fmt::format("Biên bản họp {} ngày {}", council->name, s->held_on.Vietnamese());
      minutes.created_at = now;
      minutes.id = awards_.InsertPart(tx, minutes, std::nullopt);
      p.parts.push_back(minutes);
    }
    const std::string before(ToString(p.status));
    p.status = to;
    p.status_reason = *action == ProposalAction::kReturn ? reason : "";
    p.updated_at = now;
    awards_.UpdateProposalStatus(tx, p);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(p.unit_id), "proposal", std::to_string(p.id), std::string(ToString(*action)),
                             boost::json::serialize(boost::json::object{{"status", before}}), ProposalJson(p)});
    return p;
  });
}

Result<DossierPart> AwardService::AddPart(const Caller& caller, int64_t proposal_id, const PartInput& in) {
  auto kind = ParsePartKind(in.kind);
  if (!kind)
    return MakeError(ErrorKind::kInvalidInput, "invalid_part_kind",
                     "Loại thành phần hồ sơ phải là to_trinh, bao_cao_thanh_tich, bien_ban hoặc attachment.",
                     "kind must be to_trinh, bao_cao_thanh_tich, bien_ban or attachment.")
        .WithDetail("field", "kind");
  if (in.bytes.has_value() == in.attachment_id.has_value())
    return MakeError(ErrorKind::kInvalidInput, "part_source_required",
                     "Thành phần hồ sơ cần đúng một nguồn: tệp tải lên hoặc minh chứng đã có (attachment_id).",
                     "A dossier part needs exactly one source: an uploaded file or existing evidence (attachment_id).")
        .WithDetail("field", "content_base64");
  DossierPart part;
  part.proposal_id = proposal_id;
  part.kind = *kind;
  part.title = in.title.empty() ? in.file_name : in.title;
  part.created_at = FormatUtc(clock_.Now());
  std::optional<std::string> content;
  if (in.bytes) {
    // The movement's attachment rules: type by content, size limits, photos cleaned of metadata.
    DANVAN_TRY(CheckLimits({{in.file_name, in.bytes->size()}}, MediaLimits{}));
    const auto detected = DANVAN_TRY(DetectMediaKind(*in.bytes));
    content = *in.bytes;
    if (IsPhoto(detected)) content = DANVAN_TRY(ProcessPhoto(*in.bytes, detected)).bytes;
    part.origin = PartOrigin::kUploaded;
    part.media_type = std::string(MimeType(detected));
    part.file_name = in.file_name.empty() ? "tep" + std::string(Extension(detected)) : in.file_name;
    part.size_bytes = static_cast<int64_t>(content->size());
    part.has_content = true;
  }
  if (part.title.empty())
    return MakeError(ErrorKind::kInvalidInput, "field_required", "Cần tên thành phần hồ sơ.", "A dossier part needs a title.")
        .WithDetail("field", "title");
  return db_.Run<DossierPart>(TxMode::kWrite, [&](Tx& tx) -> Result<DossierPart> {
    auto p = DANVAN_TRY(VisibleProposal(tx, caller, proposal_id));
    const bool officer = Has(tx, caller, Permission::kManageMovement, p.unit_id);
    if (!officer && !IsMemberOf(tx, caller, p.unit_id)) return Forbidden();
    if (!officer) DANVAN_TRY(MemberSpeaksForAll(tx, repos_, caller.principal, p.nominees));
    if (p.status != ProposalStatus::kDraft && p.status != ProposalStatus::kReturned)
      return MakeError(ErrorKind::kInvalidTransition, "proposal_not_editable",
                       "Chỉ bổ sung hồ sơ khi hồ sơ là bản nháp hoặc đã bị trả lại.",
                       "Parts are added only to a draft or returned proposal.");
    if (in.attachment_id) {
      // Evidence of a nominee's model: stored once, referenced here.
      auto found = repos_.movement->FindAttachment(tx, *in.attachment_id);
      const bool of_nominee = found && std::any_of(p.nominees.begin(), p.nominees.end(), [&](const Nominee& n) {
                                return n.model_id && *n.model_id == found->second;
                              });
      if (!of_nominee)
        return MakeError(ErrorKind::kNotFound, "attachment_not_found",
                         "Không tìm thấy minh chứng này trong báo cáo của các mô hình được đề nghị.",
                         "No such evidence in the reports of the nominated models.")
            .WithDetail("field", "attachment_id");
      part.origin = PartOrigin::kEvidence;
      part.attachment_id = found->first.id;
      part.file_name = found->first.file_name;
      part.media_type = found->first.media_type;
      part.size_bytes = found->first.size_bytes;
    }
    part.id = awards_.InsertPart(tx, part, content);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(p.unit_id), "proposal", std::to_string(p.id), "add_part", std::nullopt,
                             boost::json::serialize(boost::json::object{{"part_id", part.id}, {"kind", ToString(part.kind)},
                                                                        {"title", part.title}})});
    return part;
  });
}

// What issuing checks and computes before the number is taken: shared by issuing and the preview.
Result<AwardService::Draft> AwardService::DraftDecision(Tx& tx, const Caller& caller, const DecisionInput& in,
                                                        const Date& decided_on, const std::string& now) {
  auto p = DANVAN_TRY(VisibleProposal(tx, caller, in.proposal_id));
  if (!Has(tx, caller, Permission::kSignDecisions, p.unit_id)) return Forbidden();
  const auto to = DANVAN_TRY(NextProposalStatus(p.status, ProposalAction::kDecide, ""));
  auto issuer = awards_.FindIssuer(tx, p.issuer_id);
  if (!issuer) return IssuerNotFound();
  const auto salary = DANVAN_TRY(BaseSalaryOn(awards_.BaseSalaries(tx), decided_on));
  const int64_t rounding = Rounding(awards_, tx);
  std::vector<int64_t> type_ids;
  for (const auto& n : p.nominees) type_ids.push_back(n.award_type_id);
  const auto types = awards_.FindAwardTypes(tx, type_ids);

  Decision d;
  d.unit_id = p.unit_id;
  d.issuer_id = issuer->id;
  d.proposal_id = p.id;
  d.year = decided_on.year();
  d.decided_on = decided_on;
  d.place = issuer->place;
  d.summary = in.summary.empty() ? "Về việc " + p.title : in.summary;
  d.legal_bases = in.legal_bases;
  d.executors = in.executors;
  d.recipients = in.recipients;
  d.signer_capacity = in.signer_capacity;
  d.signer_title = in.signer_title;
  d.signer_name = in.signer_name;
  d.base_salary = salary.amount;
  d.issued_by = caller.actor().id;
  d.created_at = now;
  for (const auto& n : p.nominees) {
    const auto type = std::find_if(types.begin(), types.end(), [&](const AwardType& t) { return t.id == n.award_type_id; });
    if (type == types.end()) return AwardTypeNotFound(n.award_type_id);
    Beneficiary b;
    b.nominee_id = n.id;
    b.award_type_id = n.award_type_id;
    b.subject = n.subject;
    b.model_id = n.model_id;
    b.organisation_id = n.organisation_id;
    b.person_id = n.person_id;
    b.name = n.name;
    b.achievement = n.achievement;
    b.coefficient = type->bonus_coefficient;
    b.amount = ComputeBonus(type->bonus_coefficient, salary.amount, rounding);
    d.beneficiaries.push_back(std::move(b));
  }
  return Draft{std::move(p), *issuer, to, std::move(d)};
}

Result<Decision> AwardService::IssueDecision(const Caller& caller, const DecisionInput& in) {
  const Date decided_on = DANVAN_TRY(CheckDecisionInput(in));
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<Decision>(TxMode::kWrite, [&](Tx& tx) -> Result<Decision> {
    auto draft = DANVAN_TRY(DraftDecision(tx, caller, in, decided_on, now));
    auto& p = draft.proposal;
    auto& d = draft.decision;
    const auto* issuer = &draft.issuer;
    const auto to = draft.to;
    // The number last: the series row stays locked from here to the commit, as briefly as possible.
    d.number = awards_.NextDecisionNumber(tx, issuer->id, d.year);
    d.symbol = DecisionSymbol(issuer->format, d.number, issuer->symbol);
    awards_.InsertDecision(tx, d);
    const auto sign = CertificateSigner(tx, d, *issuer);
    for (auto& b : d.beneficiaries) {
      Certificate c;
      c.public_id = RandomPublicId(12);
      c.decision_id = d.id;
      c.beneficiary_id = b.id;
      c.issued_at = now;
      sign(c, b);
      b.certificate_id = awards_.InsertCertificate(tx, c);
      b.certificate_public_id = c.public_id;
    }
    const std::string before(ToString(p.status));
    p.status = to;
    p.status_reason.clear();
    p.updated_at = now;
    awards_.UpdateProposalStatus(tx, p);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(d.unit_id), "decision", std::to_string(d.id), "issue", std::nullopt,
                             boost::json::serialize(boost::json::object{{"symbol", d.symbol},
                                                                        {"proposal_id", p.id},
                                                                        {"decided_on", d.decided_on.Iso()},
                                                                        {"beneficiaries", d.beneficiaries.size()},
                                                                        {"total_amount", d.total_amount()}})});
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(p.unit_id), "proposal", std::to_string(p.id), "decide",
                             boost::json::serialize(boost::json::object{{"status", before}}), ProposalJson(p)});
    return d;
  });
}

Result<Decision> AwardService::VisibleDecision(Tx& tx, const Caller& caller, int64_t id) {
  auto d = awards_.FindDecision(tx, id);
  if (!d || !Has(tx, caller, Permission::kViewUnitPrivate, d->unit_id)) return DecisionNotFound();
  return *d;
}

Result<Decision> AwardService::GetDecision(const Caller& caller, int64_t id) {
  return db_.Run<Decision>(TxMode::kRead, [&](Tx& tx) -> Result<Decision> { return VisibleDecision(tx, caller, id); });
}

Result<Page<Decision>> AwardService::ListDecisions(const Caller& caller, DecisionQuery query) {
  return db_.Run<Page<Decision>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<Decision>> {
    DANVAN_TRY(CheckListScope(tx, caller, query.unit_id));
    return awards_.ListDecisions(tx, query);
  });
}

Result<Decision> AwardService::RevokeDecision(const Caller& caller, int64_t id, const std::string& on,
                                              const std::string& reason) {
  const Date revoked_on = DANVAN_TRY(Date::Parse(on, "revoked_on"));
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<Decision>(TxMode::kWrite, [&](Tx& tx) -> Result<Decision> {
    auto d = DANVAN_TRY(VisibleDecision(tx, caller, id));
    if (!Has(tx, caller, Permission::kSignDecisions, d.unit_id)) return Forbidden();
    DANVAN_TRY(ValidateRevocation(d, revoked_on, reason));
    awards_.RevokeDecision(tx, d.id, revoked_on, reason);
    const int certificates = awards_.RevokeCertificatesOf(tx, d.id, revoked_on, reason);
    if (d.proposal_id) {
      if (auto p = awards_.FindProposal(tx, *d.proposal_id)) {
        p->status = DANVAN_TRY(NextProposalStatus(p->status, ProposalAction::kRevoke, reason));
        p->status_reason = reason;
        p->updated_at = now;
        awards_.UpdateProposalStatus(tx, *p);
      }
    }
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(d.unit_id), "decision", std::to_string(d.id), "revoke",
                             boost::json::serialize(boost::json::object{{"status", "issued"}}),
                             boost::json::serialize(boost::json::object{{"status", "revoked"},
                                                                        {"revoked_on", revoked_on.Iso()},
                                                                        {"reason", reason},
                                                                        {"certificates_revoked", certificates}})});
    return VisibleDecision(tx, caller, id);
  });
}

Result<std::vector<CertificateRow>> AwardService::ListCertificates(const Caller& caller, std::optional<int64_t> decision_id,
                                                                   std::optional<int64_t> unit_id, int64_t limit,
                                                                   int64_t offset) {
  return db_.Run<std::vector<CertificateRow>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<CertificateRow>> {
    if (decision_id) {
      DANVAN_TRY(VisibleDecision(tx, caller, *decision_id));
    } else if (!unit_id && !caller.principal.IsSystemAdmin()) {
      return MakeError(ErrorKind::kInvalidInput, "field_required", "Cần chọn quyết định hoặc đơn vị.",
                       "decision_id or unit_id is required.")
          .WithDetail("field", "unit_id");
    }
    if (unit_id && !Has(tx, caller, Permission::kViewUnitPrivate, *unit_id)) return Forbidden();
    return awards_.ListCertificates(tx, decision_id, unit_id, limit, offset);
  });
}

Result<CertificateRow> AwardService::GetCertificate(const Caller& caller, int64_t id) {
  return db_.Run<CertificateRow>(TxMode::kRead, [&](Tx& tx) -> Result<CertificateRow> {
    auto c = awards_.FindCertificate(tx, id);
    if (!c || !Has(tx, caller, Permission::kViewUnitPrivate, c->unit_id)) return CertificateNotFound();
    return *c;
  });
}

namespace {

// A new Ed25519 key pair (libsodium); the secret stays in the database, encoded.
SigningKey NewSigningKey(const std::string& at) {
  EnsureCrypto();
  std::string pk(crypto_sign_PUBLICKEYBYTES, '\0'), sk(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(pk.data()), reinterpret_cast<unsigned char*>(sk.data()));
  SigningKey key{KeyId(pk), Base64Url(pk), Base64Url(sk), "active", at, std::nullopt};
  sodium_memzero(sk.data(), sk.size());
  return key;
}

}  // namespace

// The first key is made at start-up like the schema: a bootstrap, not anyone's change, so it is not audited
// (a fresh database's audit log stays empty). Rotations are.
Result<SigningKey> AwardService::EnsureSigningKey() {
  return db_.Run<SigningKey>(TxMode::kWrite, [&](Tx& tx) -> Result<SigningKey> { return ActiveSigningKey(tx); });
}

SigningKey AwardService::ActiveSigningKey(Tx& tx) {
  for (const auto& k : awards_.SigningKeys(tx))
    if (k.status == "active") return k;
  const auto key = NewSigningKey(FormatUtc(clock_.Now()));
  awards_.InsertSigningKey(tx, key);
  return key;
}

Result<SigningKey> AwardService::RotateSigningKey(const Caller& caller) {
  if (!caller.principal.IsSystemAdmin()) return Forbidden();
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<SigningKey>(TxMode::kWrite, [&](Tx& tx) -> Result<SigningKey> {
    for (const auto& k : awards_.SigningKeys(tx))
      if (k.status == "active") {
        awards_.RetireSigningKey(tx, k.id, now);
        audit_.Record(tx, caller.actor(), AuditEvent{"system", "signing_key", k.id, "retire", std::nullopt, "{}"});
      }
    const auto key = NewSigningKey(now);
    awards_.InsertSigningKey(tx, key);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"system", "signing_key", key.id, "create", std::nullopt,
                             boost::json::serialize(boost::json::object{{"kid", key.id}, {"alg", "EdDSA"}})});
    return key;
  });
}

Result<boost::json::object> AwardService::Jwks() {
  DANVAN_TRY(EnsureSigningKey());
  return db_.Run<boost::json::object>(TxMode::kRead, [&](Tx& tx) -> Result<boost::json::object> {
    boost::json::array keys;
    for (const auto& k : awards_.SigningKeys(tx))
      keys.push_back({{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", k.public_key}, {"kid", k.id}, {"alg", "EdDSA"},
                      {"use", "sig"}, {"status", k.status}});
    return boost::json::object{{"keys", std::move(keys)}};
  });
}

Result<Event> AwardService::CreateEvent(const Caller& caller, const EventInput& in) {
  Event e;
  e.unit_id = in.unit_id;
  e.title = in.title;
  e.held_on = DANVAN_TRY(Date::Parse(in.held_on, "held_on"));
  e.starts_at = DANVAN_TRY(VietnamTime(e.held_on, in.start_time, "start_time"));
  e.ends_at = DANVAN_TRY(VietnamTime(e.held_on, in.end_time, "end_time"));
  e.place = in.place;
  e.description = in.description;
  e.created_at = FormatUtc(clock_.Now());
  int position = 0;
  for (const auto& s : in.segments) {
    auto kind = ParseSegmentKind(s.kind);
    if (!kind)
      return MakeError(ErrorKind::kInvalidInput, "invalid_segment_kind", "Loại phần chương trình phải là speech, award hoặc other.",
                       "A segment's kind must be speech, award or other.")
          .WithDetail("field", "segments")
          .WithDetail("index", position);
    Segment seg;
    seg.position = ++position;
    seg.kind = *kind;
    seg.title = s.title;
    seg.presenter_person_id = s.presenter_person_id;
    seg.presenter_name = s.presenter_name;
    seg.presenter_title = s.presenter_title;
    seg.decision_id = s.decision_id;
    int order = 0;
    for (auto b : s.recipient_ids) seg.recipients.push_back(SegmentRecipient{b, ++order, ""});
    e.segments.push_back(std::move(seg));
  }
  DANVAN_TRY(ValidateEvent(e));
  return db_.Run<Event>(TxMode::kWrite, [&](Tx& tx) -> Result<Event> {
    if (!repos_.territory->Find(tx, e.unit_id)) return UnitNotFound(e.unit_id).WithDetail("field", "unit_id");
    if (!Has(tx, caller, Permission::kManageMovement, e.unit_id)) return Forbidden();
    const auto event_ancestry = repos_.territory->Ancestry(tx, e.unit_id);
    for (auto& s : e.segments) {
      if (s.presenter_person_id && !repos_.people->Find(tx, *s.presenter_person_id))
        return PersonNotFound().WithDetail("field", "segments");
      if (!s.decision_id) {
        if (!s.recipients.empty())
          return MakeError(ErrorKind::kInvalidInput, "decision_required", "Người nhận thưởng phải thuộc một quyết định.",
                           "Recipients belong to a decision.")
              .WithDetail("field", "segments");
        continue;
      }
      // A decision of the event's unit or of a level above it (the district hands out its own awards here).
      auto d = awards_.FindDecision(tx, *s.decision_id);
      if (!d || std::find(event_ancestry.begin(), event_ancestry.end(), d->unit_id) == event_ancestry.end())
        return DecisionNotFound().WithDetail("field", "segments").WithDetail("decision_id", *s.decision_id);
      if (s.recipients.empty()) {
        int order = 0;
        for (const auto& b : d->beneficiaries) s.recipients.push_back(SegmentRecipient{b.id, ++order, b.name});
      }
      for (auto& r : s.recipients) {
        auto b = std::find_if(d->beneficiaries.begin(), d->beneficiaries.end(),
                              [&](const Beneficiary& x) { return x.id == r.beneficiary_id; });
        if (b == d->beneficiaries.end())
          return MakeError(ErrorKind::kInvalidInput, "recipient_not_in_decision",
                           fmt::format("Người nhận {} không có trong Quyết định số {}.", r.beneficiary_id, d->symbol),
                           fmt::format("Recipient {} is not in decision {}.", r.beneficiary_id, d->symbol))
              .WithDetail("field", "segments");
        r.name = b->name;
      }
    }
    awards_.InsertEvent(tx, e);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{UnitChain(e.unit_id), "event", std::to_string(e.id), "create", std::nullopt,
                             boost::json::serialize(boost::json::object{{"title", e.title}, {"held_on", e.held_on.Iso()},
                                                                        {"segments", e.segments.size()}})});
    return e;
  });
}

Result<Event> AwardService::GetEvent(int64_t id) {
  return db_.Run<Event>(TxMode::kRead, [&](Tx& tx) -> Result<Event> {
    auto e = awards_.FindEvent(tx, id);
    if (!e) return EventNotFound();
    return *e;
  });
}

Result<std::vector<Event>> AwardService::ListEvents(std::optional<int64_t> unit_id) {
  return db_.Run<std::vector<Event>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<Event>> {
    return awards_.ListEvents(tx, unit_id);
  });
}

Result<std::string> AwardService::Calendar(int64_t id) {
  const auto e = DANVAN_TRY(GetEvent(id));
  return EventCalendar(e, "danvan", e.created_at);
}

}  // namespace danvan
