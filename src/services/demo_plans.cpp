#include "services/demo_plans.hpp"

#include <string>
#include <vector>

namespace danvan {
namespace {

// The clock of the story: each step happens on its day (09:00 in Vietnam), so no activity is recorded before it took
// place whatever day the demo is loaded.
class StoryClock final : public Clock {
 public:
  TimePoint Now() const override { return now_; }
  void On(const Date& d) { now_ = d.days() + std::chrono::hours(2); }

 private:
  TimePoint now_;
};

struct DemoActivity {
  const char* kind;
  Date held_on;
  const char* place;
  const char* topic;
  int64_t attendance;
};

}  // namespace

Status SeedPlans(Services& services, int64_t hoan_kiem) {
  StoryClock clock;
  PlanService plans(services.db, services.repos, *services.plan_repo, services.audit, clock);
  const Caller cli = CommandLineCaller();
  const std::vector<DemoActivity> activities = {
      {"propaganda", Date::FromYmd(2026, 1, 20), "Nhà văn hóa tổ dân phố số 5",
       "Tuyên truyền Nghị quyết về sắp xếp đơn vị hành chính, chính quyền địa phương hai cấp", 85},
      {"training", Date::FromYmd(2026, 3, 10), "Hội trường UBND phường Hoàn Kiếm",
       "Tập huấn nghiệp vụ công tác dân vận cho tổ trưởng tổ dân vận, tổ trưởng tổ dân phố", 62},
      {"front_meeting", Date::FromYmd(2026, 4, 8), "Nhà văn hóa tổ dân phố số 12",
       "Mặt trận phường gặp gỡ, lắng nghe ý kiến hộ kinh doanh phố đi bộ", 40},
      {"propaganda", Date::FromYmd(2026, 5, 15), "Sân đình Hàng Khay",
       "Tuyên truyền phòng cháy, chữa cháy tại khu dân cư, hộ kinh doanh", 120},
      {"dialogue", Date::FromYmd(2026, 6, 25), "Hội trường UBND phường Hoàn Kiếm",
       "Chủ tịch UBND phường đối thoại với Nhân dân về trật tự đô thị quanh hồ Hoàn Kiếm", 150},
      {"propaganda", Date::FromYmd(2026, 8, 19), "Nhà văn hóa tổ dân phố số 3",
       "Tuyên truyền, vận động Nhân dân tham gia bảo vệ môi trường, phân loại rác tại nguồn", 95},
      {"front_meeting", Date::FromYmd(2026, 9, 12), "Nhà văn hóa tổ dân phố số 8",
       "Hội Liên hiệp Phụ nữ phường gặp gỡ hội viên khó khăn, trao sinh kế", 35},
      {"propaganda", Date::FromYmd(2026, 10, 14), "Trường THCS Trưng Vương",
       "Tuyên truyền an toàn giao thông cho học sinh và cha mẹ học sinh", 210},
  };
  for (const auto& a : activities) {
    clock.On(a.held_on);
    ActivityInput in;
    in.unit_id = hoan_kiem;
    in.kind_code = a.kind;
    in.held_on = a.held_on.Iso();
    in.place = a.place;
    in.topic = a.topic;
    in.attendance = a.attendance;
    in.notes = "Dữ liệu mẫu / demo data";
    DANVAN_TRY(plans.CreateActivity(cli, in));
  }

  clock.On(Date::FromYmd(2026, 1, 5));
  PlanInput plan;
  plan.unit_id = hoan_kiem;
  plan.year = 2026;
  plan.notes = "Thực hiện năm nhiệm vụ công tác dân vận năm 2026 của Đảng ủy phường Hoàn Kiếm (dữ liệu mẫu).";
  plan.targets = {
      {"propaganda_sessions", 8, ""},        {"propaganda_reach", 600, ""},
      {"dialogues", 2, "Mỗi 6 tháng một buổi"}, {"concerns_received_on_time", 95, ""},
      {"concerns_resolved_on_time", 90, ""},  {"satisfaction", 4, ""},
      {"models_registered", 10, ""},          {"models_replicated", 3, ""},
      {"front_meetings", 4, ""},              {"new_members", 40, ""},
      {"cadres_trained", 50, ""},             {"teams_consolidated", 12, ""},
  };
  const auto made = DANVAN_TRY(plans.CreatePlan(cli, plan));
  for (const auto& s : made.sections)
    for (const auto& t : s.targets) {
      if (t.target.kind_code == "new_members") {
        clock.On(Date::FromYmd(2026, 6, 30));
        DANVAN_TRY(plans.ReportTarget(cli, t.target.id, {"30/06/2026", 16, "Báo cáo 6 tháng của Mặt trận và các đoàn thể phường.", {}}));
        clock.On(Date::FromYmd(2026, 9, 30));
        DANVAN_TRY(plans.ReportTarget(cli, t.target.id, {"30/09/2026", 29, "Báo cáo 9 tháng của Mặt trận và các đoàn thể phường.", {}}));
      }
      if (t.target.kind_code == "teams_consolidated") {
        clock.On(Date::FromYmd(2026, 7, 15));
        DANVAN_TRY(plans.ReportTarget(cli, t.target.id, {"15/07/2026", 12, "Quyết định kiện toàn 12 tổ dân vận sau sắp xếp tổ dân phố.", {}}));
      }
    }
  return OkStatus();
}

}  // namespace danvan
