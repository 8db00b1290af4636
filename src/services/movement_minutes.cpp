// The minutes (biên bản) of a council session as PDF: the session's view turned into the renderer's plain struct.

#include "documents/pdf/minutes.hpp"
#include "services/movement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace danvan {
namespace {

std::string RoleLabel(const std::string& role) {
  if (role == "chair") return "Chủ tịch Hội đồng";
  if (role == "secretary") return "Thư ký";
  return "Ủy viên";
}

// Reasons are stored "Vietnamese / English"; the minutes are a Vietnamese document.
std::string VietnamesePart(const std::string& reason) { return reason.substr(0, reason.find(" / ")); }

// Signers (leaders who sign the unit's decisions) read the minutes that back those decisions.
bool SignsFor(const Principal& principal, const std::vector<int64_t>& ancestry) {
  return std::any_of(principal.grants.begin(), principal.grants.end(), [&](const RoleGrant& g) {
    return g.role == Role::kSigner && g.unit_id && std::find(ancestry.begin(), ancestry.end(), *g.unit_id) != ancestry.end();
  });
}

}  // namespace

Result<std::string> MovementService::MinutesPdf(const Caller& caller, int64_t session_id) {
  documents::MinutesDocument doc;
  DANVAN_TRY(db_.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    const auto v = DANVAN_TRY(View(tx, caller, session_id));
    const auto ancestry = repos_.territory->Ancestry(tx, v.campaign.unit_id);
    if (!v.caller_member_id && !Has(tx, caller, Permission::kManageMovement, v.campaign.unit_id) &&
        !SignsFor(caller.principal, ancestry))
      return Forbidden();
    if (v.session.status == "open")
      return MakeError(ErrorKind::kInvalidTransition, "minutes_not_ready",
                       "Biên bản chỉ lập được sau khi kết thúc chấm điểm.", "The minutes exist once scoring is closed.");

    const auto unit = repos_.territory->Find(tx, v.campaign.unit_id);
    const std::string unit_name = unit ? unit->name : "";
    const bool party = v.council.kind == "ban_chi_dao";
    doc.system = party ? documents::DocumentSystem::kParty : documents::DocumentSystem::kState;
    doc.issuer = {(party ? "Đảng ủy\n" : "Ủy ban nhân dân\n") + unit_name, v.council.name};
    doc.place = unit_name;
    doc.held_on = v.session.held_on;
    doc.summary = fmt::format("Họp xét công nhận mô hình, điển hình \"{}\" năm {}", v.campaign.movement,
                              v.campaign.starts_on.year());
    doc.council_name = v.council.name;
    doc.campaign_title = v.campaign.title;
    doc.final = v.session.status == "closed";

    const auto& present = v.session.present_member_ids;
    for (const auto& m : v.council.members) {
      doc.members.push_back({m.display_name, RoleLabel(m.role), std::find(present.begin(), present.end(), m.id) != present.end()});
      if (m.role == "chair" && doc.chair.empty()) doc.chair = m.display_name;
      if (m.role == "secretary" && doc.secretary.empty()) doc.secretary = m.display_name;
    }
    const int members = static_cast<int>(v.council.members.size());
    const BallotOutcome quorum =
        DecideBallot({}, members, static_cast<int>(present.size()), v.campaign.quorum, v.campaign.ballot_threshold);
    doc.quorum_needed = quorum.quorum_needed;
    doc.quorum_met = quorum.quorum_met;
    doc.pass_score = v.campaign.pass_score;
    doc.threshold = fmt::format("từ {} trở lên (hơn {}% của {} thành viên Hội đồng)", quorum.needed,
                                documents::FormatDecimal(v.campaign.ballot_threshold * 100, 0), members);

    // Names in fixed queries: organisations in one, fields in one; people (individual exemplars) one each, at
    // most the session's agenda.
    std::vector<int64_t> org_ids;
    std::set<int64_t> person_ids;
    for (const auto& m : v.models) {
      if (m.owner_organisation_id) org_ids.push_back(*m.owner_organisation_id);
      if (m.owner_person_id) person_ids.insert(*m.owner_person_id);
    }
    std::map<int64_t, std::string> owners, people;
    std::map<std::string, std::string> fields, levels;
    for (const auto& o : repos_.organisations->FindMany(tx, org_ids)) owners[o.id] = o.name;
    for (auto id : person_ids)
      if (auto p = repos_.people->Find(tx, id)) people[id] = p->full_name;
    for (const auto& f : repos_.movement->Fields(tx)) fields[f.code] = f.name_vi;
    for (const auto& l : v.campaign.levels) levels[l.code] = l.name;

    for (const auto& sm : v.session.models) {
      auto model = std::find_if(v.models.begin(), v.models.end(), [&](const Model& m) { return m.id == sm.model_id; });
      auto sheet = std::find_if(v.sheets.begin(), v.sheets.end(), [&](const ScoreSheet& s) { return s.model_id == sm.model_id; });
      if (model == v.models.end() || sheet == v.sheets.end()) continue;
      documents::MinutesModel out;
      out.title = model->title;
      if (model->owner_organisation_id) out.owner = owners[*model->owner_organisation_id];
      if (model->owner_person_id) out.owner = people[*model->owner_person_id];
      out.field = fields.count(model->field) ? fields[model->field] : model->field;
      out.total = sheet->result.total;
      out.complete = sheet->result.complete;
      for (const auto& criterion : v.campaign.criteria) {
        documents::MinutesCriterion c{criterion.name, criterion.weight, criterion.max_score};
        for (const auto& r : sheet->result.criteria)
          if (r.criterion_id == criterion.id) {
            c.mean = r.mean;
            c.stddev = r.stddev;
            c.min = r.min;
            c.max = r.max;
            c.scored_by = r.scored_by;
          }
        out.criteria.push_back(c);
      }
      out.agree = sheet->tally.agree;
      out.disagree = sheet->tally.disagree;
      out.abstain = sheet->tally.abstain;
      out.needed = sheet->outcome.needed;
      out.passed = sheet->outcome.passed;
      if (sm.outcome == "recognised") {
        out.result = "Công nhận: " + (sm.level && levels.count(*sm.level) ? levels[*sm.level] : sm.level.value_or(""));
      } else if (sm.outcome == "not_recognised") {
        out.result = "Không công nhận. " + VietnamesePart(sm.reason.value_or(""));
      } else {
        out.result = "Chưa kết luận (phiên họp chưa kết thúc).";
      }
      doc.models.push_back(std::move(out));
    }
    return OkStatus();
  }));
  return documents::RenderMinutesPdf(doc);
}

}  // namespace danvan
