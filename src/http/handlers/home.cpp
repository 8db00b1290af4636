#include "http/auth.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "http/params.hpp"

#include <boost/json.hpp>

namespace danvan::http {
namespace {

namespace json = boost::json;

json::value Opt(const std::optional<Date>& d) { return d ? json::value(d->Iso()) : json::value(nullptr); }
json::value Opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value Opt(const std::optional<int64_t>& n) { return n ? json::value(*n) : json::value(nullptr); }
json::value Opt(const std::optional<int>& n) { return n ? json::value(*n) : json::value(nullptr); }

json::object UnitJson(const AdminUnit& u) {
  return json::object{{"id", u.id}, {"name", u.name}, {"level", ToString(u.level)}};
}

json::object CampaignJson(const Campaign& c, bool deadline_passed) {
  return json::object{{"id", c.id},
                      {"title", c.title},
                      {"status", ToString(c.status)},
                      {"starts_on", c.starts_on.Iso()},
                      {"ends_on", c.ends_on.Iso()},
                      {"registration_deadline", c.registration_deadline.Iso()},
                      {"deadline_passed", deadline_passed},
                      {"interim_review_on", Opt(c.interim_review_on)},
                      {"final_review_on", Opt(c.final_review_on)}};
}

json::object RegistrationJson(const RegistrationRow& r) {
  return json::object{{"organisation_id", r.organisation.id}, {"organisation_name", r.organisation.name},
                      {"registered", r.registered},           {"min_models", r.min_models},
                      {"max_models", Opt(r.max_models)},      {"state", r.state}};
}

json::object ProposalsJson(const Page<Proposal>& page) {
  json::array items;
  for (const auto& p : page.items)
    items.push_back(json::object{{"id", p.id}, {"title", p.title}, {"status", ToString(p.status)},
                                 {"unit_id", p.unit_id}, {"year", p.year}, {"updated_at", p.updated_at}});
  return json::object{{"items", std::move(items)}, {"total", page.total}};
}

json::object ConcernsJson(const Page<HomeConcern>& page) {
  json::array items;
  for (const auto& c : page.items)
    items.push_back(json::object{{"id", c.id}, {"code", c.code}, {"status", c.status}, {"summary", c.summary},
                                 {"due_at", Opt(c.due_at)}, {"overdue", c.overdue},
                                 {"organisation_id", Opt(c.organisation_id)}});
  return json::object{{"items", std::move(items)}, {"total", page.total}};
}

json::object ModelsJson(const Page<Model>& page) {
  json::array items;
  for (const auto& m : page.items)
    items.push_back(json::object{{"id", m.id}, {"title", m.title}, {"status", ToString(m.status)}, {"field", m.field},
                                 {"campaign_id", m.campaign_id}, {"recognition_level", Opt(m.recognition_level)}});
  return json::object{{"items", std::move(items)}, {"total", page.total}};
}

json::object WardJson(const CityWard& w) {
  json::array from, split;
  for (const auto& n : w.rolled_up_from) from.push_back(json::value(n));
  for (const auto& n : w.split_into) split.push_back(json::value(n));
  return json::object{{"unit", UnitJson(w.unit)},
                      {"rolled_up_from", std::move(from)},
                      {"split_into", std::move(split)},
                      {"models", w.models},
                      {"recognised", w.recognised},
                      {"concerns_received", w.concerns_received},
                      {"concerns_received_on_time", w.concerns_received_on_time},
                      {"concerns_resolved", w.concerns_resolved},
                      {"concerns_resolved_on_time", w.concerns_resolved_on_time}};
}

json::object BlockJson(const HomeBlock& b) {
  json::object o{{"kind", ToString(b.kind)}, {"unit", UnitJson(b.unit)}};
  switch (b.kind) {
    case HomeBlock::Kind::kOfficer: {
      json::array regs;
      for (const auto& r : b.registrations) regs.push_back(RegistrationJson(r));
      o["campaign"] = b.campaign ? json::value(CampaignJson(*b.campaign, b.deadline_passed)) : nullptr;
      o["registrations_expected"] = std::move(regs);
      o["proposals"] = ProposalsJson(b.proposals);
      o["concerns"] = ConcernsJson(b.concerns);
      o["plan"] = b.plan ? json::value(PlanProgressJson(*b.plan)) : nullptr;
      break;
    }
    case HomeBlock::Kind::kMember: {
      o["organisation"] = b.organisation ? json::value(json::object{{"id", b.organisation->id}, {"name", b.organisation->name}})
                                         : json::value(nullptr);
      o["campaign"] = b.campaign ? json::value(CampaignJson(*b.campaign, b.deadline_passed)) : nullptr;
      o["registration"] = b.registrations.empty() ? json::value(nullptr) : json::value(RegistrationJson(b.registrations.front()));
      o["models"] = ModelsJson(b.models);
      o["concerns"] = ConcernsJson(b.concerns);
      break;
    }
    case HomeBlock::Kind::kSigner: o["proposals"] = ProposalsJson(b.proposals); break;
    case HomeBlock::Kind::kCouncil: {
      json::array sessions;
      for (const auto& s : b.sessions)
        sessions.push_back(json::object{{"id", s.session_id},     {"council_id", s.council_id},
                                        {"council_name", s.council_name}, {"campaign_id", s.campaign_id},
                                        {"unit_id", s.unit_id},   {"held_on", s.held_on.Iso()},
                                        {"status", s.status}});
      o["sessions"] = std::move(sessions);
      break;
    }
    case HomeBlock::Kind::kCity: {
      json::array wards;
      for (const auto& w : b.wards) wards.push_back(WardJson(w));
      o["wards"] = std::move(wards);
      o["total"] = WardJson(b.city_total);
      break;
    }
  }
  return o;
}

json::object ChartsJson(const HomeCharts& c, int year) {
  json::array fields, levels, cells, months;
  for (const auto& f : c.models.fields)
    fields.push_back(json::object{{"code", f.code}, {"name_vi", f.name_vi}, {"name_en", f.name_en}});
  for (const auto& l : c.models.levels) levels.push_back(json::object{{"code", l.code}, {"name", l.name}});
  for (const auto& x : c.models.cells)
    cells.push_back(json::object{{"field", x.field}, {"level", x.level}, {"models", x.models}});
  for (const auto& m : c.concerns.rows)
    months.push_back(json::object{{"month", m.key},
                                  {"label", m.label},
                                  {"received", m.received},
                                  {"received_on_time", m.received_on_time},
                                  {"resolved", m.resolved},
                                  {"resolved_on_time", m.resolved_on_time}});
  return json::object{
      {"unit", json::object{{"id", c.models.unit_id}, {"name", c.models.unit_name}}},
      {"models_by_field_level",
       json::object{{"fields", std::move(fields)}, {"levels", std::move(levels)}, {"cells", std::move(cells)},
                    {"total", c.models.total}}},
      {"concerns_by_month", json::object{{"year", year}, {"months", std::move(months)},
                                         {"received", c.concerns.total.received},
                                         {"received_on_time", c.concerns.total.received_on_time}}}};
}

}  // namespace

void AddHomeRoutes(Router& router, Services& services) {
  router.Add("GET", "/api/v1/home", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto home = DANVAN_TRY(services.home.Get(c, std::string(req.Query("as_of").value_or(""))));
    json::array blocks;
    for (const auto& b : home.blocks) blocks.push_back(BlockJson(b));
    json::object body{{"as_of", home.as_of.Iso()}, {"year", home.year}, {"blocks", std::move(blocks)}};
    body["charts"] = home.charts ? json::value(ChartsJson(*home.charts, home.year)) : nullptr;
    return JsonResponse(200, std::move(body));
  }));
}

}  // namespace danvan::http
