#pragma once
//! Every service, wired to one database; built once in the composition root.

#include "core/time.hpp"
#include "services/accounts.hpp"
#include "services/alerts.hpp"
#include "services/audit.hpp"
#include "services/awards.hpp"
#include "services/community.hpp"
#include "services/concerns.hpp"
#include "services/home.hpp"
#include "services/movement.hpp"
#include "services/plans.hpp"
#include "services/print_jobs.hpp"
#include "services/reports.hpp"
#include "services/territory.hpp"
#include "services/year_report.hpp"
#include "storage/alert_repository.hpp"
#include "storage/concern_repository.hpp"
#include "storage/database.hpp"
#include "storage/home_repository.hpp"
#include "storage/plan_repository.hpp"
#include "storage/report_repository.hpp"
#include "storage/repositories.hpp"

namespace danvan {

struct Services {
  Services(Database& database, const Clock& clock, AuthPolicy auth_policy = {}, AwardSettings award_settings = {},
           ConcernsConfig concern_settings = {}, SmtpConfig smtp = {})
      : db(database),
        repos(MakeRepositories()),
        audit(*repos.audit, clock),
        accounts(database, *repos.accounts, *repos.territory, *repos.organisations, audit, clock, auth_policy),
        territory(database, *repos.territory, audit, clock),
        community(database, repos, audit, clock),
        movement(database, repos, audit, clock),
        award_repo(MakeAwardRepository()),
        awards(database, repos, *award_repo, audit, clock, award_settings),
        report_repo(MakeReportRepository()),
        reports(database, repos, *report_repo, clock),
        plan_repo(MakePlanRepository()),
        plans(database, repos, *plan_repo, audit, clock),
        year_reports(database, repos, *report_repo, *award_repo, reports, plans, audit, clock),
        concern_repo(MakeConcernRepository()),
        concerns(database, repos, *concern_repo, audit, clock, concern_settings),
        alert_repo(MakeAlertRepository()),
        mailer(MakeMailer(smtp)),
        alerts(database, repos, *concern_repo, *alert_repo, audit, clock,
               AlertSettings{concern_settings.near_due_hours, award_settings.public_url}, mailer.get()),
        home_repo(MakeHomeRepository()),
        home(database, repos, *concern_repo, *home_repo, movement, awards, reports, plans, clock),
        print_jobs(awards) {}

  Database& db;
  Repositories repos;
  AuditLog audit;
  AccountService accounts;
  TerritoryService territory;
  CommunityService community;
  MovementService movement;
  std::unique_ptr<AwardRepository> award_repo;
  AwardService awards;
  std::unique_ptr<ReportRepository> report_repo;
  ReportService reports;
  std::unique_ptr<PlanRepository> plan_repo;
  PlanService plans;
  YearReportService year_reports;
  std::unique_ptr<ConcernRepository> concern_repo;
  ConcernService concerns;
  std::unique_ptr<AlertRepository> alert_repo;
  std::unique_ptr<Mailer> mailer;  //!< none when smtp.url is empty
  AlertService alerts;
  std::unique_ptr<HomeRepository> home_repo;
  HomeService home;  //!< reads through the services above
  PrintJobs print_jobs;  //!< last: its thread stops before the services it uses go
};

}  // namespace danvan
