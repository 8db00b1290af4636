#include "services/home.hpp"

#include "core/vietnamese.hpp"
#include "services/territory.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

namespace danvan {
namespace {

// The concerns still to answer, as the staff's queues count them (services/concerns.cpp, ConcernService::List).
const std::vector<ConcernStatus>& OpenStatuses() {
  static const std::vector<ConcernStatus> open = {ConcernStatus::kNew,        ConcernStatus::kReceived,
                                                  ConcernStatus::kAssigned,   ConcernStatus::kInProgress,
                                                  ConcernStatus::kWaiting,    ConcernStatus::kReopened};
  return open;
}

// The first `max` bytes of a text, cut at a character boundary, with an ellipsis when cut.
std::string Summary(const std::string& text, size_t max = 140) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  std::string out = text.substr(0, end);
  out += "…";
  return out;
}

HomeConcern ToHome(const Concern& c, const std::string& now) {
  HomeConcern h;
  h.id = c.id;
  h.code = c.code;
  h.status = std::string(ToString(c.status));
  h.summary = Summary(c.description);
  h.due_at = c.resolve_due_at;
  h.overdue = c.resolve_due_at && *c.resolve_due_at < now;
  h.organisation_id = c.organisation_id;
  return h;
}

}  // namespace

std::string_view ToString(HomeBlock::Kind kind) {
  switch (kind) {
    case HomeBlock::Kind::kOfficer: return "officer";
    case HomeBlock::Kind::kMember: return "member";
    case HomeBlock::Kind::kSigner: return "signer";
    case HomeBlock::Kind::kCouncil: return "council";
    case HomeBlock::Kind::kCity: return "city";
  }
  return "officer";
}

Result<Home> HomeService::Get(const Caller& caller, const std::string& as_of_text) {
  const Date as_of =
      as_of_text.empty() ? Date::TodayInVietnam(clock_.Now()) : DANVAN_TRY(Date::Parse(as_of_text, "as_of"));
  Home home;
  home.as_of = as_of;
  home.year = as_of.year();

  // The grants' units in one query; a system administrator's "units" are the provinces of the day.
  struct Want {
    RoleGrant grant;
    AdminUnit unit;
  };
  std::vector<Want> wants;
  DANVAN_TRY(db_.Run<bool>(TxMode::kRead, [&](Tx& tx) -> Result<bool> {
    std::vector<int64_t> ids;
    for (const auto& g : caller.principal.grants)
      if (g.unit_id) ids.push_back(*g.unit_id);
    std::map<int64_t, AdminUnit> units;
    for (auto& u : repos_.territory->FindMany(tx, ids)) units.emplace(u.id, std::move(u));
    for (const auto& g : caller.principal.grants)
      if (g.unit_id && units.count(*g.unit_id)) wants.push_back(Want{g, units.at(*g.unit_id)});
    if (caller.principal.IsSystemAdmin()) {
      UnitQuery q;
      q.roots_only = true;
      q.as_of = as_of;
      q.level = UnitLevel::kProvince;
      q.limit = 5;
      auto provinces = repos_.territory->List(tx, q);
      for (auto& u : provinces.items)
        wants.push_back(Want{RoleGrant{0, Role::kSystemAdmin, u.id, std::nullopt}, std::move(u)});
    }
    return true;
  }));

  std::set<int64_t> city_done;
  bool council_done = false;
  for (const auto& w : wants) {
    switch (w.grant.role) {
      case Role::kUnitAdmin: home.blocks.push_back(DANVAN_TRY(Officer(caller, w.unit, as_of))); break;
      case Role::kUnitMember:
        if (w.grant.organisation_id) home.blocks.push_back(DANVAN_TRY(Member(caller, w.unit, *w.grant.organisation_id)));
        break;
      case Role::kSigner: home.blocks.push_back(DANVAN_TRY(Signer(caller, w.unit))); break;
      case Role::kCouncilMember:
        if (!council_done) home.blocks.push_back(DANVAN_TRY(Council(caller, w.unit)));  // every council at once
        council_done = true;
        break;
      case Role::kViewer:
      case Role::kSystemAdmin: break;
    }
    if (w.unit.level != UnitLevel::kCommune && city_done.insert(w.unit.id).second)
      home.blocks.push_back(DANVAN_TRY(City(caller, w.unit, as_of, home.year)));
  }

  if (!wants.empty()) {
    const int64_t unit = wants.front().unit.id;
    HomeCharts charts;
    charts.models = DANVAN_TRY(reports_.ModelsByFieldLevel(caller, ModelsByUnitQuery{unit, std::nullopt, as_of.Iso(), true}));
    ConcernFiguresQuery q;
    q.unit_id = unit;
    q.year = home.year;
    q.group_by = "month";
    q.as_of = as_of.Iso();
    q.roll_up = true;
    charts.concerns = DANVAN_TRY(reports_.ConcernFigures(caller, q));
    home.charts = std::move(charts);
  }
  return home;
}

