#pragma once
/// @file test_support.hpp
/// @brief Helpers shared by the test programs: paths and temporary folders.
#include <filesystem>
#include <string>

namespace testing_support {
/// @brief Root of the source tree.
std::filesystem::path source_dir();
/// @brief The built smesim program.
std::filesystem::path smesim_binary();
/// @brief A fresh, empty temporary folder unique to the calling test.
std::filesystem::path temp_dir();
/// @brief Runs a shell command, returns its exit status; output captured in `out`.
int run_command(const std::string& cmd, std::string* out = nullptr);
}  // namespace testing_support
