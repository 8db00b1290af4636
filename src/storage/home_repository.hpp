#pragma once
//! What the home page reads that no other repository answers (storage/home_repository.cpp, SQL in
//! storage/sql/home_sql.hpp). Each function is one query whatever the amount of data.

#include "core/date.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace danvan {

//! A council session not yet closed, of a council the user sits on.
struct MemberSession {
  int64_t session_id = 0;
  int64_t council_id = 0;
  std::string council_name;
  int64_t campaign_id = 0;
  int64_t unit_id = 0;  //!< the campaign's unit
  Date held_on;
  std::string status;  //!< open | scoring_closed
};

class HomeRepository {
 public:
  virtual ~HomeRepository() = default;
  //! The user's councils' sessions not yet closed, newest first, at most `limit`.
  virtual std::vector<MemberSession> OpenSessionsOfMember(Tx& tx, int64_t user_id, int64_t limit) = 0;
};

std::unique_ptr<HomeRepository> MakeHomeRepository();

}  // namespace danvan