Status HomeService::CurrentCampaign(const Caller& caller, HomeBlock& block) {
  const auto campaigns = DANVAN_TRY(movement_.ListCampaigns(block.unit.id));
  const Campaign* current = nullptr;
  for (const auto& c : campaigns) {
    if (c.unit_id != block.unit.id || c.status == CampaignStatus::kDraft) continue;
    const bool open = c.status == CampaignStatus::kOpen;
    if (!current || (open && current->status != CampaignStatus::kOpen) ||
        (open == (current->status == CampaignStatus::kOpen) && current->starts_on < c.starts_on))
      current = &c;
  }
  if (!current) return OkStatus();
  auto registration = DANVAN_TRY(movement_.Registration(caller, current->id));
  block.campaign = std::move(registration.campaign);
  block.deadline_passed = registration.deadline_passed;
  for (auto& row : registration.rows) {
    const bool own = block.organisation && row.organisation.id == block.organisation->id;
    if (own || (!block.organisation && row.state == "missing")) block.registrations.push_back(std::move(row));
  }
  return OkStatus();
}

Result<HomeBlock> HomeService::Officer(const Caller& caller, const AdminUnit& unit, const Date& as_of) {
  HomeBlock block;
  block.kind = HomeBlock::Kind::kOfficer;
  block.unit = unit;
  DANVAN_TRY(CurrentCampaign(caller, block));
  // What waits for the officer: accepting, recording the council's vote, forwarding for signature.
  for (auto status : {ProposalStatus::kSubmitted, ProposalStatus::kInReview, ProposalStatus::kVoted}) {
    ProposalQuery q;
    q.unit_id = unit.id;
    q.status = status;
    q.limit = kListLimit;
    auto page = DANVAN_TRY(awards_.ListProposals(caller, q));
    block.proposals.total += page.total;
    for (auto& p : page.items)
      if (static_cast<int64_t>(block.proposals.items.size()) < kListLimit) block.proposals.items.push_back(std::move(p));
  }
  // Concerns due within a day or overdue: the staff's "due_soon" queue, due first.
  const auto now = clock_.Now();
  DANVAN_TRY(db_.Run<bool>(TxMode::kRead, [&](Tx& tx) -> Result<bool> {
    ConcernQuery q;
    q.unit_roots = {unit.id};
    q.statuses = OpenStatuses();
    q.due_before = FormatUtc(now + std::chrono::hours(24));
    q.order = ConcernQuery::Order::kDueFirst;
    q.limit = kListLimit;
    auto page = concerns_.List(tx, q);
    block.concerns.total = page.total;
    const std::string now_text = FormatUtc(now);
    for (const auto& c : page.items) block.concerns.items.push_back(ToHome(c, now_text));
    return true;
  }));
  // The unit's own plan of the year (an organisation's plan is its member's business).
  for (const auto& plan : DANVAN_TRY(plans_.ListPlans(caller, unit.id, as_of.year()))) {
    if (plan.organisation_id) continue;
    block.plan = DANVAN_TRY(plans_.GetPlan(caller, plan.id, as_of.Iso()));
    break;
  }
  return block;
}

Result<HomeBlock> HomeService::Member(const Caller& caller, const AdminUnit& unit, int64_t organisation_id) {
  HomeBlock block;
  block.kind = HomeBlock::Kind::kMember;
  block.unit = unit;
  const auto now = clock_.Now();
  DANVAN_TRY(db_.Run<bool>(TxMode::kRead, [&](Tx& tx) -> Result<bool> {
    block.organisation = repos_.organisations->Find(tx, organisation_id);
    ConcernQuery q;
    q.unit_roots = {unit.id};
    q.organisation_id = organisation_id;
    q.statuses = OpenStatuses();
    q.order = ConcernQuery::Order::kDueFirst;
    q.limit = kListLimit;
    auto page = concerns_.List(tx, q);
    block.concerns.total = page.total;
    const std::string now_text = FormatUtc(now);
    for (const auto& c : page.items) block.concerns.items.push_back(ToHome(c, now_text));
    return true;
  }));
  if (!block.organisation) return block;  // the organisation is gone: nothing is asked of it
  DANVAN_TRY(CurrentCampaign(caller, block));
  ModelQuery q;
  q.unit_id = unit.id;
  q.owner_organisation_id = organisation_id;
  q.limit = kListLimit;
  block.models = DANVAN_TRY(movement_.ListModels(caller, q));
  return block;
}

