#pragma once
//! Numbered, forward-only schema migrations per dialect, embedded in the binary.

#include "core/error.hpp"
#include "storage/database.hpp"

#include <string>
#include <vector>

namespace danvan {

//! One file as shipped: "V001__init.sql" and its text.
struct MigrationFile {
  std::string file_name;
  std::string sql;
};

const std::vector<MigrationFile>& Embedded_sqlite();
const std::vector<MigrationFile>& Embedded_postgres();

//! A migration as the binary knows it and as the database recorded it.
struct MigrationState {
  int version = 0;
  std::string name;
  std::string checksum;          //!< SHA-256 of the file shipped
  bool applied = false;
  std::string applied_at;        //!< UTC, empty when pending
  std::string applied_checksum;  //!< as recorded when applied; differs → the file was edited
  bool mismatch() const { return applied && applied_checksum != checksum; }
};

//! Parses "V012__add_units.sql" → 12 and "add_units"; bad names are a programmer error.
std::pair<int, std::string> ParseMigrationName(const std::string& file_name);

//! Every migration shipped and every one the database has recorded, in order of version.
Result<std::vector<MigrationState>> MigrationStatus(Database& db);

//! Refuses a database whose history disagrees with the files, then applies the pending ones.
//! Returns how many were applied.
Result<int> Migrate(Database& db);

//! ok when every shipped migration is applied and none differs.
Status CheckMigrated(Database& db);

}  // namespace danvan
