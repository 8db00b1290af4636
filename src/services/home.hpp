#pragma once
//! The home page of a signed-in user (GET /api/v1/home): one block per role the caller holds on its units — the
//! officer's deadlines, expected registrations, proposals and concerns to act on; a member's own models and what is
//! asked of it; what waits for a signer's signature; a council member's open sessions — a city block with every
//! ward side by side for a grant on a city (or a district), and the figures of the charts. It reads through the
//! other services (reports, movement, awards, plans) and adds no rule of its own; a fixed number of statements whatever
//! the amount of data (docs/web.md, "Home").

#include "core/error.hpp"
#include "core/time.hpp"
#include "services/awards.hpp"
#include "services/caller.hpp"
#include "services/movement.hpp"
#include "services/plans.hpp"
#include "services/reports.hpp"
#include "storage/concern_repository.hpp"
#include "storage/database.hpp"
#include "storage/home_repository.hpp"
#include "storage/repositories.hpp"

#include <optional>
#include <string>
#include <vector>

namespace danvan {

//! A concern to act on, as a home list shows it (the full concern is one link away).
struct HomeConcern {
  int64_t id = 0;
  std::string code;
  std::string status;
  std::string summary;                  //!< the start of its description
  std::optional<std::string> due_at;    //!< the resolving clock's due time (UTC text); absent while paused
  bool overdue = false;                 //!< due before now
  std::optional<int64_t> organisation_id;
};

//! One ward in a city's comparison: the figures of ModelsByUnit and ConcernFigures (group_by=unit), both rolled
//! up across the mergers, side by side.
struct CityWard {
  AdminUnit unit;
  std::vector<std::string> rolled_up_from;  //!< the units whose records the row counts, itself included
  std::vector<std::string> split_into;      //!< a unit split between successors keeps its records: where it went
  int64_t models = 0;
  int64_t recognised = 0;
  int64_t concerns_received = 0;  //!< in the home's year
  int64_t concerns_received_on_time = 0;
  int64_t concerns_resolved = 0;
  int64_t concerns_resolved_on_time = 0;
};

//! One section of the home page.
struct HomeBlock {
  enum class Kind { kOfficer, kMember, kSigner, kCouncil, kCity };
  Kind kind = Kind::kOfficer;
  AdminUnit unit;                            //!< the grant's unit
  std::optional<Organisation> organisation;  //!< kMember: the organisation it speaks for

  // kOfficer, kMember: the unit's current campaign (open and latest, else latest) and its registration.
  std::optional<Campaign> campaign;
  bool deadline_passed = false;
  std::vector<RegistrationRow> registrations;  //!< kOfficer: the organisations still expected; kMember: its own row

  Page<Proposal> proposals;  //!< kOfficer: submitted, in review or voted; kSigner: awaiting signature
  Page<HomeConcern> concerns;  //!< kOfficer: due within a day or overdue; kMember: its organisation's open ones
  Page<Model> models;          //!< kMember: its organisation's models
  std::vector<MemberSession> sessions;  //!< kCouncil: the sessions not yet closed of its councils

  // kCity: every ward side by side, rolled up across the mergers in force on the home's date.
  std::vector<CityWard> wards;
  CityWard city_total;  //!< its unit is the block's
  //! kOfficer: the unit's own plan of the home's year, each target's progress as of the home's date.
  std::optional<PlanView> plan;
};

std::string_view ToString(HomeBlock::Kind kind);

struct HomeCharts {
  FieldLevelReport models;         //!< models per field and recognition level over the unit's subtree (rolled up)
  ConcernFiguresReport concerns;   //!< concerns received and on time per month of the home's year (rolled up)
};

struct Home {
  Date as_of;
  int year = 0;
  std::vector<HomeBlock> blocks;
  std::optional<HomeCharts> charts;  //!< over the first block's unit; absent without any unit
};

class HomeService {
 public:
  //! At most this many items in each list of a block; its total says how many there are.
  static constexpr int64_t kListLimit = 8;

  HomeService(Database& db, Repositories& repos, ConcernRepository& concerns, HomeRepository& home,
              MovementService& movement, AwardService& awards, ReportService& reports, PlanService& plans,
              const Clock& clock)
      : db_(db),
        repos_(repos),
        concerns_(concerns),
        home_(home),
        movement_(movement),
        awards_(awards),
        reports_(reports),
        plans_(plans),
        clock_(clock) {}

  //! The caller's home on `as_of` (dd/mm/yyyy or yyyy-mm-dd; empty: today in Vietnam): the date whose units the
  //! figures roll up into and whose year the charts' months cover. Any signed-in caller; a viewer gets the charts.
  Result<Home> Get(const Caller& caller, const std::string& as_of);

 private:
  Result<HomeBlock> Officer(const Caller& caller, const AdminUnit& unit, const Date& as_of);
  Result<HomeBlock> Member(const Caller& caller, const AdminUnit& unit, int64_t organisation_id);
  Result<HomeBlock> Signer(const Caller& caller, const AdminUnit& unit);
  Result<HomeBlock> Council(const Caller& caller, const AdminUnit& unit);
  Result<HomeBlock> City(const Caller& caller, const AdminUnit& unit, const Date& as_of, int year);
  //! The unit's current campaign with its registration, into the block.
  Status CurrentCampaign(const Caller& caller, HomeBlock& block);

  Database& db_;
  Repositories& repos_;
  ConcernRepository& concerns_;
  HomeRepository& home_;
  MovementService& movement_;
  AwardService& awards_;
  ReportService& reports_;
  PlanService& plans_;
  const Clock& clock_;
};

}  // namespace danvan