Result<HomeBlock> HomeService::Signer(const Caller& caller, const AdminUnit& unit) {
  HomeBlock block;
  block.kind = HomeBlock::Kind::kSigner;
  block.unit = unit;
  ProposalQuery q;
  q.unit_id = unit.id;
  q.status = ProposalStatus::kAwaitingSignature;
  q.limit = kListLimit;
  block.proposals = DANVAN_TRY(awards_.ListProposals(caller, q));
  return block;
}

Result<HomeBlock> HomeService::Council(const Caller& caller, const AdminUnit& unit) {
  HomeBlock block;
  block.kind = HomeBlock::Kind::kCouncil;
  block.unit = unit;
  DANVAN_TRY(db_.Run<bool>(TxMode::kRead, [&](Tx& tx) -> Result<bool> {
    block.sessions = home_.OpenSessionsOfMember(tx, caller.principal.user_id, kListLimit);
    return true;
  }));
  return block;
}

Result<HomeBlock> HomeService::City(const Caller& caller, const AdminUnit& unit, const Date& as_of, int year) {
  HomeBlock block;
  block.kind = HomeBlock::Kind::kCity;
  block.unit = unit;
  const auto models = DANVAN_TRY(reports_.ModelsByUnit(caller, ModelsByUnitQuery{unit.id, std::nullopt, as_of.Iso(), true}));
  ConcernFiguresQuery q;
  q.unit_id = unit.id;
  q.year = year;
  q.group_by = "unit";
  q.as_of = as_of.Iso();
  q.roll_up = true;
  const auto concerns = DANVAN_TRY(reports_.ConcernFigures(caller, q));
  // Every commune of the day, those without records too; then the rows of the reports, keyed by unit.
  std::map<int64_t, CityWard> wards;
  DANVAN_TRY(db_.Run<bool>(TxMode::kRead, [&](Tx& tx) -> Result<bool> {
    UnitQuery uq;
    uq.parent_id = unit.id;
    uq.as_of = as_of;
    uq.limit = 500;
    auto children = repos_.territory->List(tx, uq);
    for (auto& u : children.items)
      if (u.level == UnitLevel::kCommune) wards[u.id].unit = std::move(u);
    return true;
  }));
  for (const auto& row : models.rows) {
    auto& w = wards[row.unit.unit.id];
    w.unit = row.unit.unit;
    w.models = row.models;
    w.recognised = row.recognised;
    for (const auto& l : row.rolled_up_from) w.rolled_up_from.push_back(l.unit.name);
    for (const auto& l : row.split_into) w.split_into.push_back(l.unit.name);
  }
  std::set<int64_t> known;
  for (const auto& [id, w] : wards) known.insert(id);
  for (const auto& row : concerns.rows) {
    const int64_t id = std::stoll(row.key);
    auto& w = wards[id];
    if (!known.count(id)) {  // a unit only the concerns name: its name is all the report gives
      w.unit.id = id;
      w.unit.name = row.label;
    }
    w.concerns_received = row.received;
    w.concerns_received_on_time = row.received_on_time;
    w.concerns_resolved = row.resolved;
    w.concerns_resolved_on_time = row.resolved_on_time;
    if (w.rolled_up_from.empty()) w.rolled_up_from = row.includes;
  }
  block.city_total.unit = unit;
  block.city_total.models = models.total.models;
  block.city_total.recognised = models.total.recognised;
  block.city_total.concerns_received = concerns.total.received;
  block.city_total.concerns_received_on_time = concerns.total.received_on_time;
  block.city_total.concerns_resolved = concerns.total.resolved;
  block.city_total.concerns_resolved_on_time = concerns.total.resolved_on_time;
  for (auto& [id, w] : wards) block.wards.push_back(std::move(w));
  std::sort(block.wards.begin(), block.wards.end(), [](const CityWard& a, const CityWard& b) {
    const auto ka = VietnameseSortKey(a.unit.name), kb = VietnameseSortKey(b.unit.name);
    return ka != kb ? ka < kb : a.unit.id < b.unit.id;
  });
  return block;
}

}  // namespace danvan
